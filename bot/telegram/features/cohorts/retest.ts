// A retest of a participant who failed the final test (item 13.1): its date, then
// its result; a pass issues the certificate.
import { retestRefusalText } from "../../../i18n/result-refusals.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, testDateProblem } from "../../../rules/index.js";
import { mayRetake } from "../../../services/cohort-sheet.js";
import { recordRetest, retestDateBounds } from "../../../services/test-results.js";
import { askDate } from "../../conversations/steps.js";
import { buttonGrid } from "../../keyboards.js";
import { waitForRoute } from "../../routing.js";
import { asGrant, stamp } from "../area.js";
import { aboutParticipant, backToCohort, entersForCohort } from "./steps.js";

export const COHORT_RETEST = "cohort-retest";

export const cohortRetestScreens = entersForCohort(routes.cohortRetest, COHORT_RETEST);

export const cohortRetest = aboutParticipant(
  "cohorts.pick_retest",
  // Item 13(1): without a certificate — failed, or passed with the certificate revoked.
  mayRetake,
  async (conversation, ctx, provider, cohortId, enrolmentId) => {
    const { t } = ctx;
    const bounds = await asGrant(conversation, provider, async (outside, grant) => {
      const found = await retestDateBounds(outside.deps.db, enrolmentId, grant.providerId);
      return found ? { ...found, today: almatyDate(outside.deps.clock()) } : null;
    });
    if (!bounds) return;
    const takenOn = await askDate(conversation, ctx, t, t("cohorts.ask.test_date"), (d) => {
      const problem = testDateProblem({ takenOn: d, ...bounds });
      return problem ? `cohorts.problem.${problem}` : null;
    });
    await ctx.reply(t("cohorts.ask.retest_result"), {
      reply_markup: buttonGrid(
        [
          { label: t("cohorts.passed"), data: routes.retestResult.pack({ result: "passed" }) },
          { label: t("cohorts.failed"), data: routes.retestResult.pack({ result: "failed" }) },
        ],
        2,
      ),
    });
    const passed =
      (await waitForRoute(conversation, routes.retestResult)).press.result === "passed";
    const text = await asGrant(conversation, provider, async (outside, grant) => {
      const recorded = await recordRetest(outside.deps.db, {
        providerId: grant.providerId,
        enrolmentId,
        passed,
        takenOn,
        ...stamp(outside),
      });
      if (recorded.ok)
        return t(passed ? "cohorts.retest_passed" : "cohorts.retest_failed", {
          number: recorded.outcome.certificateNumber ?? "",
        });
      return retestRefusalText(outside.t, recorded);
    });
    await ctx.reply(text ?? t("cohorts.retest_refused.not_found"), {
      parse_mode: "HTML",
      reply_markup: backToCohort(ctx, provider, cohortId),
    });
  },
);
