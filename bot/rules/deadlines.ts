// Items 7 and 8: district lists by 1 November, consolidated lists by 1 December of
// the year before the list year. "By 1 November" is read as "on 1 November at the
// latest" (Almaty date): submitted on 1 November is on time, on 2 November late.
import { almatyDate, daysBetween, type IsoDate } from "./dates.js";

export type ListKind = "district" | "regional";

/** Item 7: the district list for `listYear` is due by 1 November of the year before. */
export function districtListDeadline(listYear: number): IsoDate {
  return `${listYear - 1}-11-01`;
}

/** Item 8: the consolidated list for `listYear` is approved by 1 December of the year before. */
export function regionalListDeadline(listYear: number): IsoDate {
  return `${listYear - 1}-12-01`;
}

export function listDeadline(kind: ListKind, listYear: number): IsoDate {
  return kind === "district" ? districtListDeadline(listYear) : regionalListDeadline(listYear);
}

/** Items 7, 8: late when the Almaty date of the act is after the deadline day. */
export function isLate(kind: ListKind, listYear: number, at: Date): boolean {
  return almatyDate(at) > listDeadline(kind, listYear);
}

/** Days from today to the deadline (0 on the day, negative after). */
export function daysUntilDeadline(kind: ListKind, listYear: number, now: Date): number {
  return daysBetween(almatyDate(now), listDeadline(kind, listYear));
}
