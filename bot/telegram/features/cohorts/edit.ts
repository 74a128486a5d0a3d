// Changes one term of a cohort; the service checks the result against the rules
// and against what already happened (participants, tests).
import { Composer } from "grammy";
import { routes } from "../../../routes/index.js";
import { almatyDate, type CohortField } from "../../../rules/index.js";
import { type CohortChange, updateCohort } from "../../../services/cohorts.js";
import { refuse } from "../../../services/outcome.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { askDate, askText, type Convo } from "../../conversations/steps.js";
import { asGrant, entersConversation, type ProviderRef, stamp } from "../area.js";
import { askNumber, askSchedule, backToCohort, ownCohort } from "./steps.js";

export const COHORT_EDIT = "cohort-edit";

export const cohortEditScreens = new Composer<BotContext>();

entersConversation(cohortEditScreens, routes.cohortEdit, COHORT_EDIT, (ctx, press) =>
  ownCohort(ctx, press.grant, press.cohort, press.field),
);

async function askChange(
  conversation: Convo,
  ctx: ConversationContext,
  field: CohortField,
): Promise<CohortChange> {
  const { t } = ctx;
  if (field === "schedule") return { field, ...(await askSchedule(conversation, ctx)) };
  if (field === "academic_hours" || field === "capacity") {
    const question = t(`cohorts.ask.${field === "capacity" ? "capacity" : "hours"}`);
    return { field, value: await askNumber(conversation, ctx, question, () => null) };
  }
  if (field === "starts_on" || field === "ends_on") {
    const today = await conversation.external((outside) => almatyDate(outside.deps.clock()));
    const value = await askDate(conversation, ctx, t, t(`cohorts.ask.${field}`), (d) =>
      field === "starts_on" && d < today ? "cohorts.problem.past" : null,
    );
    return { field, value };
  }
  const question = t(`cohorts.ask.${field === "program_title_kk" ? "program_kk" : "program_ru"}`);
  return { field, value: (await askText(conversation, ctx, t, question, { max: 300 })) ?? "" };
}

export async function cohortEdit(
  conversation: Convo,
  ctx: ConversationContext,
  provider: ProviderRef,
  cohortId: number,
  field: CohortField,
): Promise<void> {
  const change = await askChange(conversation, ctx, field);
  const result =
    (await asGrant(conversation, provider, (outside, grant) =>
      updateCohort(outside.deps.db, {
        cohortId,
        providerId: grant.providerId,
        change,
        ...stamp(outside),
      }),
    )) ?? refuse("not_found");
  await ctx.reply(
    result.ok
      ? ctx.t("employees.form.saved")
      : result.reason === "invalid"
        ? result.problems.map((p) => ctx.t(`cohorts.problem.${p}`)).join("\n")
        : ctx.t("cohorts.problem.not_found"),
    { reply_markup: backToCohort(ctx, provider, cohortId) },
  );
}
