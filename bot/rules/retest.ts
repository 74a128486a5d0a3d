// Item 13.1: an employee without a certificate may retake the final test no more
// than once a (calendar) year.
import type { IsoDate } from "./dates.js";

export interface TestAttempt {
  takenOn: IsoDate;
  kind: "final" | "retest";
  passed: boolean;
}

export type RetestDecision =
  | { allowed: true }
  | { allowed: false; reason: "already_certified" | "no_failed_final" }
  | { allowed: false; reason: "retest_used_this_year"; earlierOn: IsoDate };

/**
 * Item 13.1, for one training as of `today` (the retest's own date). "Without a
 * certificate": `hasCertificateFromTraining` is a certificate of this training that
 * still counts; a revoked one does not, so a person whose final test passed but whose
 * certificate was revoked may retake the test like one who failed. "No more than once
 * a year" counts the employee, not the enrolment: `employeeRetestsOn` are the dates of
 * every retest of the employee, in any enrolment (a transfer or a new order does not
 * give a second attempt in the same calendar year).
 */
export function canRetest(input: {
  hasCertificateFromTraining: boolean;
  attempts: readonly TestAttempt[];
  employeeRetestsOn?: readonly IsoDate[];
  today: IsoDate;
}): RetestDecision {
  if (input.hasCertificateFromTraining) return { allowed: false, reason: "already_certified" };
  if (!input.attempts.some((a) => a.kind === "final")) {
    return { allowed: false, reason: "no_failed_final" };
  }
  const year = input.today.slice(0, 4);
  const earlier = [
    ...input.attempts.filter((a) => a.kind === "retest").map((a) => a.takenOn),
    ...(input.employeeRetestsOn ?? []),
  ]
    .filter((on) => on.startsWith(year))
    .sort()[0];
  if (earlier) return { allowed: false, reason: "retest_used_this_year", earlierOn: earlier };
  return { allowed: true };
}

/** Item 13.1: 1 when a retest is still possible this calendar year, else 0. */
export function retestsLeftThisYear(input: Parameters<typeof canRetest>[0]): number {
  return canRetest(input).allowed ? 1 : 0;
}
