// What the regional coordinator's tables read (items 7, 8): the district lists of a
// year at a glance against their deadlines, and the consolidated list as a table
// filtered by district and by the reason a person is on it. Built on the same reads
// as the chat's list screens (coordinator-lists.ts), so a year out of reach, the
// lists a region sees before and after approval, and the amendments are the same.
import type { Kysely } from "kysely";
import type { Database, IsoDate, ListEntryReason, ListStatus } from "../../db/types.js";
import { almatyDate, districtListDeadline, isLate, regionalListDeadline } from "../rules/index.js";
import { districtListsOfRegion } from "./consolidated-list.js";
import { type ListOwner, ownList, ownListView } from "./coordinator-lists.js";
import { listDistricts } from "./directory.js";
import { amendmentsOf, lateDistrictLists } from "./list-amendment-views.js";
import { unitNames } from "./list-status.js";
import type { EntryView, ListInfo } from "./lists.js";
import type { LocalizedName } from "./people.js";

interface YearAct {
  actor: number;
  now: Date;
  year: number;
}

export interface BoardRow {
  unitId: number;
  name: LocalizedName;
  list: {
    id: number;
    status: ListStatus;
    count: number;
    /** Sent after 1 November (item 7), as marked when it was sent. */
    late: boolean;
    submittedOn: IsoDate | null;
    returnReason: string | null;
    /** Accepted after the consolidated list's approval, not taken in yet (item 8). */
    waitsTakeIn: boolean;
  } | null;
  /** Not sent yet, and the deadline has passed. */
  overdue: boolean;
}

export interface DistrictBoard {
  year: number;
  districtDeadline: IsoDate;
  regionalDeadline: IsoDate;
  consolidated: Pick<ListInfo, "id" | "status" | "late" | "count"> & { approvedOn: IsoDate | null };
  districts: BoardRow[];
}

const sent = (status: ListStatus) => status !== "draft" && status !== "returned";

/** Item 7: each district of the region with its list of the year; undefined for a year out of reach. */
export async function districtBoard(
  db: Kysely<Database>,
  owner: ListOwner,
  act: YearAct,
): Promise<DistrictBoard | undefined> {
  const consolidated = await ownList(db, owner, act);
  if (!consolidated) return undefined;
  const districts = await districtListsOfRegion(db, owner.unitId, act.year);
  const waiting = new Set(
    (await lateDistrictLists(db, owner.unitId, act.year)).map((l) => l.listId),
  );
  const pastDeadline = isLate("district", act.year, act.now);
  return {
    year: act.year,
    districtDeadline: districtListDeadline(act.year),
    regionalDeadline: regionalListDeadline(act.year),
    consolidated: {
      id: consolidated.id,
      status: consolidated.status,
      late: consolidated.late,
      count: consolidated.count,
      approvedOn: consolidated.approvedAt ? almatyDate(consolidated.approvedAt) : null,
    },
    districts: districts.map((d) => ({
      unitId: d.unitId,
      name: d.name,
      list: d.list && {
        id: d.list.id,
        status: d.list.status,
        count: d.list.count,
        late: d.list.late,
        submittedOn: d.list.submittedAt ? almatyDate(d.list.submittedAt) : null,
        returnReason: d.list.returnReason,
        waitsTakeIn: waiting.has(d.list.id),
      },
      overdue: pastDeadline && !(d.list && sent(d.list.status)),
    })),
  };
}

export interface ConsolidatedFilter {
  unitId?: number;
  reason?: ListEntryReason;
}

export interface ConsolidatedTable {
  list: ListInfo;
  /** The region's unit and its districts, for the district filter. */
  units: Array<{ id: number; name: LocalizedName }>;
  total: number;
  entries: EntryView[];
  amendments: Awaited<ReturnType<typeof amendmentsOf>>;
  lateLists: Awaited<ReturnType<typeof lateDistrictLists>>;
}

/**
 * Item 8: the consolidated list of the year as the region sees it (before approval,
 * with the accepted district lists under it), filtered and a page of it; with its
 * amendments and the district lists accepted after approval. Undefined: out of reach.
 */
export async function consolidatedTable(
  db: Kysely<Database>,
  owner: ListOwner,
  act: YearAct,
  filter: ConsolidatedFilter,
  page: { offset: number; limit: number },
): Promise<ConsolidatedTable | undefined> {
  const view = await ownListView(db, owner, act);
  if (!view) return undefined;
  const matching = view.entries.filter(
    (e) =>
      (filter.unitId === undefined || e.unitId === filter.unitId) &&
      (filter.reason === undefined || e.reason === filter.reason),
  );
  const approved = view.list.status === "approved";
  const units = [
    { id: owner.unitId, name: await unitNames(db, owner.unitId) },
    ...(await listDistricts(db, owner.unitId)),
  ];
  return {
    list: view.list,
    units,
    total: matching.length,
    entries: matching.slice(page.offset, page.offset + page.limit),
    amendments: approved ? await amendmentsOf(db, view.list.id) : [],
    lateLists: approved ? await lateDistrictLists(db, owner.unitId, act.year) : [],
  };
}
