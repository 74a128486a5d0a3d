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
  | { allowed: false; reason: "already_certified" | "no_failed_final" | "retest_used_this_year" };

/** Item 13.1, for the attempts of one training as of `today`. */
export function canRetest(input: {
  hasCertificateFromTraining: boolean;
  attempts: readonly TestAttempt[];
  today: IsoDate;
}): RetestDecision {
  if (input.hasCertificateFromTraining || input.attempts.some((a) => a.passed)) {
    return { allowed: false, reason: "already_certified" };
  }
  if (!input.attempts.some((a) => a.kind === "final" && !a.passed)) {
    return { allowed: false, reason: "no_failed_final" };
  }
  const year = input.today.slice(0, 4);
  if (input.attempts.some((a) => a.kind === "retest" && a.takenOn.startsWith(year))) {
    return { allowed: false, reason: "retest_used_this_year" };
  }
  return { allowed: true };
}

/** Item 13.1: 1 when a retest is still possible this calendar year, else 0. */
export function retestsLeftThisYear(input: Parameters<typeof canRetest>[0]): number {
  return canRetest(input).allowed ? 1 : 0;
}
