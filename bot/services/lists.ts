// The yearly lists, what every list shares: opening a year's list (proposed from the
// rules: item 7, due in the coming year, overdue, never trained), reading it, and
// removing (with a reason) or adding people while it may still be edited. How a list
// moves is in list-status.ts; a district list's sending and the region's decision in
// district-lists.ts; the consolidated list's approval (item 8) in consolidated-list.ts;
// amendments of an approved list in list-amendments.ts. Everything is audited.

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
import { almatyDate, dueDate, proposeList } from "../rules/index.js";
import { audit } from "./audit.js";
import { lastCertificateOn } from "./last-certificate.js";

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

export async function countEntries(db: Db, listId: number): Promise<number> {
  const row = await db
    .selectFrom("list_entries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("list_id", "=", listId)
    .where("removed_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function info(
  row: NonNullable<Awaited<ReturnType<typeof listRow>>>,
  count: number,
): ListInfo {
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

/** Who last moved a list, and when: what a refused second press is told. */
export function lastMove(row: Selectable<ListsTable>): { actor: number | null; at: Date | null } {
  if (row.status === "approved") return { actor: row.approved_by, at: row.approved_at };
  if (row.status === "submitted") return { actor: row.submitted_by, at: row.submitted_at };
  return { actor: row.decided_by, at: row.decided_at };
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
