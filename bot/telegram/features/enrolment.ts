// Regional coordinators send employees to training by the head's order (item 9):
// a cohort, then people from the approved consolidated list (several at once, page
// by page), then the order's number and date. Each employee is told the dates, the
// organization and the order, and asked to confirm the agreement (item 11).
import { Composer, type Context, InlineKeyboard } from "grammy";
import { escapeHtml, type TFunction } from "../../i18n/index.js";
import { almatyDate, formatDate } from "../../rules/index.js";
import { cohortsOf } from "../../services/cohorts.js";
import { grantKey } from "../../services/people.js";
import {
  approvedListEmployees,
  breachesOf,
  enrolByOrder,
} from "../../services/training-results.js";
import type { BotContext } from "../context.js";
import {
  askText,
  type Convo,
  conversationTranslator,
  waitForButton,
} from "../conversations/steps.js";
import { buttonGrid, callbackData } from "../keyboards.js";
import { notify } from "../notify.js";
import { deny, regionalGrant } from "./unit-scope.js";

export const ENROLMENT = "enrolment";
const PAGE_SIZE = 8;

export const enrolmentFeature = new Composer<BotContext>();

enrolmentFeature.callbackQuery(/^en:(\w+)$/, async (ctx) => {
  if (!regionalGrant(ctx, ctx.match[1] ?? "")) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(ENROLMENT, ctx.match[1]);
});

enrolmentFeature.callbackQuery(/^br:(\w+)$/, async (ctx) => {
  const grant = regionalGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  await ctx.answerCallbackQuery();
  const breaches = await breachesOf(ctx.deps.db, grant.unitId);
  const lines = breaches.map((b) =>
    ctx.t("breaches.line", {
      date: formatDate(almatyDate(b.recorded_at)),
      name: escapeHtml(`${b.last_name} ${b.first_name}`),
      unit: escapeHtml(ctx.lang === "kk" ? b.unit_kk : b.unit_ru),
      provider: escapeHtml(ctx.lang === "kk" ? b.name_kk : b.name_ru),
      description: escapeHtml(b.description),
    }),
  );
  await ctx.reply(
    [ctx.t(lines.length ? "breaches.title" : "breaches.none"), ...lines].join("\n\n"),
    {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(ctx.t("menu.back"), `m:${grantKey(grant)}`),
    },
  );
});

interface Candidate {
  id: number;
  name: string;
}

export async function enrolment(conversation: Convo, ctx: Context, key: string): Promise<void> {
  const { lang, t } = await conversationTranslator(conversation);
  const cohorts = await conversation.external(async (outside) => {
    const today = almatyDate(outside.deps.clock());
    return (await cohortsOf(outside.deps.db, {}, today)).filter(
      (c) => c.phase !== "finished" && c.enrolled < c.capacity,
    );
  });
  if (cohorts.length === 0) {
    await ctx.reply(t("enrol.no_cohorts"));
    return;
  }
  await ctx.reply(
    [
      t("enrol.pick_cohort"),
      ...cohorts.map((c, i) =>
        t("enrol.cohort_line", {
          n: i + 1,
          program: escapeHtml(c.program[lang]),
          provider: escapeHtml(c.providerName[lang]),
          from: formatDate(c.startsOn),
          to: formatDate(c.endsOn),
          places: c.capacity - c.enrolled,
        }),
      ),
    ].join("\n"),
    {
      parse_mode: "HTML",
      reply_markup: buttonGrid(
        [
          ...cohorts.map((c, i) => ({
            label: `${i + 1}. ${formatDate(c.startsOn)}`,
            data: callbackData("enc", c.id),
          })),
          { label: t("conversation.cancel_button"), data: "cancel" },
        ],
        2,
      ),
    },
  );
  const cohortId = Number((await waitForButton(conversation, t, /^enc:(\d+)$/)).match[1]);
  const cohort = cohorts.find((c) => c.id === cohortId);
  if (!cohort) return;

  const candidates = await conversation.external((outside) =>
    candidatesFor(outside, key, Number(cohort.startsOn.slice(0, 4))),
  );
  if (candidates === null) {
    await ctx.reply(t("enrol.list_not_approved", { year: cohort.startsOn.slice(0, 4) }));
    return;
  }
  if (candidates.length === 0) {
    await ctx.reply(t("enrol.nobody"));
    return;
  }
  const chosen = await pickPeople(
    conversation,
    ctx,
    t,
    candidates,
    cohort.capacity - cohort.enrolled,
  );
  const orderNumber =
    (await askText(conversation, ctx, t, t("enrol.ask_order_number"), { max: 50 })) ?? "";
  let orderDate: string | null = null;
  while (!orderDate) {
    const text = (await askText(conversation, ctx, t, t("enrol.ask_order_date"))) ?? "";
    const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
    orderDate = m ? `${m[3]}-${m[2]?.padStart(2, "0")}-${m[1]?.padStart(2, "0")}` : null;
    if (!orderDate || Number.isNaN(Date.parse(orderDate))) {
      orderDate = null;
      await ctx.reply(t("employees.problem.date_invalid"));
    }
  }
  const outcome = await conversation.external(async (outside) => {
    const grant = regionalGrant(outside, key);
    if (!grant) return { ok: false as const, reason: "cohort_not_found" as const };
    const result = await enrolByOrder(outside.deps.db, {
      regionId: grant.unitId,
      cohortId,
      employeeIds: chosen,
      orderNumber,
      orderDate: orderDate ?? "",
      actor: outside.from?.id ?? 0,
      now: outside.deps.clock(),
    });
    if (result.ok)
      await tellEnrolled(outside, result.enrolled, cohort, orderNumber, orderDate ?? "");
    return result;
  });
  if (!outcome.ok) {
    await ctx.reply(
      t(`enrol.refused.${outcome.reason}`, {
        places: "placesLeft" in outcome ? outcome.placesLeft : 0,
      }),
    );
    return;
  }
  await ctx.reply(
    t("enrol.done", {
      count: outcome.enrolled.length,
      already: outcome.alreadyEnrolled.length,
      number: escapeHtml(orderNumber),
      date: formatDate(orderDate ?? ""),
    }),
    { parse_mode: "HTML" },
  );
}

/** People of the approved consolidated list who are not in a cohort yet; null if the list is not approved. */
async function candidatesFor(
  ctx: BotContext,
  key: string,
  year: number,
): Promise<Candidate[] | null> {
  const grant = regionalGrant(ctx, key);
  if (!grant) return [];
  const ids = await approvedListEmployees(ctx.deps.db, grant.unitId, year);
  if (ids.length === 0) return null;
  const rows = await ctx.deps.db
    .selectFrom("employees as e")
    .select(["e.id", "e.last_name", "e.first_name"])
    .where("e.id", "in", ids)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("enrolments as en")
            .select("en.id")
            .whereRef("en.employee_id", "=", "e.id")
            .where("en.status", "=", "enrolled"),
        ),
      ),
    )
    .orderBy("e.last_name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: `${r.last_name} ${r.first_name}` }));
}

/** A multi-select over pages: ☑/☐ per person, ‹ › between pages, 🔎 by surname, then "Next". */
async function pickPeople(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  candidates: Candidate[],
  places: number,
): Promise<number[]> {
  const chosen = new Set<number>();
  let page = 0;
  let search = "";
  const visible = () =>
    candidates.filter((c) => c.name.toLowerCase().startsWith(search.toLowerCase()));
  const view = () => {
    const all = visible();
    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    const keyboard = new InlineKeyboard();
    for (const c of all.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) {
      keyboard.text(`${chosen.has(c.id) ? "☑" : "☐"} ${c.name}`.slice(0, 60), `ep:t:${c.id}`).row();
    }
    if (page > 0) keyboard.text("‹", "ep:p:-1");
    if (page < pages - 1) keyboard.text("›", "ep:p:1");
    keyboard.row().text(t("enrol.search_button"), "ep:s");
    if (search) keyboard.text(t("enrol.show_all_button"), "ep:a");
    keyboard
      .row()
      .text(t("enrol.next_button", { count: chosen.size }), "ep:next")
      .row()
      .text(t("conversation.cancel_button"), "cancel");
    return {
      text: t("enrol.pick_people", { chosen: chosen.size, places, page: page + 1, pages }),
      keyboard,
    };
  };
  const first = view();
  await ctx.reply(first.text, { reply_markup: first.keyboard });
  for (;;) {
    const step = await waitForButton(conversation, t, /^ep:(next|s|a|t:\d+|p:-?1)$/);
    const action = step.match[1] ?? "";
    if (action === "next" && chosen.size > 0) return [...chosen];
    if (action === "s") {
      search = (await askText(conversation, ctx, t, t("enrol.search_prompt"), { max: 40 })) ?? "";
      page = 0;
      const next = view();
      await ctx.reply(next.text, { reply_markup: next.keyboard });
      continue;
    }
    if (action === "a") search = "";
    if (action.startsWith("t:")) {
      const id = Number(action.slice(2));
      if (chosen.has(id)) chosen.delete(id);
      else chosen.add(id);
    }
    if (action.startsWith("p:")) page = Math.max(0, page + Number(action.slice(2)));
    if (action === "next") continue;
    const next = view();
    await step.editMessageText(next.text, { reply_markup: next.keyboard });
  }
}

async function tellEnrolled(
  ctx: BotContext,
  employeeIds: number[],
  cohort: Awaited<ReturnType<typeof cohortsOf>>[number],
  orderNumber: string,
  orderDate: string,
) {
  if (employeeIds.length === 0) return;
  const people = await ctx.deps.db
    .selectFrom("employees")
    .select("telegram_user_id")
    .where("id", "in", employeeIds)
    .where("telegram_user_id", "is not", null)
    .execute();
  for (const person of people) {
    await notify(
      ctx.deps.db,
      person.telegram_user_id ?? 0,
      {
        key: "enrol.notify_employee",
        audience: "employee",
        params: (language) => ({
          program: cohort.program[language],
          provider: cohort.providerName[language],
          from: formatDate(cohort.startsOn),
          to: formatDate(cohort.endsOn),
          number: orderNumber,
          date: formatDate(orderDate),
        }),
        buttons: [
          { labelKey: "employee.menu.agreement", data: "ea" },
          { labelKey: "employee.menu.cohort", data: "ec" },
        ],
      },
      ctx.deps.clock(),
    );
  }
}
