// The yearly lists. A district coordinator forms the district list from the rules
// (item 7: due in the coming year, overdue, never trained), removes people (with a
// reason) or adds them, and submits it by 1 November; the region accepts it or
// returns it with a reason. The regional coordinator approves the consolidated
// list (item 8) by 1 December: the accepted district lists plus the region-level
// unit's own employees, written into it at approval. Approval locks it; later
// changes are amendments with a reason (list-amendments.ts). Late acts, also in the
// list's own year, are allowed and marked late. Everything is audited.

import type { Selectable } from "kysely";
import { type Kysely, sql, type Transaction } from "kysely";
import type {
  Database,
  IsoDate,
  ListEntryReason,
  ListKind,
  ListStatus,
  ListsTable,
} from "../../db/types.js";
import { routes } from "../routes/index.js";
import { almatyDate, dueDate, isLate, proposeList } from "../rules/index.js";
import { audit } from "./audit.js";
import { notifyCoordinators, notifyRegionOf } from "./coordinators.js";
import { listDistricts } from "./directory.js";
import { lastCertificateOn } from "./last-certificate.js";
import { doneBy, type Refused, refuse } from "./outcome.js";

type Db = Kysely<Database> | Transaction<Database>;

export interface ListInfo {
  id: number;
  unitId: number;
  year: number;
  kind: ListKind;
  status: ListStatus;
  late: boolean;
  returnReason: string | null;
  submittedAt: Date | null;
  approvedAt: Date | null;
  /** Who moved the list last, and when (for "already done by X at T"). */
  lastMove: { actor: number | null; at: Date | null };
  /** A district list accepted after the approval: who took it into the consolidated list, when. */
  takenIn: { actor: number | null; at: Date } | null;
  count: number;
}

export interface EntryView {
  entryId: number;
  employeeId: number;
  unitId: number;
  fullName: string;
  iin: string;
  position: string;
  reason: ListEntryReason;
  dueOn: IsoDate | null;
}

async function listRow(db: Db, unitId: number, year: number, kind: ListKind) {
  return db
    .selectFrom("lists")
    .selectAll()
    .where("unit_id", "=", unitId)
    .where("year", "=", year)
    .where("kind", "=", kind)
    .executeTakeFirst();
}

async function countEntries(db: Db, listId: number): Promise<number> {
  const row = await db
    .selectFrom("list_entries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("list_id", "=", listId)
    .where("removed_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function info(row: NonNullable<Awaited<ReturnType<typeof listRow>>>, count: number): ListInfo {
  return {
    id: row.id,
    unitId: row.unit_id,
    year: row.year,
    kind: row.kind,
    status: row.status,
    late: row.late,
    returnReason: row.return_reason,
    submittedAt: row.submitted_at,
    approvedAt: row.approved_at,
    lastMove: lastMove(row),
    takenIn: row.taken_in_at ? { actor: row.taken_in_by, at: row.taken_in_at } : null,
    count,
  };
}

/** Employees of a unit the rules put on the list of `year` (item 7), with their reasons. */
async function proposeEntries(db: Db, unitId: number, year: number, now: Date) {
  const employees = await db
    .selectFrom("employees as e")
    .select([
      "e.id",
      lastCertificateOn.as("last_on"),
      sql<
        Array<{ ends_on: IsoDate; status: string }>
      >`coalesce((select json_agg(json_build_object('ends_on', co.ends_on, 'status', en.status)) from enrolments en join cohorts co on co.id = en.cohort_id where en.employee_id = e.id), '[]'::json)`.as(
        "enrolments",
      ),
    ])
    .where("e.unit_id", "=", unitId)
    .where("e.active", "=", true)
    .execute();
  const proposals = proposeList(
    employees.map((e) => ({
      id: e.id,
      lastCertificateIssuedOn: e.last_on,
      enrolments: e.enrolments.map((x) => ({
        cohortEndsOn: x.ends_on,
        status: x.status as "enrolled",
      })),
    })),
    year,
    almatyDate(now),
  );
  return proposals.flatMap(({ employee, proposal }) =>
    proposal.include
      ? [{ employeeId: employee.id, reason: proposal.reason as ListEntryReason }]
      : [],
  );
}

/** The unit's list of the year, created as a draft proposed from the rules on first use. */
export async function openList(
  db: Kysely<Database>,
  unitId: number,
  year: number,
  kind: ListKind,
  actor: number,
  now: Date,
): Promise<ListInfo> {
  const existing = await listRow(db, unitId, year, kind);
  if (existing) return info(existing, await countEntries(db, existing.id));
  return db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("lists")
      .values({ unit_id: unitId, year, kind, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(["unit_id", "year", "kind"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!created) {
      const raced = await listRow(trx, unitId, year, kind);
      if (!raced) throw new Error("list vanished");
      return info(raced, await countEntries(trx, raced.id));
    }
    const entries = await proposeEntries(trx, unitId, year, now);
    if (entries.length) {
      await trx
        .insertInto("list_entries")
        .values(
          entries.map((e) => ({
            list_id: created.id,
            employee_id: e.employeeId,
            reason: e.reason,
            created_at: now,
          })),
        )
        .execute();
    }
    await audit(trx, {
      actor,
      action: "list.create",
      entity: "list",
      entityId: created.id,
      after: { unitId, year, kind, proposed: entries.length },
      at: now,
    });
    return info(created, entries.length);
  });
}

export async function listById(db: Db, listId: number): Promise<ListInfo | undefined> {
  const row = await db.selectFrom("lists").selectAll().where("id", "=", listId).executeTakeFirst();
  return row ? info(row, await countEntries(db, row.id)) : undefined;
}

/** Entries of lists (not removed), with what the documents and screens show. */
export async function entriesOf(db: Db, listIds: number[]): Promise<EntryView[]> {
  if (listIds.length === 0) return [];
  const rows = await db
    .selectFrom("list_entries as le")
    .innerJoin("employees as e", "e.id", "le.employee_id")
    .select([
      "le.id as entry_id",
      "le.reason",
      "e.id as employee_id",
      "e.unit_id",
      "e.last_name",
      "e.first_name",
      "e.patronymic",
      "e.iin",
      "e.position",
      lastCertificateOn.as("last_on"),
    ])
    .where("le.list_id", "in", listIds)
    .where("le.removed_at", "is", null)
    .orderBy("e.last_name")
    .orderBy("e.first_name")
    .execute();
  return rows.map((r) => ({
    entryId: r.entry_id,
    employeeId: r.employee_id,
    unitId: r.unit_id,
    fullName: [r.last_name, r.first_name, r.patronymic].filter(Boolean).join(" "),
    iin: r.iin,
    position: r.position,
    reason: r.reason,
    dueOn: dueDate(r.last_on),
  }));
}

export type ChangeResult =
  | { ok: true }
  | { ok: false; reason: "locked" | "not_found" | "already_on_list" };

/** Who may still change a list: its own unit while draft or returned. */
function editable(list: { status: ListStatus }): boolean {
  return list.status === "draft" || list.status === "returned";
}

/**
 * Why a list cannot be changed now, if it cannot: missing, or no longer open (an
 * approved consolidated list changes by amendment only, list-amendments.ts). Locks
 * the list's row, so a change and a status move never cross.
 */
async function refusal(
  trx: Transaction<Database>,
  listId: number,
): Promise<ChangeResult | undefined> {
  const row = await trx
    .selectFrom("lists")
    .select("status")
    .where("id", "=", listId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "not_found" };
  if (!editable(row)) return { ok: false, reason: "locked" };
  return undefined;
}

export interface EntryChange {
  listId: number;
  actor: number;
  now: Date;
}

/** Runs a change of a list's entries in one transaction, with the list's row locked, unless refused. */
function changeEntries(
  db: Kysely<Database>,
  input: EntryChange,
  change: (trx: Transaction<Database>) => Promise<ChangeResult>,
): Promise<ChangeResult> {
  return db.transaction().execute(async (trx) => (await refusal(trx, input.listId)) ?? change(trx));
}

/** The audit row of someone put on (`onList`) or taken off a list. */
function auditEntry(
  trx: Transaction<Database>,
  input: EntryChange,
  employeeId: number,
  onList: boolean,
  detail: Record<string, unknown>,
) {
  const kind = onList ? "add" : "remove";
  return audit(trx, {
    actor: input.actor,
    action: `list.${kind}_entry`,
    entity: "list",
    entityId: input.listId,
    before: { employeeId, onList: !onList },
    after: { employeeId, onList, ...detail },
    at: input.now,
  });
}

/** Takes an entry off a list, in one transaction with the list's row locked. */
export function removeEntry(
  db: Kysely<Database>,
  input: EntryChange & { entryId: number; reason: string },
): Promise<ChangeResult> {
  return changeEntries(db, input, async (trx) => {
    const row = await trx
      .updateTable("list_entries")
      .set({ removed_at: input.now, removal_reason: input.reason })
      .where("id", "=", input.entryId)
      .where("list_id", "=", input.listId)
      .where("removed_at", "is", null)
      .returning(["id", "employee_id"])
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "not_found" };
    await auditEntry(trx, input, row.employee_id, false, { reason: input.reason });
    return { ok: true };
  });
}

/** Puts an employee on a list (back, if once removed), in one transaction with the list's row locked. */
export function addEntry(
  db: Kysely<Database>,
  input: EntryChange & { employeeId: number; note: string | null },
): Promise<ChangeResult> {
  return changeEntries(db, input, async (trx) => {
    const existing = await trx
      .selectFrom("list_entries")
      .select(["id", "removed_at"])
      .where("list_id", "=", input.listId)
      .where("employee_id", "=", input.employeeId)
      .executeTakeFirst();
    if (existing && existing.removed_at === null) return { ok: false, reason: "already_on_list" };
    if (existing) {
      await trx
        .updateTable("list_entries")
        .set({
          removed_at: null,
          removal_reason: null,
          reason: "added_by_coordinator",
          note: input.note,
        })
        .where("id", "=", existing.id)
        .execute();
    } else {
      await trx
        .insertInto("list_entries")
        .values({
          list_id: input.listId,
          employee_id: input.employeeId,
          reason: "added_by_coordinator",
          note: input.note,
          created_at: input.now,
        })
        .execute();
    }
    await auditEntry(trx, input, input.employeeId, true, { note: input.note });
    return { ok: true };
  });
}

export type ListRefusal = "not_found" | "decided";
export type ListTransition = { ok: true; list: ListInfo } | Refused<ListRefusal>;

/** Who last moved a list, and when: what a refused second press is told. */
function lastMove(row: Selectable<ListsTable>): { actor: number | null; at: Date | null } {
  if (row.status === "approved") return { actor: row.approved_by, at: row.approved_at };
  if (row.status === "submitted") return { actor: row.submitted_by, at: row.submitted_at };
  return { actor: row.decided_by, at: row.decided_at };
}

/**
 * One transition of a list's status (items 7, 8), in one transaction: the row is
 * locked, the UPDATE runs only from an allowed state (and says how many rows it
 * changed), the audit row records the real before and after, and the notices go to
 * the outbox. Anything else is refused with who moved the list last and when.
 */
async function setStatus(
  db: Kysely<Database>,
  listId: number,
  from: ListStatus[],
  changes: Partial<{
    status: ListStatus;
    late: boolean;
    return_reason: string | null;
    submitted_at: Date;
    submitted_by: number;
    decided_at: Date;
    decided_by: number;
    approved_at: Date;
    approved_by: number;
  }>,
  entry: { actor: number; action: string; now: Date },
  tell: (trx: Transaction<Database>, list: ListInfo) => Promise<void>,
  prepare?: (trx: Transaction<Database>, list: Selectable<ListsTable>) => Promise<void>,
): Promise<ListTransition> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("lists")
      .selectAll()
      .where("id", "=", listId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return refuse("not_found");
    if (from.includes(before.status)) await prepare?.(trx, before);
    const updated = await trx
      .updateTable("lists")
      .set({ ...changes, updated_at: entry.now })
      .where("id", "=", listId)
      .where("status", "in", from)
      .returningAll()
      .executeTakeFirst();
    if (!updated) {
      const last = lastMove(before);
      return refuse("decided", await doneBy(trx, last.actor, last.at));
    }
    const after = info(updated, await countEntries(trx, listId));
    await audit(trx, {
      actor: entry.actor,
      action: entry.action,
      entity: "list",
      entityId: listId,
      before: { status: before.status, late: before.late },
      after: { status: after.status, late: after.late, reason: changes.return_reason ?? undefined },
      at: entry.now,
    });
    await tell(trx, after);
    return { ok: true, list: after };
  });
}

/** A unit's name in both languages. */
async function unitNames(db: Db, unitId: number) {
  const unit = await db
    .selectFrom("units")
    .select(["name_kk", "name_ru"])
    .where("id", "=", unitId)
    .executeTakeFirstOrThrow();
  return { kk: unit.name_kk, ru: unit.name_ru };
}

/** Item 7: submitting after 1 November is allowed and marked late; the region is told. */
export function submitList(
  db: Kysely<Database>,
  listId: number,
  year: number,
  actor: number,
  now: Date,
) {
  return setStatus(
    db,
    listId,
    ["draft", "returned"],
    {
      status: "submitted",
      late: isLate("district", year, now),
      submitted_at: now,
      submitted_by: actor,
    },
    { actor, action: "list.submit", now },
    async (trx, list) => {
      const unit = await unitNames(trx, list.unitId);
      await notifyRegionOf(
        trx,
        list.unitId,
        (regionId) => ({
          key: "lists.notify_submitted",
          params: (language) => ({ unit: unit[language], year: list.year }),
          buttons: [
            {
              labelKey: "lists.open_button",
              data: routes.districtListReview.pack({
                grant: { role: "regional_coordinator", unitId: regionId },
                list: list.id,
              }),
            },
          ],
        }),
        now,
      );
    },
  );
}

/** The district's coordinators hear the region's decision, with a button to their list. */
function tellDistrict(key: string, reason: string, now: Date) {
  return (trx: Transaction<Database>, list: ListInfo) =>
    notifyCoordinators(
      trx,
      list.unitId,
      "district_coordinator",
      {
        key,
        params: { year: list.year, reason },
        buttons: [
          {
            labelKey: "lists.open_button",
            data: routes.listOfYear.pack({
              grant: { role: "district_coordinator", unitId: list.unitId },
              year: list.year,
            }),
          },
        ],
      },
      now,
    );
}

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
 * Accepting a district list (item 7). After the consolidated list's approval its
 * people are not on the approved list until it is amended (item 8): the district
 * is told so.
 */
export function acceptList(db: Kysely<Database>, listId: number, actor: number, now: Date) {
  return setStatus(
    db,
    listId,
    ["submitted"],
    { status: "accepted", decided_at: now, decided_by: actor },
    { actor, action: "list.accept", now },
    async (trx, list) => {
      const late = list.count > 0 && (await consolidatedApproved(trx, list));
      const key = late ? "lists.notify_accepted_after_approval" : "lists.notify_accepted";
      await tellDistrict(key, "", now)(trx, list);
    },
  );
}

export function returnList(
  db: Kysely<Database>,
  listId: number,
  reason: string,
  actor: number,
  now: Date,
) {
  return setStatus(
    db,
    listId,
    ["submitted"],
    { status: "returned", return_reason: reason, decided_at: now, decided_by: actor },
    { actor, action: "list.return", now },
    tellDistrict("lists.notify_returned", reason, now),
  );
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
