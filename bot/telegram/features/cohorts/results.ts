// Final results of a cohort (item 12): everyone passed by default; the coordinator
// marks the exceptions on a board, then the board is recorded by one service call in
// one transaction (a certificate for those who passed); anyone not recorded is named
// with the service's own reason.
import { escapeHtml, translateKey } from "../../../i18n/index.js";
import { boardRefusalText } from "../../../i18n/result-refusals.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate, resultsOpen, testDateProblem } from "../../../rules/index.js";
import { participants, providerCohort } from "../../../services/cohorts.js";
import { recordFinalResults } from "../../../services/test-results.js";
import type { ConversationContext } from "../../context.js";
import { askDate, type Convo } from "../../conversations/steps.js";
import { buttonGrid, cancelButton, homeKeyboard } from "../../keyboards.js";
import { waitForRoute } from "../../routing.js";
import { asGrant, stamp } from "../area.js";
import { backToCohort, type CohortConversation, entersForCohort } from "./steps.js";

export const COHORT_RESULTS = "cohort-results";

export const cohortResultScreens = entersForCohort(routes.cohortResults, COHORT_RESULTS);

export const cohortResults: CohortConversation = async (conversation, ctx, provider, cohortId) => {
  const { t } = ctx;
  const setup = await asGrant(conversation, provider, async (outside, grant) => {
    const cohort = await providerCohort(outside.deps.db, cohortId, grant.providerId);
    if (!cohort) return null;
    const people = (await participants(outside.deps.db, cohortId)).filter(
      (p) => p.status === "enrolled",
    );
    return {
      endsOn: cohort.ends_on,
      today: almatyDate(outside.deps.clock()),
      people: people.map((p) => ({ id: p.enrolmentId, name: p.name })),
    };
  });
  if (!setup || setup.people.length === 0) {
    // Nobody waits for a result (recorded meanwhile, a stale button): say so, with a way on.
    await ctx.reply(t(setup ? "cohorts.results_none" : "errors.no_access"), {
      reply_markup: setup ? backToCohort(ctx, provider, cohortId) : homeKeyboard(t),
    });
    return;
  }
  if (!resultsOpen(setup.endsOn, setup.today)) {
    // A button from before the last day, pressed early: say why, and leave a way on.
    await ctx.reply(t("cohorts.results_not_yet", { date: formatDate(setup.endsOn) }), {
      reply_markup: backToCohort(ctx, provider, cohortId),
    });
    return;
  }
  const takenOn = await askDate(conversation, ctx, t, t("cohorts.ask.test_date"), (d) => {
    const problem = testDateProblem({
      takenOn: d,
      cohortEndsOn: setup.endsOn,
      earlierTestsOn: [],
      today: setup.today,
    });
    return problem ? `cohorts.problem.${problem}` : null;
  });
  const failed = await markExceptions(conversation, ctx, takenOn, setup.people);
  const summary = await asGrant(conversation, provider, async (outside, grant) => {
    const saved = await recordFinalResults(outside.deps.db, {
      providerId: grant.providerId,
      cohortId,
      results: setup.people.map((p) => ({ enrolmentId: p.id, passed: !failed.has(p.id) })),
      takenOn,
      ...stamp(outside),
    });
    if (!saved.ok)
      return {
        ok: false as const,
        text: translateKey(outside.t, `cohorts.problem.${saved.reason}`),
      };
    const numbers: string[] = [];
    let failures = 0;
    const notRecorded: string[] = [];
    for (const line of saved.lines) {
      if (!line.ok) {
        const name = setup.people.find((p) => p.id === line.enrolmentId)?.name ?? "";
        notRecorded.push(
          outside.t("cohorts.results_line", {
            name: escapeHtml(name),
            reason: boardRefusalText(outside.t, line),
          }),
        );
      } else if (line.outcome.passed) numbers.push(line.outcome.certificateNumber ?? "");
      else failures++;
    }
    return { ok: true as const, numbers, failures, notRecorded };
  });
  if (!summary) return;
  const back = { parse_mode: "HTML" as const, reply_markup: backToCohort(ctx, provider, cohortId) };
  if (!summary.ok) {
    await ctx.reply(summary.text, back);
    return;
  }
  const lines = [
    t("cohorts.results_saved", {
      passed: summary.numbers.length,
      failed: summary.failures,
      numbers: summary.numbers.join(", ") || "—",
    }),
  ];
  // Someone recorded these meanwhile (another coordinator, a second device), or they
  // left the cohort: theirs stand, each with its reason.
  if (summary.notRecorded.length)
    lines.push(t("cohorts.results_not_recorded", { lines: summary.notRecorded.join("\n") }));
  await ctx.reply(lines.join("\n"), back);
};

/** The results board: everyone passed until tapped; returns the enrolments marked failed. */
async function markExceptions(
  conversation: Convo,
  ctx: ConversationContext,
  takenOn: string,
  people: Array<{ id: number; name: string }>,
): Promise<Set<number>> {
  const { t } = ctx;
  const failed = new Set<number>();
  const mark = (id: number) => (failed.has(id) ? "❌" : "✅");
  const board = () => ({
    text: [
      t("cohorts.results_board", { date: formatDate(takenOn) }),
      ...people.map((p, i) => `${i + 1}. ${mark(p.id)} ${escapeHtml(p.name)}`),
    ].join("\n"),
    keyboard: buttonGrid(
      [
        ...people.map((p, i) => ({
          label: `${mark(p.id)} ${i + 1}`,
          data: routes.resultToggle.pack({ enrolment: p.id }),
        })),
        { label: t("cohorts.save_results"), data: routes.resultsSave.pack({}) },
        cancelButton(t),
      ],
      5,
    ),
  });
  const first = board();
  await ctx.reply(first.text, { parse_mode: "HTML", reply_markup: first.keyboard });
  for (;;) {
    const step = await waitForRoute(conversation, routes.resultsSave, routes.resultToggle);
    if (!("enrolment" in step.press)) return failed;
    const id = step.press.enrolment;
    if (failed.has(id)) failed.delete(id);
    else failed.add(id);
    const next = board();
    await step.ctx.editMessageText(next.text, { parse_mode: "HTML", reply_markup: next.keyboard });
  }
}
