// Items 12 and 13.1: when a final test or a retest may be dated. The certificate
// follows the completed programme (item 12), so no test comes before the cohort's
// last day; a retest is a later sitting than every earlier test of the same
// enrolment; and nothing is recorded for a day that has not come yet. The
// once-a-calendar-year limit of item 13.1 then counts by this date.
import type { IsoDate } from "./dates.js";

export type TestDateProblem = "before_cohort_end" | "not_after_earlier_test" | "future";

export function testDateProblem(input: {
  takenOn: IsoDate;
  cohortEndsOn: IsoDate;
  earlierTestsOn: readonly IsoDate[];
  today: IsoDate;
}): TestDateProblem | null {
  if (input.takenOn > input.today) return "future";
  if (input.takenOn < input.cohortEndsOn) return "before_cohort_end";
  if (input.earlierTestsOn.some((earlier) => input.takenOn <= earlier))
    return "not_after_earlier_test";
  return null;
}

/** Item 12: results may be recorded from the cohort's last day on. */
export function resultsOpen(cohortEndsOn: IsoDate, today: IsoDate): boolean {
  return today >= cohortEndsOn;
}
