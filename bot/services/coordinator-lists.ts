// What a coordinator's list screens see and may change (items 7, 8): its own list
// of the coming year (a region's together with the accepted district lists under
// it), the employees it may still add, a district list of its region. Every change
// checks the one id it is given against the coordinator's unit here, so a forged
// id changes nothing; the changes themselves run in lists.ts's transactions.
import { type Kysely, sql } from "kysely";
import type { Database, Language } from "../../db/types.js";
import type { ListDocument } from "../documents/index.js";
import { almatyDate, listYearFor } from "../rules/index.js";
import { type EmployeeName, namesPage } from "./employee-directory.js";
import {
  addEntry,
  approveConsolidated,
  type ChangeResult,
  districtListsOfRegion,
  type EntryView,
  entriesOf,
  type ListInfo,
  type ListTransition,
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

/** The owner's list of the coming year (created from the rules on first use). */
export function ownList(db: Kysely<Database>, owner: ListOwner, act: Act): Promise<ListInfo> {
  return openList(db, owner.unitId, listYearFor(act.now), listKindOf(owner), act.actor, act.now);
}

/** The lists the owner's screens show: a district's own; a region's own plus accepted district lists. */
async function listsInView(db: Kysely<Database>, owner: ListOwner, list: ListInfo) {
  if (owner.role === "district_coordinator") return [list.id];
  const districts = await districtListsOfRegion(db, owner.unitId, list.year);
  return [list.id, ...districts.flatMap((d) => (d.list?.status === "accepted" ? [d.list.id] : []))];
}

export interface OwnListView {
  list: ListInfo;
  entries: EntryView[];
}

/** The owner's list and everyone on the lists it sees. */
export async function ownListView(
  db: Kysely<Database>,
  owner: ListOwner,
  act: Act,
): Promise<OwnListView> {
  const list = await ownList(db, owner, act);
  return { list, entries: await entriesOf(db, await listsInView(db, owner, list)) };
}

/** Active employees of the owner's unit on none of the lists it sees, a page of them. */
export async function listCandidates(
  db: Kysely<Database>,
  owner: ListOwner,
  act: Act,
  page: { offset: number; limit: number },
): Promise<{ total: number; items: EmployeeName[] }> {
  const listIds = await listsInView(db, owner, await ownList(db, owner, act));
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
  /** The list is approved: a change is an amendment and needs its reason. */
  | { ok: false; reason: "needs_reason" };

/**
 * Puts an active employee of the owner's unit on its list. Once the list is
 * approved, only as an amendment with a reason (`reason` null asks for one).
 */
export async function addToOwnList(
  db: Kysely<Database>,
  owner: ListOwner,
  input: Act & { employeeId: number; reason: string | null },
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
  const amendment = list.status === "approved";
  if (amendment && input.reason === null) return { ok: false, reason: "needs_reason" };
  const added = await addEntry(db, {
    listId: list.id,
    employeeId: input.employeeId,
    note: input.reason,
    actor: input.actor,
    now: input.now,
    amendment,
  });
  return added.ok ? { ok: true, amendment } : added;
}

/** The list holding an entry, if the entry is on one of the lists the owner sees. */
export async function entryInView(
  db: Kysely<Database>,
  owner: ListOwner,
  act: Act,
  entryId: number,
): Promise<{ list: ListInfo; holderId: number } | undefined> {
  const list = await ownList(db, owner, act);
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
  input: Act & { entryId: number; reason: string },
): Promise<OwnListChange> {
  const found = await entryInView(db, owner, input, input.entryId);
  if (!found) return { ok: false, reason: "out_of_scope" };
  const amendment = found.list.status === "approved";
  const removed = await removeEntry(db, {
    listId: found.holderId,
    entryId: input.entryId,
    reason: input.reason,
    actor: input.actor,
    now: input.now,
    amendment,
  });
  return removed.ok ? { ok: true, amendment } : removed;
}

/** The consolidated list approved: how many are on it, and the districts it went without. */
export type Approval =
  | { ok: true; list: ListInfo; total: number; without: LocalizedName[] }
  | Exclude<ListTransition, { ok: true }>;

/** Item 8: the region approves its consolidated list as it stands. */
export async function approveOwnConsolidated(
  db: Kysely<Database>,
  owner: ListOwner,
  act: Act,
): Promise<Approval> {
  const list = await ownList(db, owner, act);
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
  return unit?.parent_id === regionId
    ? { list, name: { kk: unit.name_kk, ru: unit.name_ru } }
    : undefined;
}

/** A list as a document, if the owner may see it: its own, or (a region) a district list of its region. */
export async function listDocumentFor(
  db: Kysely<Database>,
  owner: ListOwner,
  act: Act,
  listId: number,
  language: Language,
): Promise<ListDocument | undefined> {
  const own = await ownList(db, owner, act);
  if (listId === own.id) {
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
  const units = await db
    .selectFrom("units")
    .select(["id", "name_kk", "name_ru"])
    .where("id", "in", [ownUnitId, ...entries.map((e) => e.unitId)])
    .execute();
  const nameOf = new Map(units.map((u) => [u.id, language === "kk" ? u.name_kk : u.name_ru]));
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
    // The Rules ask for no IIN in the lists (items 7–8): the least IIN in a file (Law No. 94-V).
    showFullIin: false,
  };
}
