// Item 9: the head's order states the training dates. When the organization moves a
// cohort's dates after an order named them, the order names old dates until an
// amending order (изменяющий приказ / өзгерту туралы бұйрық) names the new ones.
import type { IsoDate } from "./dates.js";

export interface NamedDates {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/** Does an order (as last amended) still name the cohort's dates? */
export function namesOldDates(named: NamedDates, cohort: NamedDates): boolean {
  return named.startsOn !== cohort.startsOn || named.endsOn !== cohort.endsOn;
}

export type AmendingOrderDateProblem = "future" | "before_amended";

/**
 * The amending order is dated not in the future (entered late is fine) and not
 * before the order it amends.
 */
export function amendingOrderDateProblem(input: {
  orderDate: IsoDate;
  today: IsoDate;
  amendedOrderDate: IsoDate;
}): AmendingOrderDateProblem | null {
  if (input.orderDate > input.today) return "future";
  if (input.orderDate < input.amendedOrderDate) return "before_amended";
  return null;
}
