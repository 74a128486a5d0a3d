// A provider coordinator's cohorts (items 4, 6, 10–13): the list by phase, a new
// cohort, each cohort's participants, final results ("all passed", then the
// exceptions), retests and breaches of the agreement.
import { Composer, type Context, InlineKeyboard } from "grammy";
import { escapeHtml, type TFunction } from "../../i18n/index.js";
import { almatyDate, formatDate, REMOTE_BASES } from "../../rules/index.js";
import {
  COHORT_FIELDS,
  type CohortChange,
  type CohortField,
  cohortsOf,
  createCohort,
  participants,
  providerCohort,
  updateCohort,
} from "../../services/cohorts.js";
import { coordinatorsOfUnit } from "../../services/coordinators.js";
import { grantKey } from "../../services/people.js";
import { recordBreach, recordFinalResult, recordRetest } from "../../services/training-results.js";
import { regionOfUnit } from "../../services/transfers.js";
import type { BotContext } from "../context.js";
import {
  askText,
  type Convo,
  conversationTranslator,
  remind,
  waitForButton,
} from "../conversations/steps.js";
import { buttonGrid, callbackData } from "../keyboards.js";
import { notify } from "../notify.js";
import { deny, providerGrant } from "./unit-scope.js";

export const COHORT_FORM = "cohort-form";
export const COHORT_RESULTS = "cohort-results";
export const COHORT_ACTION = "cohort-action";
export const COHORT_EDIT = "cohort-edit";

export const cohortsFeature = new Composer<BotContext>();

cohortsFeature.callbackQuery(/^co:(\w+)$/, async (ctx) => {
  const grant = providerGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  await ctx.answerCallbackQuery();
  const cohorts = await cohortsOf(
    ctx.deps.db,
    { providerId: grant.providerId },
    almatyDate(ctx.deps.clock()),
  );
  const key = grantKey(grant);
  const keyboard = new InlineKeyboard();
  const lines = [ctx.t("cohorts.title", { count: cohorts.length })];
  for (const phase of ["running", "upcoming", "finished"] as const) {
    const inPhase = cohorts.filter((c) => c.phase === phase);
    if (inPhase.length) lines.push(`\n<b>${ctx.t(`cohorts.phase.${phase}`)}</b>`);
    for (const c of inPhase) {
      lines.push(
        ctx.t("cohorts.line", {
          program: escapeHtml(c.program[ctx.lang]),
          from: formatDate(c.startsOn),
          to: formatDate(c.endsOn),
          enrolled: c.enrolled,
          capacity: c.capacity,
        }),
      );
      keyboard
        .text(`${formatDate(c.startsOn)}–${formatDate(c.endsOn)}`, callbackData("cov", key, c.id))
        .row();
    }
  }
  keyboard
    .text(ctx.t("cohorts.new_button"), callbackData("con", key))
    .row()
    .text(ctx.t("menu.back"), `m:${key}`);
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

const STATUS_ICON = {
  enrolled: "🟡",
  passed: "✅",
  failed: "❌",
  transferred: "🔁",
  withdrawn: "⏸",
} as const;

cohortsFeature.callbackQuery(/^cov:(\w+):(\d+)$/, async (ctx) => {
  const grant = providerGrant(ctx, ctx.match[1] ?? "");
  const cohort =
    grant && (await providerCohort(ctx.deps.db, Number(ctx.match[2]), grant.providerId));
  if (!grant || !cohort) return deny(ctx);
  await ctx.answerCallbackQuery();
  const people = await participants(ctx.deps.db, cohort.id);
  const key = grantKey(grant);
  const lines = [
    `<b>${escapeHtml(ctx.lang === "kk" ? cohort.program_title_kk : cohort.program_title_ru)}</b>`,
    ctx.t("employee.cohort.dates", {
      from: formatDate(cohort.starts_on),
      to: formatDate(cohort.ends_on),
    }),
    ctx.t("employee.cohort.hours", { hours: cohort.academic_hours }),
    ctx.t("cohorts.places", { enrolled: people.length, capacity: cohort.capacity }),
    ...people.map(
      (p, i) =>
        `${i + 1}. ${STATUS_ICON[p.status]} ${escapeHtml(p.name)}${p.agreementConfirmed ? "" : " ✍️"}`,
    ),
    ctx.t("cohorts.legend"),
  ];
  const keyboard = new InlineKeyboard();
  if (people.some((p) => p.status === "enrolled"))
    keyboard.text(ctx.t("cohorts.results_button"), callbackData("cor", key, cohort.id)).row();
  if (people.some((p) => p.status === "failed"))
    keyboard.text(ctx.t("cohorts.retest_button"), callbackData("crt", key, cohort.id)).row();
  if (people.length)
    keyboard.text(ctx.t("cohorts.breach_button"), callbackData("cob", key, cohort.id)).row();
  COHORT_FIELDS.forEach((field, index) => {
    keyboard.text(ctx.t(`cohorts.field.${field}`), callbackData("coe", key, cohort.id, index));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row().text(ctx.t("menu.back"), callbackData("co", key));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

cohortsFeature.callbackQuery(/^coe:(\w+):(\d+):(\d)$/, async (ctx) => {
  const grant = providerGrant(ctx, ctx.match[1] ?? "");
  const cohort =
    grant && (await providerCohort(ctx.deps.db, Number(ctx.match[2]), grant.providerId));
  const field = COHORT_FIELDS[Number(ctx.match[3])];
  if (!grant || !cohort || !field) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(COHORT_EDIT, ctx.match[1], cohort.id, field);
});

cohortsFeature.callbackQuery(/^con:(\w+)$/, async (ctx) => {
  if (!providerGrant(ctx, ctx.match[1] ?? "")) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(COHORT_FORM, ctx.match[1]);
});

cohortsFeature.callbackQuery(/^(cor|crt|cob):(\w+):(\d+)$/, async (ctx) => {
  const grant = providerGrant(ctx, ctx.match[2] ?? "");
  const cohort =
    grant && (await providerCohort(ctx.deps.db, Number(ctx.match[3]), grant.providerId));
  if (!grant || !cohort) return deny(ctx);
  await ctx.answerCallbackQuery();
  if (ctx.match[1] === "cor") await ctx.conversation.enter(COHORT_RESULTS, ctx.match[2], cohort.id);
  else
    await ctx.conversation.enter(
      COHORT_ACTION,
      ctx.match[2],
      cohort.id,
      ctx.match[1] === "crt" ? "retest" : "breach",
    );
});

/** dd.MM.yyyy → ISO, or null. */
function parseDate(text: string): string | null {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2]?.padStart(2, "0")}-${m[1]?.padStart(2, "0")}`;
  return new Date(`${iso}T00:00:00Z`).toISOString().startsWith(iso) ? iso : null;
}

async function askDate(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  question: string,
  accept: (iso: string) => string | null,
): Promise<string> {
  for (;;) {
    const iso = parseDate((await askText(conversation, ctx, t, question)) ?? "");
    const problem = iso === null ? "cohorts.problem.date_invalid" : accept(iso);
    if (iso && !problem) return iso;
    await ctx.reply(t(problem ?? "cohorts.problem.date_invalid"));
  }
}

async function askNumber(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  question: string,
  check: (n: number) => string | null,
): Promise<number> {
  for (;;) {
    const text = (await askText(conversation, ctx, t, question)) ?? "";
    const n = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
    const problem = Number.isNaN(n) ? "cohorts.problem.number" : check(n);
    if (!problem) return n;
    await ctx.reply(t(problem));
  }
}

/** A new cohort: programme, dates, form (and basis), hours (≥ 40), capacity, schedule. */
export async function cohortForm(conversation: Convo, ctx: Context, key: string): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  const today = await conversation.external((outside) => almatyDate(outside.deps.clock()));
  const programKk =
    (await askText(conversation, ctx, t, t("cohorts.ask.program_kk"), { max: 300 })) ?? "";
  const programRu =
    (await askText(conversation, ctx, t, t("cohorts.ask.program_ru"), { max: 300 })) ?? "";
  const startsOn = await askDate(conversation, ctx, t, t("cohorts.ask.starts_on"), (d) =>
    d < today ? "cohorts.problem.past" : null,
  );
  const endsOn = await askDate(conversation, ctx, t, t("cohorts.ask.ends_on"), (d) =>
    d < startsOn ? "cohorts.problem.ends_before_start" : null,
  );
  await ctx.reply(t("cohorts.ask.form"), {
    reply_markup: buttonGrid([
      { label: t("cohorts.form.full_time"), data: "cf:full_time" },
      { label: t("cohorts.form.remote"), data: "cf:remote" },
      { label: t("conversation.cancel_button"), data: "cancel" },
    ]),
  });
  const form = (await waitForButton(conversation, t, /^cf:(full_time|remote)$/)).match[1] as
    | "full_time"
    | "remote";
  let remoteBasis: string | null = null;
  let remoteBasisNote: string | null = null;
  if (form === "remote") {
    // Item 4.2: distance learning only on one of these grounds; there is no "skip".
    await ctx.reply(t("cohorts.ask.basis"), {
      reply_markup: buttonGrid([
        ...REMOTE_BASES.map((b) => ({ label: t(`cohort.remote_basis.${b}`), data: `cb:${b}` })),
        { label: t("conversation.cancel_button"), data: "cancel" },
      ]),
    });
    remoteBasis = (await waitForButton(conversation, t, /^cb:(\w+)$/)).match[1] ?? null;
    remoteBasisNote = await askText(conversation, ctx, t, t("cohorts.ask.basis_note"), {
      max: 300,
      skipLabel: t("employees.form.skip"),
    });
  }
  const academicHours = await askNumber(conversation, ctx, t, t("cohorts.ask.hours"), (n) =>
    n < 40 ? "cohorts.problem.hours_below_minimum" : null,
  );
  const capacity = await askNumber(conversation, ctx, t, t("cohorts.ask.capacity"), (n) =>
    n < 1 ? "cohorts.problem.capacity_not_positive" : null,
  );
  const schedule = await askSchedule(conversation, ctx, t);
  const result = await conversation.external(async (outside) => {
    const grant = providerGrant(outside, key);
    if (!grant) return { ok: false as const, problems: [] };
    return createCohort(outside.deps.db, {
      providerId: grant.providerId,
      programKk,
      programRu,
      startsOn,
      endsOn,
      form,
      remoteBasis,
      remoteBasisNote,
      academicHours,
      capacity,
      scheduleText: schedule.text,
      scheduleFileId: schedule.fileId,
      scheduleFileName: schedule.fileName,
      actor: outside.from?.id ?? 0,
      now: outside.deps.clock(),
    });
  });
  await ctx.reply(
    result.ok
      ? t("cohorts.created", {
          program: escapeHtml(programRu),
          from: formatDate(startsOn),
          to: formatDate(endsOn),
          hours: academicHours,
          capacity,
        })
      : result.problems.map((p) => t(`cohorts.problem.${p}`)).join("\n") || t("errors.no_access"),
    { parse_mode: "HTML" },
  );
}

/** Item 10: the class schedule, as text or as a file (kept by its Telegram file id), or none yet. */
async function askSchedule(conversation: Convo, ctx: Context, t: TFunction) {
  await ctx.reply(t("cohorts.ask.schedule"), {
    reply_markup: new InlineKeyboard()
      .text(t("employees.form.skip"), "step:skip")
      .row()
      .text(t("conversation.cancel_button"), "cancel"),
  });
  const answer = await conversation.waitUntil(
    (c) =>
      c.callbackQuery?.data === "step:skip" ||
      Boolean(c.message?.document) ||
      (typeof c.message?.text === "string" &&
        !c.message.text.startsWith("/") &&
        c.message.text.length <= 3000),
    { otherwise: (c) => remind(c, t("cohorts.problem.schedule")) },
  );
  if (answer.callbackQuery) await answer.answerCallbackQuery();
  const document = answer.message?.document;
  return {
    text: answer.message?.text?.trim() ?? null,
    fileId: document?.file_id ?? null,
    fileName: document?.file_name ?? null,
  };
}

/** Changes one field of a cohort; the rules check the result. */
export async function cohortEdit(
  conversation: Convo,
  ctx: Context,
  key: string,
  cohortId: number,
  field: CohortField,
): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  let change: CohortChange;
  if (field === "schedule") {
    const schedule = await askSchedule(conversation, ctx, t);
    change = { field, ...schedule };
  } else if (field === "academic_hours" || field === "capacity") {
    change = {
      field,
      value: await askNumber(
        conversation,
        ctx,
        t,
        t(`cohorts.ask.${field === "capacity" ? "capacity" : "hours"}`),
        () => null,
      ),
    };
  } else if (field === "starts_on" || field === "ends_on") {
    change = {
      field,
      value: await askDate(conversation, ctx, t, t(`cohorts.ask.${field}`), () => null),
    };
  } else {
    change = {
      field,
      value:
        (await askText(
          conversation,
          ctx,
          t,
          t(`cohorts.ask.${field === "program_title_kk" ? "program_kk" : "program_ru"}`),
          { max: 300 },
        )) ?? "",
    };
  }
  const result = await conversation.external(async (outside) => {
    const grant = providerGrant(outside, key);
    if (!grant) return { ok: false as const, problems: ["not_found" as const] };
    return updateCohort(outside.deps.db, {
      cohortId,
      providerId: grant.providerId,
      change,
      actor: outside.from?.id ?? 0,
      now: outside.deps.clock(),
    });
  });
  await ctx.reply(
    result.ok
      ? t("employees.form.saved")
      : result.problems.map((p) => t(`cohorts.problem.${p}`)).join("\n"),
  );
}

/** Final results: everyone passed by default; the coordinator marks the exceptions. */
export async function cohortResults(
  conversation: Convo,
  ctx: Context,
  key: string,
  cohortId: number,
): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  const setup = await conversation.external(async (outside) => {
    const grant = providerGrant(outside, key);
    const cohort = grant && (await providerCohort(outside.deps.db, cohortId, grant.providerId));
    if (!cohort) return null;
    const people = (await participants(outside.deps.db, cohortId)).filter(
      (p) => p.status === "enrolled",
    );
    return {
      startsOn: cohort.starts_on,
      today: almatyDate(outside.deps.clock()),
      people: people.map((p) => ({ id: p.enrolmentId, name: p.name })),
    };
  });
  if (!setup || setup.people.length === 0) return;
  const takenOn = await askDate(conversation, ctx, t, t("cohorts.ask.test_date"), (d) =>
    d > setup.today
      ? "cohorts.problem.future"
      : d < setup.startsOn
        ? "cohorts.problem.before_start"
        : null,
  );
  const failed = new Set<number>();
  const board = () => ({
    text: [
      t("cohorts.results_board", { date: formatDate(takenOn) }),
      ...setup.people.map(
        (p, i) => `${i + 1}. ${failed.has(p.id) ? "❌" : "✅"} ${escapeHtml(p.name)}`,
      ),
    ].join("\n"),
    keyboard: buttonGrid(
      [
        ...setup.people.map((p, i) => ({
          label: `${failed.has(p.id) ? "❌" : "✅"} ${i + 1}`,
          data: `rs:t:${p.id}`,
        })),
        { label: t("cohorts.save_results"), data: "rs:save" },
        { label: t("conversation.cancel_button"), data: "cancel" },
      ],
      5,
    ),
  });
  const first = board();
  await ctx.reply(first.text, { parse_mode: "HTML", reply_markup: first.keyboard });
  for (;;) {
    const step = await waitForButton(conversation, t, /^rs:(save|t:\d+)$/);
    if (step.match[1] === "save") break;
    const id = Number(step.match[1]?.slice(2));
    if (failed.has(id)) failed.delete(id);
    else failed.add(id);
    const next = board();
    await step.editMessageText(next.text, { parse_mode: "HTML", reply_markup: next.keyboard });
  }
  const summary = await conversation.external(async (outside) => {
    const grant = providerGrant(outside, key);
    if (!grant) return null;
    const outcomes = [];
    for (const p of setup.people) {
      const outcome = await recordFinalResult(outside.deps.db, {
        providerId: grant.providerId,
        enrolmentId: p.id,
        passed: !failed.has(p.id),
        takenOn,
        actor: outside.from?.id ?? 0,
        now: outside.deps.clock(),
      });
      if (outcome) outcomes.push(outcome);
    }
    for (const o of outcomes)
      await tellResult(outside, o.employeeTelegramId, o.passed, o.certificateNumber);
    return {
      passed: outcomes.filter((o) => o.passed).map((o) => o.certificateNumber),
      failed: outcomes.filter((o) => !o.passed).length,
    };
  });
  if (!summary) return;
  await ctx.reply(
    t("cohorts.results_saved", {
      passed: summary.passed.length,
      failed: summary.failed,
      numbers: summary.passed.join(", ") || "—",
    }),
  );
}

async function tellResult(
  ctx: BotContext,
  telegramId: number | null,
  passed: boolean,
  number: string | null,
) {
  if (telegramId === null) return;
  await notify(
    ctx.deps.db,
    telegramId,
    {
      key: passed ? "cohorts.notify_passed" : "cohorts.notify_failed",
      audience: "employee",
      params: { number: number ?? "" },
      buttons: [{ labelKey: "employee.menu.documents", data: "ed" }],
    },
    ctx.deps.clock(),
  );
}

/** A retest (item 13.1) or a breach (item 11) for one participant. */
export async function cohortAction(
  conversation: Convo,
  ctx: Context,
  key: string,
  cohortId: number,
  action: "retest" | "breach",
): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  const people = await conversation.external(async (outside) => {
    const grant = providerGrant(outside, key);
    if (!grant || !(await providerCohort(outside.deps.db, cohortId, grant.providerId))) return [];
    const all = await participants(outside.deps.db, cohortId);
    return all
      .filter((p) => (action === "retest" ? p.status === "failed" : true))
      .map((p) => ({ id: p.enrolmentId, name: p.name }));
  });
  if (people.length === 0) return;
  await ctx.reply(t(`cohorts.pick_${action}`), {
    reply_markup: buttonGrid([
      ...people.map((p) => ({ label: p.name.slice(0, 60), data: `ca:${p.id}` })),
      { label: t("conversation.cancel_button"), data: "cancel" },
    ]),
  });
  const enrolmentId = Number((await waitForButton(conversation, t, /^ca:(\d+)$/)).match[1]);
  if (action === "breach") {
    const description =
      (await askText(conversation, ctx, t, t("cohorts.ask.breach"), { max: 1000 })) ?? "";
    const done = await conversation.external((outside) =>
      breach(outside, key, enrolmentId, description),
    );
    await ctx.reply(t(done ? "cohorts.breach_saved" : "errors.no_access"));
    return;
  }
  const today = await conversation.external((outside) => almatyDate(outside.deps.clock()));
  const takenOn = await askDate(conversation, ctx, t, t("cohorts.ask.test_date"), (d) =>
    d > today ? "cohorts.problem.future" : null,
  );
  await ctx.reply(t("cohorts.ask.retest_result"), {
    reply_markup: buttonGrid(
      [
        { label: t("cohorts.passed"), data: "rr:1" },
        { label: t("cohorts.failed"), data: "rr:0" },
      ],
      2,
    ),
  });
  const passed = (await waitForButton(conversation, t, /^rr:([01])$/)).match[1] === "1";
  const result = await conversation.external(async (outside) => {
    const grant = providerGrant(outside, key);
    if (!grant) return { ok: false as const, reason: "not_found" as const };
    const recorded = await recordRetest(outside.deps.db, {
      providerId: grant.providerId,
      enrolmentId,
      passed,
      takenOn,
      actor: outside.from?.id ?? 0,
      now: outside.deps.clock(),
    });
    if (recorded.ok)
      await tellResult(
        outside,
        recorded.outcome.employeeTelegramId,
        passed,
        recorded.outcome.certificateNumber,
      );
    return recorded.ok
      ? { ok: true as const, number: recorded.outcome.certificateNumber }
      : recorded;
  });
  await ctx.reply(
    result.ok
      ? t(passed ? "cohorts.retest_passed" : "cohorts.retest_failed", {
          number: result.number ?? "",
        })
      : t(`cohorts.retest_refused.${result.reason}`),
  );
}

async function breach(
  ctx: BotContext,
  key: string,
  enrolmentId: number,
  description: string,
): Promise<boolean> {
  const grant = providerGrant(ctx, key);
  if (!grant) return false;
  const recorded = await recordBreach(ctx.deps.db, {
    providerId: grant.providerId,
    enrolmentId,
    description,
    actor: ctx.from?.id ?? 0,
    now: ctx.deps.clock(),
  });
  if (!recorded) return false;
  const regionId = await regionOfUnit(ctx.deps.db, recorded.unitId);
  for (const coordinator of await coordinatorsOfUnit(
    ctx.deps.db,
    regionId,
    "regional_coordinator",
  )) {
    await notify(
      ctx.deps.db,
      coordinator.telegramId,
      {
        key: "cohorts.notify_breach",
        params: (language) => ({
          name: recorded.employeeName,
          provider: recorded.providerName[language],
          description,
        }),
      },
      ctx.deps.clock(),
    );
  }
  return true;
}
