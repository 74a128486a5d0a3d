// A new cohort (items 4, 6, 10): programme in both languages, dates, form (and the
// ground for distance learning), hours (at least 40), capacity and schedule.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate, REMOTE_BASES } from "../../../rules/index.js";
import { createCohort } from "../../../services/cohorts.js";
import { refuse } from "../../../services/outcome.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { askDate, askText, type Convo } from "../../conversations/steps.js";
import { buttonGrid, cancelButton } from "../../keyboards.js";
import { waitForRoute } from "../../routing.js";
import { asGrant, entersConversation, type ProviderRef, providerRef, stamp } from "../area.js";
import { askNumber, askSchedule } from "./steps.js";

export const COHORT_FORM = "cohort-form";

export const cohortCreateScreens = new Composer<BotContext>();

entersConversation(cohortCreateScreens, routes.cohortNew, COHORT_FORM, (_, { grant }) => [
  providerRef(grant),
]);

/** Full-time or distance; distance only on one of the grounds of item 4.2 (no "skip"). */
async function askForm(conversation: Convo, ctx: ConversationContext) {
  const { t } = ctx;
  await ctx.reply(t("cohorts.ask.form"), {
    reply_markup: buttonGrid([
      { label: t("cohorts.form.full_time"), data: routes.cohortForm.pack({ form: "full_time" }) },
      { label: t("cohorts.form.remote"), data: routes.cohortForm.pack({ form: "remote" }) },
      cancelButton(t),
    ]),
  });
  const { form } = (await waitForRoute(conversation, routes.cohortForm)).press;
  if (form === "full_time") return { form, remoteBasis: null, remoteBasisNote: null };
  await ctx.reply(t("cohorts.ask.basis"), {
    reply_markup: buttonGrid([
      ...REMOTE_BASES.map((basis) => ({
        label: t(`cohort.remote_basis.${basis}`),
        data: routes.cohortRemoteBasis.pack({ basis }),
      })),
      cancelButton(t),
    ]),
  });
  const { basis } = (await waitForRoute(conversation, routes.cohortRemoteBasis)).press;
  const note = await askText(conversation, ctx, t, t("cohorts.ask.basis_note"), {
    max: 300,
    skipLabel: t("employees.form.skip"),
  });
  return { form, remoteBasis: basis, remoteBasisNote: note };
}

export async function cohortForm(
  conversation: Convo,
  ctx: ConversationContext,
  provider: ProviderRef,
): Promise<void> {
  const { t } = ctx;
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
  const form = await askForm(conversation, ctx);
  const academicHours = await askNumber(conversation, ctx, t("cohorts.ask.hours"), (n) =>
    n < 40 ? "cohorts.problem.hours_below_minimum" : null,
  );
  const capacity = await askNumber(conversation, ctx, t("cohorts.ask.capacity"), (n) =>
    n < 1 ? "cohorts.problem.capacity_not_positive" : null,
  );
  const schedule = await askSchedule(conversation, ctx);
  const result =
    (await asGrant(conversation, provider, (outside, grant) =>
      createCohort(outside.deps.db, {
        providerId: grant.providerId,
        programKk,
        programRu,
        startsOn,
        endsOn,
        ...form,
        academicHours,
        capacity,
        scheduleText: schedule.text,
        scheduleFileId: schedule.fileId,
        scheduleFileName: schedule.fileName,
        ...stamp(outside),
      }),
    )) ?? refuse("role_revoked");
  const keyboard = new InlineKeyboard();
  if (result.ok)
    keyboard
      .text(t("cohorts.back_to_cohort"), routes.cohort.pack({ grant: provider, cohort: result.id }))
      .row();
  keyboard.text(t("menu.back"), routes.cohorts.pack({ grant: provider }));
  await ctx.reply(
    result.ok
      ? t("cohorts.created", {
          // The programme's name in the language of the person who created it.
          program: escapeHtml(ctx.lang === "kk" ? programKk : programRu),
          from: formatDate(startsOn),
          to: formatDate(endsOn),
          hours: academicHours,
          capacity,
        })
      : result.reason === "invalid"
        ? result.problems.map((p) => t(`cohorts.problem.${p}`)).join("\n")
        : t("errors.no_access"),
    { parse_mode: "HTML", reply_markup: keyboard },
  );
}
