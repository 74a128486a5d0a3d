// What the compliance charts and their tables show: training status per district of
// a region or per region of the country (item 6), and how the list season stands —
// district lists sent, returned, accepted against 1 November (item 7), consolidated
// lists approved against 1 December (item 8).

import type { Kysely } from "kysely";
import type { Database, IsoDate, ListStatus } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { almatyDate, districtListDeadline, regionalListDeadline } from "../rules/index.js";
import { listRegions } from "./directory.js";
import {
  nationalOverview,
  type OverviewLine,
  type StatusCounts,
  totalOf,
  unitOverview,
} from "./overview.js";

type Both = { kk: string; ru: string };

/** A unit (or a region with its districts added up) and its training status counts. */
export type ComplianceRow = OverviewLine;

/** Share overdue, the order the charts sort by (worst first); 0 for a unit with nobody. */
export const overdueShare = (c: StatusCounts): number => (c.total ? c.overdue / c.total : 0);

export function sortByOverdue(rows: ComplianceRow[]): ComplianceRow[] {
  return [...rows].sort(
    (a, b) =>
      overdueShare(b.counts) - overdueShare(a.counts) ||
      b.counts.overdue - a.counts.overdue ||
      a.name.ru.localeCompare(b.name.ru, "ru"),
  );
}

/** The region's own unit and each of its districts, worst share overdue first. */
export async function regionCompliance(
  db: Kysely<Database>,
  regionId: number,
  now: Date,
): Promise<ComplianceRow[]> {
  return sortByOverdue(
    await unitOverview(db, { role: "regional_coordinator", unitId: regionId }, now),
  );
}

/** Each region with its districts added up, worst share overdue first. */
export async function nationalCompliance(
  db: Kysely<Database>,
  now: Date,
): Promise<ComplianceRow[]> {
  return sortByOverdue(await nationalOverview(db, now));
}

export { totalOf };

// ---- The list season --------------------------------------------------------

/** Where a district's list stands; "not_sent" covers a draft and a list never opened. */
export type SeasonStatus = "accepted" | "submitted" | "returned" | "not_sent";

export interface DistrictSeasonRow {
  unitId: number;
  name: Both;
  status: SeasonStatus;
  /** Almaty date it was (last) sent; null if never. */
  sentOn: IsoDate | null;
  late: boolean;
}

export interface RegionSeason {
  year: number;
  /** 1 November and 1 December of the year before the list year. */
  districtDeadline: IsoDate;
  regionalDeadline: IsoDate;
  today: IsoDate;
  districts: DistrictSeasonRow[];
  consolidated: { approvedOn: IsoDate | null; late: boolean };
}

function seasonStatus(status: ListStatus | undefined): SeasonStatus {
  if (status === "accepted" || status === "submitted" || status === "returned") return status;
  return "not_sent";
}

async function seasonOf(
  db: Kysely<Database>,
  regionIds: number[] | null,
  year: number,
): Promise<{
  districts: Array<DistrictSeasonRow & { regionId: number }>;
  approvals: Map<number, { approvedOn: IsoDate | null; late: boolean }>;
}> {
  let unitQuery = db
    .selectFrom("units")
    .select(["id", "parent_id", "name_kk", "name_ru", "kato_code"])
    .where("level", "=", "district");
  if (regionIds)
    unitQuery = unitQuery.where("parent_id", "in", regionIds.length ? regionIds : [-1]);
  const districts = await unitQuery.orderBy("kato_code").execute();
  const lists = await db
    .selectFrom("lists")
    .select(["unit_id", "kind", "status", "submitted_at", "approved_at", "late"])
    .where("year", "=", year)
    .execute();
  const districtLists = new Map(
    lists.filter((l) => l.kind === "district").map((l) => [l.unit_id, l]),
  );
  const approvals = new Map(
    lists
      .filter((l) => l.kind === "regional")
      .map((l) => [
        l.unit_id,
        {
          approvedOn: l.status === "approved" && l.approved_at ? almatyDate(l.approved_at) : null,
          late: l.status === "approved" && l.late,
        },
      ]),
  );
  return {
    districts: districts.map((d) => {
      const list = districtLists.get(d.id);
      const status = seasonStatus(list?.status);
      return {
        regionId: d.parent_id ?? 0,
        unitId: d.id,
        name: bothLanguages(d, "name"),
        status,
        sentOn: status !== "not_sent" && list?.submitted_at ? almatyDate(list.submitted_at) : null,
        late: status !== "not_sent" && (list?.late ?? false),
      };
    }),
    approvals,
  };
}

/** Each district of the region with its list of `year`, and the consolidated list. */
export async function regionSeason(
  db: Kysely<Database>,
  regionId: number,
  year: number,
  now: Date,
): Promise<RegionSeason> {
  const { districts, approvals } = await seasonOf(db, [regionId], year);
  return {
    year,
    districtDeadline: districtListDeadline(year),
    regionalDeadline: regionalListDeadline(year),
    today: almatyDate(now),
    districts: districts.map(({ regionId: _, ...row }) => row),
    consolidated: approvals.get(regionId) ?? { approvedOn: null, late: false },
  };
}

export interface RegionSeasonCounts {
  unitId: number;
  name: Both;
  accepted: number;
  submittedOnTime: number;
  submittedLate: number;
  returned: number;
  notSent: number;
  districts: number;
  approvedOn: IsoDate | null;
  approvedLate: boolean;
}

/** Per region: how many district lists are accepted, waiting (on time or late), returned, not sent. */
export async function nationalSeason(
  db: Kysely<Database>,
  year: number,
  now: Date,
): Promise<{ year: number; today: IsoDate; regions: RegionSeasonCounts[] }> {
  const regions = await listRegions(db);
  const { districts, approvals } = await seasonOf(db, null, year);
  const rows = regions.map((r): RegionSeasonCounts => {
    const own = districts.filter((d) => d.regionId === r.id);
    const approval = approvals.get(r.id);
    return {
      unitId: r.id,
      name: r.name,
      accepted: own.filter((d) => d.status === "accepted").length,
      submittedOnTime: own.filter((d) => d.status === "submitted" && !d.late).length,
      submittedLate: own.filter((d) => d.status === "submitted" && d.late).length,
      returned: own.filter((d) => d.status === "returned").length,
      notSent: own.filter((d) => d.status === "not_sent").length,
      districts: own.length,
      approvedOn: approval?.approvedOn ?? null,
      approvedLate: approval?.late ?? false,
    };
  });
  return { year, today: almatyDate(now), regions: rows };
}
