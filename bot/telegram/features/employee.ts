// What an employee does in the bot: see their training status and why they are
// due (item 6, 7), their cohort and the head's order (items 9, 10), confirm the
// agreement (item 11), and start a transfer request (item 13.2). Everything is
// read for the employee record bound to the sender; callback data never names it.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { cohortIcs } from "../../documents/cohort-ics.js";
import { escapeHtml, translateKey } from "../../i18n/index.js";
import { almatyDate, formatDate, formatDateTime, listYearFor } from "../../rules/index.js";
import { confirmAgreement } from "../../services/agreement.js";
import { cohortCalendar } from "../../services/cohort-calendar.js";
import { currentEnrolment, type EnrolmentView, trainingOverview } from "../../services/training.js";
import type { BotContext } from "../context.js";
import { TRANSFER_REQUEST } from "../conversations/transfer-request.js";

export const employeeFeature = new Composer<BotContext>();

function employeeGrant(ctx: BotContext) {
  const grant = ctx.person?.grants.find((g) => g.role === "employee");
  return grant?.role === "employee" ? grant : undefined;
}

/** Runs the handler for the sender's own employee record, or says they have none. */
function asEmployee(handler: (ctx: BotContext, employeeId: number) => Promise<unknown>) {
  return async (ctx: BotContext) => {
    const grant = employeeGrant(ctx);
    if (!grant) {
      await ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
      return;
    }
    await ctx.answerCallbackQuery();
    await handler(ctx, grant.employeeId);
  };
}

const backToMenu = (ctx: BotContext) => new InlineKeyboard().text(ctx.t("menu.back"), "m:e");

function statusLine(ctx: BotContext, overview: Awaited<ReturnType<typeof trainingOverview>>) {
  const s = overview.status;
  switch (s.kind) {
    case "never_trained":
      return ctx.t("employee.status.never_trained");
    case "up_to_date":
      return ctx.t("employee.status.up_to_date", { date: formatDate(s.dueOn), days: s.daysLeft });
    case "due_soon":
      return ctx.t("employee.status.due_soon", { date: formatDate(s.dueOn), days: s.daysLeft });
    case "overdue":
      return ctx.t("employee.status.overdue", { date: formatDate(s.dueOn), days: s.daysOverdue });
  }
}

function certificateLine(ctx: BotContext, overview: Awaited<ReturnType<typeof trainingOverview>>) {
  const c = overview.lastCertificate;
  if (!c) return ctx.t("employee.status.no_certificate");
  const parts = [
    c.number ? `№ ${escapeHtml(c.number)}` : null,
    c.provider ? escapeHtml(c.provider[ctx.lang]) : null,
    formatDate(c.issuedOn),
    c.academicHours ? ctx.t("employee.hours", { hours: c.academicHours }) : null,
  ];
  return ctx.t("employee.status.certificate", { details: parts.filter(Boolean).join(", ") });
}

function enrolmentLines(ctx: BotContext, enrolment: EnrolmentView | null): string[] {
  // A passed training shows as the last certificate; only an open or failed one here.
  if (!enrolment || enrolment.status === "passed") return [ctx.t("employee.status.no_cohort")];
  const c = enrolment.cohort;
  const cohortLine = ctx.t("employee.status.cohort", {
    program: escapeHtml(c.program[ctx.lang]),
    provider: escapeHtml(c.provider[ctx.lang]),
    from: formatDate(c.startsOn),
    to: formatDate(c.endsOn),
  });
  if (enrolment.status === "failed") return [cohortLine, ctx.t("employee.status.cohort_failed")];
  return [
    cohortLine,
    enrolment.agreementConfirmedAt
      ? ctx.t("employee.status.agreement_confirmed", {
          at: formatDateTime(enrolment.agreementConfirmedAt),
        })
      : ctx.t("employee.status.agreement_pending"),
  ];
}

employeeFeature.callbackQuery(
  "es",
  asEmployee(async (ctx, employeeId) => {
    const now = ctx.deps.clock();
    const overview = await trainingOverview(ctx.deps.db, employeeId, now);
    const list = overview.nextYearList;
    const lines = [
      ctx.t("employee.status.title"),
      certificateLine(ctx, overview),
      statusLine(ctx, overview),
      ctx.t("employee.status.why"),
      list
        ? ctx.t("employee.status.on_list", {
            year: list.year,
            status: translateKey(ctx.t, `lists.status.${list.status}`),
          })
        : ctx.t("employee.status.not_on_list", { year: listYearFor(now) }),
      ...enrolmentLines(ctx, overview.enrolment),
    ];
    if (overview.retestsLeft !== null) {
      lines.push(ctx.t("employee.status.retests_left", { count: overview.retestsLeft }));
    }
    await ctx.reply(lines.join("\n\n"), { parse_mode: "HTML", reply_markup: backToMenu(ctx) });
  }),
);

function cohortText(ctx: BotContext, enrolment: EnrolmentView): string {
  const c = enrolment.cohort;
  const form =
    c.form === "remote"
      ? ctx.t("employee.cohort.form_remote", {
          basis: translateKey(
            ctx.t,
            `cohort.remote_basis.${c.remoteBasis ?? "emergency_declared"}`,
          ),
          note: c.remoteBasisNote ? ` (${escapeHtml(c.remoteBasisNote)})` : "",
        })
      : ctx.t("employee.cohort.form_full_time");
  return [
    ctx.t("employee.cohort.title"),
    ctx.t("employee.cohort.program", { program: escapeHtml(c.program[ctx.lang]) }),
    ctx.t("employee.cohort.provider", { provider: escapeHtml(c.provider[ctx.lang]) }),
    ctx.t("employee.cohort.dates", { from: formatDate(c.startsOn), to: formatDate(c.endsOn) }),
    form,
    ctx.t("employee.cohort.hours", { count: c.academicHours }),
    ctx.t("employee.cohort.order", {
      number: escapeHtml(enrolment.orderNumber),
      date: formatDate(enrolment.orderDate),
    }),
    c.scheduleText
      ? ctx.t("employee.cohort.schedule", { schedule: escapeHtml(c.scheduleText) })
      : c.scheduleFileId
        ? ctx.t("employee.cohort.schedule_file")
        : ctx.t("employee.cohort.schedule_missing"),
  ].join("\n");
}

/** The cohort as a calendar file (.ics) with its current dates and a reminder the day before. */
async function sendCohortCalendar(ctx: BotContext, cohortId: number): Promise<void> {
  const calendar = await cohortCalendar(ctx.deps.db, cohortId);
  if (!calendar) return;
  const file = cohortIcs(calendar, ctx.lang);
  await ctx.replyWithDocument(new InputFile(file.bytes, file.fileName), {
    caption: ctx.t("calendar.file_caption"),
  });
}

employeeFeature.callbackQuery(
  "ec",
  asEmployee(async (ctx, employeeId) => {
    const enrolment = await currentEnrolment(ctx.deps.db, employeeId, almatyDate(ctx.deps.clock()));
    if (enrolment?.status !== "enrolled") {
      await ctx.reply(ctx.t("employee.cohort.none"), { reply_markup: backToMenu(ctx) });
      return;
    }
    const keyboard = new InlineKeyboard();
    if (!enrolment.agreementConfirmedAt)
      keyboard.text(ctx.t("employee.menu.agreement"), "ea").row();
    keyboard.text(ctx.t("menu.back"), "m:e");
    // The calendar file first, so the screen with its buttons stays at the bottom.
    await sendCohortCalendar(ctx, enrolment.cohort.id);
    await ctx.reply(cohortText(ctx, enrolment), { parse_mode: "HTML", reply_markup: keyboard });
    if (enrolment.cohort.scheduleFileId) {
      await ctx.replyWithDocument(enrolment.cohort.scheduleFileId, {
        caption: ctx.t("employee.cohort.schedule_caption"),
      });
    }
  }),
);

employeeFeature.callbackQuery(
  "ea",
  asEmployee(async (ctx, employeeId) => {
    const enrolment = await currentEnrolment(ctx.deps.db, employeeId, almatyDate(ctx.deps.clock()));
    if (enrolment?.status !== "enrolled") {
      await ctx.reply(ctx.t("employee.agreement.no_cohort"), { reply_markup: backToMenu(ctx) });
      return;
    }
    const conditions = ctx.t("employee.agreement.conditions", {
      provider: escapeHtml(enrolment.cohort.provider[ctx.lang]),
    });
    if (enrolment.agreementConfirmedAt) {
      const confirmed = ctx.t("employee.agreement.confirmed_at", {
        at: formatDateTime(enrolment.agreementConfirmedAt),
      });
      await ctx.reply(`${conditions}\n\n${confirmed}`, {
        parse_mode: "HTML",
        reply_markup: backToMenu(ctx),
      });
      return;
    }
    const keyboard = new InlineKeyboard()
      .text(ctx.t("employee.agreement.confirm_button"), `ea:ok:${enrolment.enrolmentId}`)
      .row()
      .text(ctx.t("menu.back"), "m:e");
    await ctx.reply(conditions, { parse_mode: "HTML", reply_markup: keyboard });
  }),
);

employeeFeature.callbackQuery(/^ea:ok:(\d+)$/, async (ctx) => {
  const grant = employeeGrant(ctx);
  const enrolmentId = Number(ctx.match[1]);
  const result = grant
    ? await confirmAgreement(ctx.deps.db, {
        employeeId: grant.employeeId,
        enrolmentId,
        actor: ctx.from.id,
        now: ctx.deps.clock(),
      })
    : undefined;
  if (!result) {
    await ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: backToMenu(ctx) });
  await ctx.reply(
    ctx.t("employee.agreement.confirmed_at", { at: formatDateTime(result.confirmedAt) }),
    {
      parse_mode: "HTML",
    },
  );
});

employeeFeature.callbackQuery(
  "et",
  asEmployee(async (ctx) => {
    await ctx.conversation.enter(TRANSFER_REQUEST);
  }),
);
