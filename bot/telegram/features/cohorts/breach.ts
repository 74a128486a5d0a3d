// A breach of the training agreement by a participant (item 11), described by the
// provider; the region's coordinators see it on their breaches screen.
import { routes } from "../../../routes/index.js";
import { recordBreach } from "../../../services/breaches.js";
import { askText } from "../../conversations/steps.js";
import { asProvider } from "../area.js";
import { aboutParticipant, backToCohort, entersForCohort } from "./steps.js";

export const COHORT_BREACH = "cohort-breach";

export const cohortBreachScreens = entersForCohort(routes.cohortBreach, COHORT_BREACH);

export const cohortBreach = aboutParticipant(
  "cohorts.pick_breach",
  () => true,
  async (conversation, ctx, provider, cohortId, enrolmentId) => {
    const { t } = ctx;
    const description =
      (await askText(conversation, ctx, t, t("cohorts.ask.breach"), { max: 1000 })) ?? "";
    const done = await asProvider(conversation, provider, (db, by) =>
      recordBreach(db, { enrolmentId, description, ...by }),
    );
    await ctx.reply(t(done ? "cohorts.breach_saved" : "errors.no_access"), {
      reply_markup: backToCohort(ctx, provider, cohortId),
    });
  },
);
