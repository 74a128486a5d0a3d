// Regional coordinators send employees to training by the head's order (item 9):
// a cohort, then people from the approved consolidated list (several at once, page
// by page), then the order's number and date. Each employee is told the dates, the
// organization and the order, and asked to confirm the agreement (item 11).
import { Composer } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate } from "../../../rules/index.js";
import { cohortsOf } from "../../../services/cohorts.js";
import { enrolByOrder, enrolmentCandidates } from "../../../services/training-results.js";
import { cohortList } from "../../cohort-options.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { askDate, askText, type Convo } from "../../conversations/steps.js";
import { backToMenu, buttonGrid, cancelButton } from "../../keyboards.js";
import { waitForRoute } from "../../routing.js";
import { asGrant, entersConversation, type RegionRef, regionRef, stamp } from "../area.js";
import { offerOrderDraft } from "./order-draft.js";
import { pickPeople } from "./pick-people.js";

export const ENROLMENT = "enrolment";

export const enrolmentScreens = new Composer<BotContext>();

entersConversation(enrolmentScreens, routes.enrol, ENROLMENT, (_, { grant }) => [regionRef(grant)]);

/** The cohorts that still take people (not finished, places left), and the one picked. */
async function pickCohort(conversation: Convo, ctx: ConversationContext, region: RegionRef) {
  const { t, lang } = ctx;
  const cohorts = await conversation.external(async (outside) => {
    const today = almatyDate(outside.deps.clock());
    return (await cohortsOf(outside.deps.db, {}, today)).filter(
      (c) => c.phase !== "finished" && c.enrolled < c.capacity,
    );
  });
  if (cohorts.length === 0) {
    await ctx.reply(t("enrol.no_cohorts"), { reply_markup: backToMenu(t, region) });
    return null;
  }
  const offered = cohorts.map((c) => ({
    ...c,
    provider: c.providerName,
    placesLeft: c.capacity - c.enrolled,
  }));
  const list = cohortList(t, lang, offered, "enrol.cohort_line");
  await ctx.reply(`${t("enrol.pick_cohort")}\n${list}`, {
    parse_mode: "HTML",
    reply_markup: buttonGrid(
      [
        ...cohorts.map((c, i) => ({
          label: `${i + 1}. ${formatDate(c.startsOn)}`,
          data: routes.enrolCohort.pack({ cohort: c.id }),
        })),
        cancelButton(t),
      ],
      2,
    ),
  });
  const { cohort } = (await waitForRoute(conversation, routes.enrolCohort)).press;
  return cohorts.find((c) => c.id === cohort) ?? null;
}

export async function enrolment(
  conversation: Convo,
  ctx: ConversationContext,
  region: RegionRef,
): Promise<void> {
  const { t } = ctx;
  const cohort = await pickCohort(conversation, ctx, region);
  if (!cohort) return;
  const year = cohort.startsOn.slice(0, 4);
  // People of the approved consolidated list not in a cohort yet; null if the list is not approved.
  const found = await asGrant(conversation, region, async (outside, grant) => ({
    candidates: await enrolmentCandidates(outside.deps.db, grant.unitId, Number(year)),
  }));
  const candidates = found ? found.candidates : [];
  if (candidates === null) {
    await ctx.reply(t("enrol.list_not_approved", { year }), {
      reply_markup: backToMenu(t, region),
    });
    return;
  }
  if (candidates.length === 0) {
    await ctx.reply(t("enrol.nobody"), { reply_markup: backToMenu(t, region) });
    return;
  }
  const chosen = await pickPeople(conversation, ctx, candidates, cohort.capacity - cohort.enrolled);
  await offerOrderDraft(conversation, ctx, { region, cohortId: cohort.id, employeeIds: chosen });
  const orderNumber =
    (await askText(conversation, ctx, t, t("enrol.ask_order_number"), { max: 50 })) ?? "";
  const orderDate = await askDate(
    conversation,
    ctx,
    t,
    t("enrol.ask_order_date"),
    () => null,
    "employees.problem.date_invalid",
  );
  const outcome = (await asGrant(conversation, region, (outside, grant) =>
    enrolByOrder(outside.deps.db, {
      regionId: grant.unitId,
      cohortId: cohort.id,
      employeeIds: chosen,
      orderNumber,
      orderDate,
      ...stamp(outside),
    }),
  )) ?? { ok: false as const, reason: "cohort_not_found" as const };
  const back = backToMenu(t, region);
  if (!outcome.ok) {
    await ctx.reply(
      t(`enrol.refused.${outcome.reason}`, {
        places: "placesLeft" in outcome ? outcome.placesLeft : 0,
      }),
      { reply_markup: back },
    );
    return;
  }
  const lines = [
    t("enrol.done", {
      count: outcome.enrolled.length,
      already: outcome.alreadyEnrolled.length,
      number: escapeHtml(orderNumber),
      date: formatDate(orderDate),
    }),
    outcome.notReached.length
      ? t("enrol.not_reached", { names: escapeHtml(outcome.notReached.join(", ")) })
      : outcome.enrolled.length
        ? t("enrol.all_notified")
        : "",
  ];
  await ctx.reply(lines.filter(Boolean).join("\n"), { parse_mode: "HTML", reply_markup: back });
}
