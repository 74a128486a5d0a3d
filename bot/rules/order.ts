// Items 9 and 12: who a cohort may still take by the head's order. People are sent to
// training by an order that states the training's dates (item 9); the certificate
// follows the completed programme (item 12), so nobody joins a cohort that is already
// under way: a cohort takes people until its first day — on that day it has started,
// and an order entered then is too late. The order is a signed document: its date is
// not in the future, nor after the cohort's first day. An order signed earlier and
// entered in the bot later (but before the start) is fine. The same gate answers for a
// transfer's target (item 13(2)): on the day the transfer is decided, the target must
// still take people.
import type { IsoDate } from "./dates.js";

/** Items 9, 12: does a cohort starting on `startsOn` still take people on `today` (not started yet)? */
export function cohortTakesPeople(cohort: { startsOn: IsoDate }, today: IsoDate): boolean {
  return today < cohort.startsOn;
}

export type OrderDateProblem = "order_date_future" | "order_date_after_start";
export type EnrolmentOrderProblem = "cohort_started" | OrderDateProblem;

/** Item 9: what is wrong with an order's date for a cohort starting on `cohortStartsOn` (null if nothing). */
export function orderDateProblem(input: {
  orderDate: IsoDate;
  cohortStartsOn: IsoDate;
  today: IsoDate;
}): OrderDateProblem | null {
  if (input.orderDate > input.today) return "order_date_future";
  if (input.orderDate > input.cohortStartsOn) return "order_date_after_start";
  return null;
}

/**
 * Items 9, 12: may an order dated `orderDate`, entered on `today`, send people to a
 * cohort starting on `cohortStartsOn`? The cohort first, then the order's date.
 */
export function enrolmentOrderProblem(input: {
  orderDate: IsoDate;
  cohortStartsOn: IsoDate;
  today: IsoDate;
}): EnrolmentOrderProblem | null {
  if (!cohortTakesPeople({ startsOn: input.cohortStartsOn }, input.today)) return "cohort_started";
  return orderDateProblem(input);
}
