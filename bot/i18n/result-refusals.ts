// Why a final test or a retest was not recorded (items 12, 13), in the person's
// language: the chat's results board and retest, and the coordinators' tables, say
// it with the same words. HTML-safe for the chat; the tables take it as plain text.
import { formatDate, formatDateTime } from "../rules/index.js";
import { escapeHtml, type TFunction, translateKey } from "./index.js";

interface Refusal {
  reason: string;
  done?: { name: string | null; at: Date };
  earlierOn?: string;
}

/** The refusals of a test that are a problem with the date entered. */
const DATE_PROBLEMS: readonly string[] = ["future", "before_cohort_end", "not_after_earlier_test"];

/** One person of the results board not recorded: who recorded them first, or why. */
export function boardRefusalText(t: TFunction, line: Refusal): string {
  if (line.reason === "decided") {
    const at = line.done ? formatDateTime(line.done.at) : "";
    return line.done?.name
      ? t("cohorts.result_refused.decided", { name: escapeHtml(line.done.name), at })
      : t("cohorts.result_refused.decided_at", { at });
  }
  if (line.reason === "transferred" || line.reason === "withdrawn" || line.reason === "not_found")
    return t(`cohorts.result_refused.${line.reason}`);
  return translateKey(t, `cohorts.problem.${line.reason}`);
}

/** A refused retest: the date, the employee's retest of that year (by its date), or the rule. */
export function retestRefusalText(t: TFunction, refusal: Refusal): string {
  if (DATE_PROBLEMS.includes(refusal.reason))
    return translateKey(t, `cohorts.problem.${refusal.reason}`);
  // Item 13(1): the employee's retest of that year, whatever the enrolment, by its date.
  if (refusal.earlierOn)
    return t("cohorts.retest_refused.retest_used_this_year", {
      year: refusal.earlierOn.slice(0, 4),
      date: formatDate(refusal.earlierOn),
    });
  if (refusal.done) {
    const at = formatDateTime(refusal.done.at);
    return refusal.done.name
      ? t("refusal.done_by", { name: escapeHtml(refusal.done.name), at })
      : t("refusal.done_at", { at });
  }
  return translateKey(t, `cohorts.retest_refused.${refusal.reason}`);
}
