// How many employees are up to date, due this year, overdue or never trained
// (item 6), per unit — for a district, a region and its districts, or the country.

import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { almatyDate, trainingStatus } from "../rules/index.js";
import { lastCertificateOn } from "./last-certificate.js";
import { inRegion } from "./scope.js";

export interface StatusCounts {
  upToDate: number;
  dueThisYear: number;
  overdue: number;
  neverTrained: number;
  total: number;
}

export const emptyCounts = (): StatusCounts => ({
  upToDate: 0,
  dueThisYear: 0,
  overdue: 0,
  neverTrained: 0,
  total: 0,
});

export function addCounts(into: StatusCounts, from: StatusCounts): StatusCounts {
  into.upToDate += from.upToDate;
  into.dueThisYear += from.dueThisYear;
  into.overdue += from.overdue;
  into.neverTrained += from.neverTrained;
  into.total += from.total;
  return into;
}

/** The counts as the texts name them: {{total}}, {{upToDate}}, {{due}}, {{overdue}}, {{never}}. */
export function countParams(c: StatusCounts) {
  return {
    total: c.total,
    upToDate: c.upToDate,
    due: c.dueThisYear,
    overdue: c.overdue,
    never: c.neverTrained,
  };
}

/** Counts per unit id, for the given units (null: all units). */
export async function countsByUnit(
  db: Kysely<Database>,
  unitIds: number[] | null,
  now: Date,
): Promise<Map<number, StatusCounts>> {
  let query = db
    .selectFrom("employees as e")
    .select(["e.unit_id", lastCertificateOn.as("last_on")])
    .where("e.active", "=", true);
  if (unitIds) query = query.where("e.unit_id", "in", unitIds.length ? unitIds : [-1]);
  const rows = await query.execute();
  const today = almatyDate(now);
  const yearEnd = `${today.slice(0, 4)}-12-31`;
  const counts = new Map<number, StatusCounts>();
  for (const row of rows) {
    const c = counts.get(row.unit_id) ?? emptyCounts();
    const status = trainingStatus({ lastCertificateIssuedOn: row.last_on, today });
    if (status.kind === "never_trained") c.neverTrained++;
    else if (status.kind === "overdue") c.overdue++;
    else if (status.dueOn <= yearEnd) c.dueThisYear++;
    else c.upToDate++;
    c.total++;
    counts.set(row.unit_id, c);
  }
  return counts;
}

/** One line of an overview: a unit (a region with its districts added up) and its counts. */
export interface OverviewLine {
  unitId: number;
  name: { kk: string; ru: string };
  counts: StatusCounts;
}

/** A coordinator's overview: a district alone, or a region-level unit and its districts, by KATO code. */
export async function unitOverview(
  db: Kysely<Database>,
  scope: { role: "district_coordinator" | "regional_coordinator"; unitId: number },
  now: Date,
): Promise<OverviewLine[]> {
  const units = await db
    .selectFrom("units")
    .select(["id", "name_kk", "name_ru"])
    .where((eb) =>
      scope.role === "regional_coordinator"
        ? inRegion(eb, "units", scope.unitId)
        : eb("id", "=", scope.unitId),
    )
    .orderBy("kato_code")
    .execute();
  const counts = await countsByUnit(
    db,
    units.map((u) => u.id),
    now,
  );
  return units.map((u) => ({
    unitId: u.id,
    name: bothLanguages(u, "name"),
    counts: counts.get(u.id) ?? emptyCounts(),
  }));
}

/** The national overview: each region with its districts added up, by KATO code. */
export async function nationalOverview(db: Kysely<Database>, now: Date): Promise<OverviewLine[]> {
  const units = await db
    .selectFrom("units")
    .select(["id", "parent_id", "level", "name_kk", "name_ru"])
    .orderBy("kato_code")
    .execute();
  const counts = await countsByUnit(db, null, now);
  const regions = new Map<number, OverviewLine>();
  for (const u of units.filter((unit) => unit.level === "region"))
    regions.set(u.id, {
      unitId: u.id,
      name: bothLanguages(u, "name"),
      counts: emptyCounts(),
    });
  for (const u of units) {
    const region = regions.get(u.parent_id ?? u.id);
    if (region) addCounts(region.counts, counts.get(u.id) ?? emptyCounts());
  }
  return [...regions.values()];
}

/** The sum of the lines' counts. */
export function totalOf(lines: readonly { counts: StatusCounts }[]): StatusCounts {
  return lines.reduce((total, line) => addCounts(total, line.counts), emptyCounts());
}
