// Item 13.2: an employee without a certificate may move from one cohort to another
// within the current year («ағымдағы жыл ішінде») for valid reasons: illness,
// emergencies, natural disaster. "The current year" is the calendar year of the
// cohort the employee was sent to: a request made on 5 January for a December
// cohort's participant is too late, not an opening onto January's cohorts.

import type { IsoDate } from "./dates.js";
import { cohortTakesPeople } from "./order.js";

export const TRANSFER_REASONS = ["illness", "emergency", "natural_disaster"] as const;
export type TransferReason = (typeof TRANSFER_REASONS)[number];

export type TransferRefusal =
  | "already_certified"
  | "not_enrolled"
  | "pending_request"
  | "year_ended";

/** Item 13.2: the year within which a participant of this cohort may move. */
export function transferYear(cohortStartsOn: IsoDate): string {
  return cohortStartsOn.slice(0, 4);
}

/** Item 13.2: may this employee ask to move at all? */
export function canRequestTransfer(input: {
  hasCertificateFromTraining: boolean;
  enrolmentStatus: string;
  hasPendingRequest: boolean;
  cohortStartsOn: IsoDate;
  today: IsoDate;
}): { allowed: true } | { allowed: false; reason: TransferRefusal } {
  if (input.hasCertificateFromTraining || input.enrolmentStatus === "passed") {
    return { allowed: false, reason: "already_certified" };
  }
  if (input.enrolmentStatus !== "enrolled" && input.enrolmentStatus !== "failed") {
    return { allowed: false, reason: "not_enrolled" };
  }
  if (input.today.slice(0, 4) > transferYear(input.cohortStartsOn)) {
    return { allowed: false, reason: "year_ended" };
  }
  if (input.hasPendingRequest) return { allowed: false, reason: "pending_request" };
  return { allowed: true };
}

export interface TargetCohort {
  id: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
  capacity: number;
  enrolledCount: number;
  active: boolean;
}

export type TargetProblem =
  | "same_cohort"
  | "other_year"
  | "started"
  | "ended"
  | "full"
  | "inactive";

/**
 * Items 9, 13.2: the employee is sent to the target by the head's order, and an
 * order sends people to a cohort only before it starts: on the day the transfer
 * is decided, the target must not have started yet (its first day is too late).
 */
export function targetHasStarted(targetStartsOn: IsoDate, today: IsoDate): boolean {
  return !cohortTakesPeople({ startsOn: targetStartsOn }, today);
}

/**
 * Item 13.2: a target must be another cohort that runs within the year of the
 * current cohort (it starts and ends in it), has not started (item 9: see
 * `targetHasStarted`), and has a free place.
 */
export function isEligibleTargetCohort(input: {
  currentCohort: { id: number; startsOn: IsoDate };
  target: TargetCohort;
  today: IsoDate;
}): { eligible: true } | { eligible: false; problems: TargetProblem[] } {
  const { target, today } = input;
  const year = transferYear(input.currentCohort.startsOn);
  const problems: TargetProblem[] = [];
  if (target.id === input.currentCohort.id) problems.push("same_cohort");
  if (!target.startsOn.startsWith(year) || !target.endsOn.startsWith(year))
    problems.push("other_year");
  if (targetHasStarted(target.startsOn, today)) problems.push("started");
  if (target.endsOn < today) problems.push("ended");
  if (target.enrolledCount >= target.capacity) problems.push("full");
  if (!target.active) problems.push("inactive");
  return problems.length ? { eligible: false, problems } : { eligible: true };
}

export function eligibleTargetCohorts<T extends TargetCohort>(input: {
  currentCohort: { id: number; startsOn: IsoDate };
  cohorts: readonly T[];
  today: IsoDate;
}): T[] {
  return input.cohorts.filter(
    (target) =>
      isEligibleTargetCohort({ currentCohort: input.currentCohort, target, today: input.today })
        .eligible,
  );
}

export type TransferOrderDateProblem = "future" | "before_request" | "after_start";

/**
 * Items 9, 13.2: the order that sends the employee to the target cohort is dated
 * neither in the future nor after the target's first day (signed earlier and
 * entered late is fine), and not before the employee asked to move.
 */
export function transferOrderDateProblem(input: {
  orderDate: IsoDate;
  today: IsoDate;
  requestedOn: IsoDate;
  targetStartsOn: IsoDate;
}): TransferOrderDateProblem | null {
  if (input.orderDate > input.today) return "future";
  if (input.orderDate < input.requestedOn) return "before_request";
  if (input.orderDate > input.targetStartsOn) return "after_start";
  return null;
}
