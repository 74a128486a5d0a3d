// What the screens and files show of an approved consolidated list's amendments
// (item 8): the district lists accepted after the approval that wait to be taken
// in, and the amendments with their dates and reasons.

import type { Kysely, Transaction } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { almatyDate } from "../rules/index.js";

type Db = Kysely<Database> | Transaction<Database>;

export interface LateDistrictList {
  listId: number;
  unitId: number;
  name: { kk: string; ru: string };
  count: number;
}

/**
 * District lists of the region's year accepted after its consolidated list was
 * approved and not taken in yet: their people are not on the approved list.
 */
export async function lateDistrictLists(
  db: Db,
  regionId: number,
  year: number,
): Promise<LateDistrictList[]> {
  const rows = await db
    .selectFrom("lists as d")
    .innerJoin("units as u", "u.id", "d.unit_id")
    .innerJoin("lists as r", (join) =>
      join
        .onRef("r.unit_id", "=", "u.parent_id")
        .onRef("r.year", "=", "d.year")
        .on("r.kind", "=", "regional")
        .on("r.status", "=", "approved"),
    )
    .select(["d.id", "d.unit_id", "u.name_kk", "u.name_ru"])
    .select((eb) =>
      eb
        .selectFrom("list_entries as le")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("le.list_id", "=", "d.id")
        .where("le.removed_at", "is", null)
        .as("count"),
    )
    .where("u.parent_id", "=", regionId)
    .where("d.year", "=", year)
    .where("d.kind", "=", "district")
    .where("d.status", "=", "accepted")
    .where("d.taken_in_at", "is", null)
    .whereRef("d.decided_at", ">", "r.approved_at")
    .orderBy("u.name_ru")
    .execute();
  return rows.map((r) => ({
    listId: r.id,
    unitId: r.unit_id,
    name: bothLanguages(r, "name"),
    count: Number(r.count ?? 0),
  }));
}

export interface AmendmentView {
  on: IsoDate;
  kind: "add" | "remove";
  fullName: string;
  unitId: number;
  reason: string;
}

/** The amendments of a consolidated list, in order, for its screen and its files. */
export async function amendmentsOf(db: Db, listId: number): Promise<AmendmentView[]> {
  const rows = await db
    .selectFrom("list_amendments as a")
    .innerJoin("employees as e", "e.id", "a.employee_id")
    .select([
      "a.amended_at",
      "a.kind",
      "a.reason",
      "e.last_name",
      "e.first_name",
      "e.patronymic",
      "e.unit_id",
    ])
    .where("a.list_id", "=", listId)
    .orderBy("a.amended_at")
    .orderBy("a.id")
    .execute();
  return rows.map((r) => ({
    on: almatyDate(r.amended_at),
    kind: r.kind,
    fullName: [r.last_name, r.first_name, r.patronymic].filter(Boolean).join(" "),
    unitId: r.unit_id,
    reason: r.reason,
  }));
}
