// The region's consolidated list (item 8): approved by 1 December (later is allowed and
// marked late), when the district lists accepted so far are written into it; approval
// locks it, and from then on it changes only by amendment (list-amendments.ts).
import type { Selectable } from "kysely";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, ListsTable } from "../../db/types.js";
import { isLate } from "../rules/index.js";
import { listDistricts } from "./directory.js";
import { setStatus } from "./list-status.js";
import { info, type ListInfo } from "./lists.js";

type Db = Kysely<Database> | Transaction<Database>;

/** Whether the consolidated list a district list belongs to is approved already (item 8). */
export async function consolidatedApproved(db: Db, list: ListInfo): Promise<boolean> {
  const row = await db
    .selectFrom("lists as r")
    .innerJoin("units as u", "u.parent_id", "r.unit_id")
    .select("r.status")
    .where("u.id", "=", list.unitId)
    .where("r.year", "=", list.year)
    .where("r.kind", "=", "regional")
    .executeTakeFirst();
  return row?.status === "approved";
}

/**
 * Item 8: the members of the consolidated list as approved — the district lists
 * accepted by now — are written into it, so that a district list accepted later
 * changes nothing by itself (list-amendments.ts takes it in by an amendment).
 */
const writeInDistrictLists =
  (now: Date) => async (trx: Transaction<Database>, list: Selectable<ListsTable>) => {
    await trx
      .insertInto("list_entries")
      .columns(["list_id", "employee_id", "reason", "note", "created_at", "source_list_id"])
      .expression((eb) =>
        eb
          .selectFrom("list_entries as le")
          .innerJoin("lists as d", "d.id", "le.list_id")
          .innerJoin("units as u", "u.id", "d.unit_id")
          .select([
            sql<number>`cast(${list.id} as integer)`.as("list_id"),
            "le.employee_id",
            "le.reason",
            "le.note",
            sql<Date>`cast(${now.toISOString()} as timestamptz)`.as("created_at"),
            "d.id",
          ])
          .where("u.parent_id", "=", list.unit_id)
          .where("d.year", "=", list.year)
          .where("d.kind", "=", "district")
          .where("d.status", "=", "accepted")
          .where("le.removed_at", "is", null),
      )
      .onConflict((oc) => oc.columns(["list_id", "employee_id"]).doNothing())
      .execute();
  };

/** Item 8: approving after 1 December is allowed and marked late; approval locks the list. */
export function approveConsolidated(
  db: Kysely<Database>,
  listId: number,
  year: number,
  actor: number,
  now: Date,
) {
  return setStatus(
    db,
    listId,
    ["draft"],
    {
      status: "approved",
      late: isLate("regional", year, now),
      approved_at: now,
      approved_by: actor,
    },
    { actor, action: "list.approve", now },
    async () => {},
    writeInDistrictLists(now),
  );
}

export interface DistrictListStatus {
  unitId: number;
  name: { kk: string; ru: string };
  list: ListInfo | null;
}

/** Each district of a region with its list of the year, for the regional overview. */
export async function districtListsOfRegion(
  db: Kysely<Database>,
  regionId: number,
  year: number,
): Promise<DistrictListStatus[]> {
  const districts = await listDistricts(db, regionId);
  const lists = await db
    .selectFrom("lists")
    .selectAll()
    .where("year", "=", year)
    .where("kind", "=", "district")
    .where("unit_id", "in", districts.length ? districts.map((d) => d.id) : [-1])
    .execute();
  const counts = lists.length
    ? await db
        .selectFrom("list_entries")
        .select(["list_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where(
          "list_id",
          "in",
          lists.map((l) => l.id),
        )
        .where("removed_at", "is", null)
        .groupBy("list_id")
        .execute()
    : [];
  const countOf = new Map(counts.map((c) => [c.list_id, Number(c.n)]));
  return districts.map((d) => {
    const list = lists.find((l) => l.unit_id === d.id);
    return {
      unitId: d.id,
      name: d.name,
      list: list ? info(list, countOf.get(list.id) ?? 0) : null,
    };
  });
}
