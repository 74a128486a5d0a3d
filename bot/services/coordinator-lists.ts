// What a coordinator's list screens see and may change (items 7, 8): its own list
// of the current or the coming year (rules/list-years.ts; a region's together with
// the accepted district lists under it until it is approved), the employees it may
// still add, a district list of its region. Every change checks the one id it is
// given against the coordinator's unit here, so a forged id changes nothing; the
// changes themselves run in the transactions of lists.ts and list-amendments.ts.

import { type Kysely, sql } from "kysely";
import type { Database, Language } from "../../db/types.js";
import type { ListDocument } from "../documents/index.js";
import { bothLanguages, inLanguage } from "../i18n/in-language.js";
import {
  almatyDate,
  almatyYear,
  awaitsOwner,
  defaultListYear,
  isReachableListYear,
} from "../rules/index.js";
import { approveConsolidated, districtListsOfRegion } from "./consolidated-list.js";
import { type EmployeeName, namesPage } from "./employee-directory.js";
import {
  type AmendRefusal,
  amendAdd,
  amendmentsOf,
  amendRemove,
  type TakeInResult,
  takeInDistrictList,
} from "./list-amendments.js";
import type { ListTransition } from "./list-status.js";
import {
  addEntry,
  type ChangeResult,
  type EntryView,
  entriesOf,
  type ListInfo,
  listById,
  openList,
  removeEntry,
} from "./lists.js";
import type { LocalizedName } from "./people.js";

/** The coordinator a list belongs to: a district's, or a region-level unit's. */
export interface ListOwner {
  role: "district_coordinator" | "regional_coordinator";
  unitId: number;
}

export const listKindOf = (owner: ListOwner) =>
  owner.role === "district_coordinator" ? ("district" as const) : ("regional" as const);

/** Who acts, and when (the list is created from the rules on first use, on record). */
interface Act {
  actor: number;
  now: Date;
}

/** Who acts, when, and on the list of which year (the current or the coming one). */
interface YearAct extends Act {
  year: number;
}

/**
 * The year the owner's list screen opens on: the current year's list while it
 * still waits for the owner (a late list), else the coming year's (rules).
 */
export async function defaultYearOf(
  db: Kysely<Database>,
  owner: ListOwner,
  now: Date,
): Promise<number> {
  const current = await db
    .selectFrom("lists")
    .select("status")
    .where("unit_id", "=", owner.unitId)
    .where("year", "=", almatyYear(now))
    .where("kind", "=", listKindOf(owner))
    .executeTakeFirst();
  return defaultListYear(now, awaitsOwner(listKindOf(owner), current?.status ?? null));
}

/**
 * The owner's list of a year its screens reach (created from the rules on first
 * use); undefined for any other year (a stale button of a year gone by).
 */
export async function ownList(
  db: Kysely<Database>,
  owner: ListOwner,
  act: YearAct,
): Promise<ListInfo | undefined> {
  if (!isReachableListYear(act.year, act.now)) return undefined;
  return openList(db, owner.unitId, act.year, listKindOf(owner), act.actor, act.now);
}

/**
 * The lists the owner's screens show: a district's own; a region's own plus the
 * accepted district lists until it is approved, then only itself (its members
 * were written into it at approval; later changes are amendments).
 */
async function listsInView(db: Kysely<Database>, owner: ListOwner, list: ListInfo) {
  if (owner.role === "district_coordinator" || list.status === "approved") return [list.id];
  const districts = await districtListsOfRegion(db, owner.unitId, list.year);
  return [list.id, ...districts.flatMap((d) => (d.list?.status === "accepted" ? [d.list.id] : []))];
}

export interface OwnListView {
  list: ListInfo;
  entries: EntryView[];
}

/** The owner's list of the year and everyone on the lists it sees (undefined: a year out of reach). */
export async function ownListView(
  db: Kysely<Database>,
  owner: ListOwner,
  act: YearAct,
): Promise<OwnListView | undefined> {
  const list = await ownList(db, owner, act);
  return list && { list, entries: await entriesOf(db, await listsInView(db, owner, list)) };
}

/** Active employees of the owner's unit on none of the lists it sees, a page of them. */
export async function listCandidates(
  db: Kysely<Database>,
  owner: ListOwner,
  act: YearAct,
  page: { offset: number; limit: number },
): Promise<{ total: number; items: EmployeeName[] }> {
  const list = await ownList(db, owner, act);
  if (!list) return { total: 0, items: [] };
  const listIds = await listsInView(db, owner, list);
  const query = db
    .selectFrom("employees")
    .where("unit_id", "=", owner.unitId)
    .where("active", "=", true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("list_entries as le")
            .select(sql`1`.as("one"))
            .whereRef("le.employee_id", "=", "employees.id")
            .where("le.list_id", "in", listIds)
            .where("le.removed_at", "is", null),
        ),
      ),
    );
  return namesPage(query, page);
}

/** A change the owner asked for: the list's own refusals, or an id outside its lists. */
export type OwnListChange =
  | { ok: true; amendment: boolean }
  | Exclude<ChangeResult, { ok: true }>
  | { ok: false; reason: "out_of_scope" }
  /** A year the screens no longer reach. */
  | { ok: false; reason: "closed" }
  | { ok: false; reason: Exclude<AmendRefusal, "closed"> }
  /** The list is approved: a change is an amendment and needs its reason. */
  | { ok: false; reason: "needs_reason" };

/**
 * Puts an active employee of the owner's unit on its list. Once the list is
 * approved, only as an amendment with a reason (`reason` null asks for one).
 */
export async function addToOwnList(
  db: Kysely<Database>,
  owner: ListOwner,
  input: YearAct & { employeeId: number; reason: string | null },
): Promise<OwnListChange> {
  const employee = await db
    .selectFrom("employees")
    .select("id")
    .where("id", "=", input.employeeId)
    .where("unit_id", "=", owner.unitId)
    .where("active", "=", true)
    .executeTakeFirst();
  if (!employee) return { ok: false, reason: "out_of_scope" };
  const list = await ownList(db, owner, input);
  if (!list) return { ok: false, reason: "closed" };
  if (list.status === "approved") {
    if (input.reason === null) return { ok: false, reason: "needs_reason" };
    const { actor, now, employeeId, reason } = input;
    const amended = await amendAdd(db, { listId: list.id, employeeId, reason, actor, now });
    return amended.ok ? { ok: true, amendment: true } : { ok: false, reason: amended.reason };
  }
  const added = await addEntry(db, {
    listId: list.id,
    employeeId: input.employeeId,
    note: input.reason,
    actor: input.actor,
    now: input.now,
  });
  return added.ok ? { ok: true, amendment: false } : added;
}

/** The list holding an entry, if the entry is on one of the lists the owner sees. */
export async function entryInView(
  db: Kysely<Database>,
  owner: ListOwner,
  act: YearAct,
  entryId: number,
): Promise<{ list: ListInfo; holderId: number } | undefined> {
  const list = await ownList(db, owner, act);
  if (!list) return undefined;
  const row = await db
    .selectFrom("list_entries")
    .select("list_id")
    .where("id", "=", entryId)
    .where("list_id", "in", await listsInView(db, owner, list))
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return row && { list, holderId: row.list_id };
}

/** Takes an entry off the lists the owner sees, with its reason; once approved, as an amendment. */
export async function removeFromOwnList(
  db: Kysely<Database>,
  owner: ListOwner,
  input: YearAct & { entryId: number; reason: string },
): Promise<OwnListChange> {
  const found = await entryInView(db, owner, input, input.entryId);
  if (!found) return { ok: false, reason: "out_of_scope" };
  const { actor, now, entryId, reason } = input;
  if (found.list.status === "approved") {
    const amended = await amendRemove(db, { listId: found.list.id, entryId, reason, actor, now });
    return amended.ok ? { ok: true, amendment: true } : { ok: false, reason: amended.reason };
  }
  const removed = await removeEntry(db, { listId: found.holderId, entryId, reason, actor, now });
  return removed.ok ? { ok: true, amendment: false } : removed;
}

/** The consolidated list approved: how many are on it, and the districts it went without. */
export type Approval =
  | { ok: true; list: ListInfo; total: number; without: LocalizedName[] }
  | Exclude<ListTransition, { ok: true }>
  | { ok: false; reason: "closed" };

/** Item 8: the region approves its consolidated list as it stands. */
export async function approveOwnConsolidated(
  db: Kysely<Database>,
  owner: ListOwner,
  act: YearAct,
): Promise<Approval> {
  const list = await ownList(db, owner, act);
  if (!list) return { ok: false, reason: "closed" };
  const districts = await districtListsOfRegion(db, owner.unitId, list.year);
  const approved = await approveConsolidated(db, list.id, list.year, act.actor, act.now);
  if (!approved.ok) return approved;
  const entries = await entriesOf(db, await listsInView(db, owner, approved.list));
  return {
    ok: true,
    list: approved.list,
    total: entries.length,
    without: districts.filter((d) => d.list?.status !== "accepted").map((d) => d.name),
  };
}

export interface DistrictList {
  list: ListInfo;
  name: LocalizedName;
}

/** A district list of the region, if it is one. */
export async function districtListInRegion(
  db: Kysely<Database>,
  listId: number,
  regionId: number,
): Promise<DistrictList | undefined> {
  const list = await listById(db, listId);
  if (list?.kind !== "district") return undefined;
  const unit = await db
    .selectFrom("units")
    .select(["parent_id", "name_kk", "name_ru"])
    .where("id", "=", list.unitId)
    .executeTakeFirst();
  return unit?.parent_id === regionId ? { list, name: bothLanguages(unit, "name") } : undefined;
}

/**
 * Item 8: the region takes a district list of its own, accepted after the approval,
 * into its approved consolidated list of that year, with the amendment's reason.
 */
export async function takeInLateList(
  db: Kysely<Database>,
  regionId: number,
  input: Act & { listId: number; reason: string },
): Promise<TakeInResult | { ok: false; reason: "out_of_scope" }> {
  const found = await districtListInRegion(db, input.listId, regionId);
  if (!found) return { ok: false, reason: "out_of_scope" };
  const consolidated = await db
    .selectFrom("lists")
    .select("id")
    .where("unit_id", "=", regionId)
    .where("year", "=", found.list.year)
    .where("kind", "=", "regional")
    .executeTakeFirst();
  if (!consolidated) return { ok: false, reason: "not_approved" };
  return takeInDistrictList(db, {
    consolidatedId: consolidated.id,
    districtListId: found.list.id,
    reason: input.reason,
    actor: input.actor,
    now: input.now,
  });
}

/** A list as a document, if the owner may see it: its own, or (a region) a district list of its region. */
export async function listDocumentFor(
  db: Kysely<Database>,
  owner: ListOwner,
  listId: number,
  language: Language,
): Promise<ListDocument | undefined> {
  const own = await listById(db, listId);
  if (own && own.unitId === owner.unitId && own.kind === listKindOf(owner)) {
    const entries = await entriesOf(db, await listsInView(db, owner, own));
    return buildDocument(db, own, entries, owner.unitId, language);
  }
  if (owner.role !== "regional_coordinator") return undefined;
  const found = await districtListInRegion(db, listId, owner.unitId);
  if (!found) return undefined;
  const entries = await entriesOf(db, [found.list.id]);
  return buildDocument(db, found.list, entries, found.list.unitId, language);
}

async function buildDocument(
  db: Kysely<Database>,
  list: ListInfo,
  entries: EntryView[],
  ownUnitId: number,
  language: Language,
): Promise<ListDocument> {
  const amendments = list.kind === "regional" ? await amendmentsOf(db, list.id) : [];
  const units = await db
    .selectFrom("units")
    .select(["id", "name_kk", "name_ru"])
    .where("id", "in", [
      ownUnitId,
      ...entries.map((e) => e.unitId),
      ...amendments.map((a) => a.unitId),
    ])
    .execute();
  const nameOf = new Map(units.map((u) => [u.id, inLanguage(u, "name", language)]));
  const groups = [...new Set(entries.map((e) => e.unitId))]
    .sort((a, b) =>
      a === ownUnitId
        ? 1
        : b === ownUnitId
          ? -1
          : (nameOf.get(a) ?? "").localeCompare(nameOf.get(b) ?? ""),
    )
    .map((unitId) => ({
      name: list.kind === "regional" && unitId === ownUnitId ? null : (nameOf.get(unitId) ?? ""),
      rows: entries
        .filter((e) => e.unitId === unitId)
        .map((e) => ({
          fullName: e.fullName,
          iin: e.iin,
          position: e.position,
          reason: e.reason,
          dueOn: e.dueOn,
        })),
    }));
  const statusDate = list.approvedAt ?? list.submittedAt;
  return {
    kind: list.kind,
    year: list.year,
    unitName: nameOf.get(ownUnitId) ?? "",
    status: list.status,
    late: list.late,
    statusDate: statusDate ? almatyDate(statusDate) : null,
    groups,
    amendments: amendments.map((a) => ({
      on: a.on,
      kind: a.kind,
      fullName: a.fullName,
      unitName: a.unitId === ownUnitId ? null : (nameOf.get(a.unitId) ?? ""),
      reason: a.reason,
    })),
    // The Rules ask for no IIN in the lists (items 7–8): the least IIN in a file (Law No. 94-V).
    showFullIin: false,
  };
}
