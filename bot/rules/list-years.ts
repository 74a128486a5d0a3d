// Which year's list a coordinator's screens reach, and when an approved list may
// still change (items 7, 8). A list is formed in the year before its own (item 7:
// "the coming calendar year"), but a late one is still formed, sent, accepted and
// approved in its own year, marked late: a region that approves its 2027 list on
// 5 January 2027 must still be able to send people for 2027 (item 9). So the
// screens reach two lists, the current calendar year's and the coming year's.
import { almatyYear } from "./dates.js";
import type { ListKind } from "./deadlines.js";
import { listYearFor } from "./next-year-list.js";

/** The years whose lists the screens reach on `now`: the current one and the coming one. */
export function reachableListYears(now: Date): [current: number, coming: number] {
  const current = almatyYear(now);
  return [current, current + 1];
}

export function isReachableListYear(year: number, now: Date): boolean {
  return reachableListYears(now).includes(year);
}

/** The one reachable year that is not `year` (the screen's «📋 <year>» button). */
export function otherListYear(year: number, now: Date): number {
  const [current, coming] = reachableListYears(now);
  return year === current ? coming : current;
}

/**
 * Whether a list still waits for its owner's own act: a district's list until it
 * is sent (item 7; again once returned), a region's consolidated list until it is
 * approved (item 8).
 */
export function awaitsOwner(kind: ListKind, status: string | null): boolean {
  if (status === null) return false;
  return kind === "district" ? status === "draft" || status === "returned" : status === "draft";
}

/**
 * The year a list screen opens on: the current year's list while it exists and
 * still waits for its owner (a late list, items 7, 8), else the coming year's.
 */
export function defaultListYear(now: Date, currentYearAwaitsOwner: boolean): number {
  return currentYearAwaitsOwner ? almatyYear(now) : listYearFor(now);
}

/**
 * Item 8: an approved consolidated list changes only by an amendment, from its
 * approval until the end of its own year (it is the list of that year's training).
 */
export function canAmendList(listYear: number, now: Date): boolean {
  return almatyYear(now) <= listYear;
}
