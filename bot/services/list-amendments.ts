// Item 8: an approved consolidated list changes only by an amendment. At approval
// its members are written into it (lists.ts, approveConsolidated); afterwards, until
// the end of its own year, the regional coordinator adds or removes a person with a
// reason, or takes in a district list accepted after the approval. Each change is
// one transaction: the consolidated list's row locked, the amendment row, the
// entry, the audit row and the notices to the people concerned and their district.
// The database refuses a change of the entries without an amendment row
// (migration 2026-12-06T01-00-00_list_amendments).
import type { Kysely, Transaction } from "kysely";
import type { Database, ListEntryReason } from "../../db/types.js";
import { notify, notifyAll } from "../outbox/notices.js";
import { routes } from "../routes/index.js";
import { canAmendList } from "../rules/index.js";
import { audit } from "./audit.js";
import { notifyCoordinators } from "./coordinators.js";
import { doneBy, type Refused, refuse } from "./outcome.js";

type Db = Kysely<Database> | Transaction<Database>;

export {
  type AmendmentView,
  amendmentsOf,
  type LateDistrictList,
  lateDistrictLists,
} from "./list-amendment-views.js";

export type AmendRefusal = "not_found" | "not_approved" | "closed" | "already_on_list";
export type AmendResult = { ok: true } | Refused<AmendRefusal>;

interface Act {
  actor: number;
  now: Date;
}

/** Locks the consolidated list and says why it cannot be amended now, if it cannot. */
async function lockApproved(trx: Transaction<Database>, listId: number, now: Date) {
  const list = await trx
    .selectFrom("lists")
    .select(["id", "unit_id", "year", "kind", "status", "approved_at"])
    .where("id", "=", listId)
    .forUpdate()
    .executeTakeFirst();
  if (list?.kind !== "regional") return { refused: refuse("not_found" as const) };
  if (list.status !== "approved") return { refused: refuse("not_approved" as const) };
  if (!canAmendList(list.year, now)) return { refused: refuse("closed" as const) };
  return { list };
}

interface Change {
  listId: number;
  year: number;
  employeeId: number;
  kind: "add" | "remove";
  reason: string;
  sourceListId?: number | null;
}

/** The amendment's row, written before the entry changes (the database checks it). */
async function recordAmendment(trx: Transaction<Database>, change: Change, act: Act) {
  await trx
    .insertInto("list_amendments")
    .values({
      list_id: change.listId,
      employee_id: change.employeeId,
      kind: change.kind,
      reason: change.reason,
      source_list_id: change.sourceListId ?? null,
      amended_by: act.actor,
      amended_at: act.now,
    })
    .execute();
  await audit(trx, {
    actor: act.actor,
    action: `list.amend_${change.kind}`,
    entity: "list",
    entityId: change.listId,
    before: { employeeId: change.employeeId, onList: change.kind === "remove" },
    after: {
      employeeId: change.employeeId,
      onList: change.kind === "add",
      reason: change.reason,
      sourceListId: change.sourceListId ?? undefined,
    },
    at: act.now,
  });
}

/** Puts a person on the consolidated list (back, if once removed). */
async function putOn(
  trx: Transaction<Database>,
  change: Change,
  entryReason: ListEntryReason,
  now: Date,
) {
  await trx
    .insertInto("list_entries")
    .values({
      list_id: change.listId,
      employee_id: change.employeeId,
      reason: entryReason,
      note: change.reason,
      source_list_id: change.sourceListId ?? null,
      created_at: now,
    })
    .onConflict((oc) =>
      oc.columns(["list_id", "employee_id"]).doUpdateSet({
        removed_at: null,
        removal_reason: null,
        reason: entryReason,
        note: change.reason,
      }),
    )
    .execute();
}

async function employeeOf(db: Db, employeeId: number) {
  return db
    .selectFrom("employees as e")
    .innerJoin("units as u", "u.id", "e.unit_id")
    .select(["e.id", "e.last_name", "e.first_name", "e.telegram_user_id", "e.unit_id", "u.level"])
    .where("e.id", "=", employeeId)
    .executeTakeFirstOrThrow();
}

/** The person is told, and the coordinators of their district. */
async function tellChange(trx: Transaction<Database>, change: Change, now: Date) {
  const person = await employeeOf(trx, change.employeeId);
  const params = { year: change.year, reason: change.reason };
  if (person.telegram_user_id !== null)
    await notify(
      trx,
      person.telegram_user_id,
      {
        key: `lists.notify_employee_${change.kind}`,
        params,
        audience: "employee",
        buttons: [
          {
            labelKey: "employee.menu.status",
            data: routes.employeeStatus.pack({ grant: { role: "employee" } }),
          },
        ],
      },
      now,
    );
  if (person.level === "district")
    await tellDistrict(trx, person.unit_id, {
      ...params,
      kind: change.kind,
      names: `${person.last_name} ${person.first_name}`,
      now,
    });
}

function tellDistrict(
  trx: Transaction<Database>,
  unitId: number,
  what: { year: number; reason: string; kind: "add" | "remove"; names: string; now: Date },
) {
  return notifyCoordinators(
    trx,
    unitId,
    "district_coordinator",
    {
      key: `lists.notify_amended_${what.kind}`,
      params: { year: what.year, reason: what.reason, names: what.names },
    },
    what.now,
  );
}

/** Item 8: adds a person to an approved consolidated list, with the amendment's reason. */
export function amendAdd(
  db: Kysely<Database>,
  input: Act & { listId: number; employeeId: number; reason: string },
): Promise<AmendResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockApproved(trx, input.listId, input.now);
    if (!locked.list) return locked.refused;
    const onList = await trx
      .selectFrom("list_entries")
      .select("id")
      .where("list_id", "=", input.listId)
      .where("employee_id", "=", input.employeeId)
      .where("removed_at", "is", null)
      .executeTakeFirst();
    if (onList) return refuse("already_on_list");
    const change = { ...input, year: locked.list.year, kind: "add" as const };
    await recordAmendment(trx, change, input);
    await putOn(trx, change, "added_by_coordinator", input.now);
    await tellChange(trx, change, input.now);
    return { ok: true };
  });
}

/** Item 8: takes a person off an approved consolidated list, with the amendment's reason. */
export function amendRemove(
  db: Kysely<Database>,
  input: Act & { listId: number; entryId: number; reason: string },
): Promise<AmendResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockApproved(trx, input.listId, input.now);
    if (!locked.list) return locked.refused;
    const entry = await trx
      .selectFrom("list_entries")
      .select(["id", "employee_id"])
      .where("id", "=", input.entryId)
      .where("list_id", "=", input.listId)
      .where("removed_at", "is", null)
      .executeTakeFirst();
    if (!entry) return refuse("not_found");
    const change = {
      listId: input.listId,
      year: locked.list.year,
      employeeId: entry.employee_id,
      kind: "remove" as const,
      reason: input.reason,
    };
    await recordAmendment(trx, change, input);
    await trx
      .updateTable("list_entries")
      .set({ removed_at: input.now, removal_reason: input.reason })
      .where("id", "=", entry.id)
      .execute();
    await tellChange(trx, change, input.now);
    return { ok: true };
  });
}

export type TakeInResult =
  | { ok: true; added: number }
  | Refused<AmendRefusal | "not_late" | "decided">;

/**
 * Item 8: the people of a district list accepted after the consolidated list's
 * approval join it by one amendment with one reason: each person's amendment row,
 * entry, audit row and notice, and one notice to the district. A second press is
 * told who took the list in, and when.
 */
export function takeInDistrictList(
  db: Kysely<Database>,
  input: Act & { consolidatedId: number; districtListId: number; reason: string },
): Promise<TakeInResult> {
  return db.transaction().execute(async (trx) => {
    const locked = await lockApproved(trx, input.consolidatedId, input.now);
    if (!locked.list) return locked.refused;
    const district = await trx
      .selectFrom("lists")
      .select(["id", "unit_id", "status", "decided_at", "taken_in_at", "taken_in_by"])
      .where("id", "=", input.districtListId)
      .where("kind", "=", "district")
      .where("year", "=", locked.list.year)
      .forUpdate()
      .executeTakeFirst();
    if (!district) return refuse("not_found");
    if (district.taken_in_at)
      return refuse("decided", await doneBy(trx, district.taken_in_by, district.taken_in_at));
    const approvedAt = locked.list.approved_at;
    if (district.status !== "accepted" || !district.decided_at || !approvedAt)
      return refuse("not_late");
    if (district.decided_at <= approvedAt) return refuse("not_late");
    await trx
      .updateTable("lists")
      .set({ taken_in_at: input.now, taken_in_by: input.actor, updated_at: input.now })
      .where("id", "=", district.id)
      .where("taken_in_at", "is", null)
      .execute();
    const people = await trx
      .selectFrom("list_entries as le")
      .innerJoin("employees as e", "e.id", "le.employee_id")
      .select(["le.employee_id", "le.reason", "e.last_name", "e.first_name"])
      .where("le.list_id", "=", district.id)
      .where("le.removed_at", "is", null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("list_entries as r")
              .select("r.id")
              .whereRef("r.employee_id", "=", "le.employee_id")
              .where("r.list_id", "=", input.consolidatedId)
              .where("r.removed_at", "is", null),
          ),
        ),
      )
      .orderBy("e.last_name")
      .execute();
    const told: number[] = [];
    for (const person of people) {
      const change = {
        listId: input.consolidatedId,
        year: locked.list.year,
        employeeId: person.employee_id,
        kind: "add" as const,
        reason: input.reason,
        sourceListId: district.id,
      };
      await recordAmendment(trx, change, input);
      await putOn(trx, change, person.reason, input.now);
      const who = await employeeOf(trx, person.employee_id);
      if (who.telegram_user_id !== null) told.push(who.telegram_user_id);
    }
    await notifyAll(
      trx,
      told,
      {
        key: "lists.notify_employee_add",
        params: { year: locked.list.year, reason: input.reason },
        audience: "employee",
      },
      input.now,
    );
    if (people.length)
      await tellDistrict(trx, district.unit_id, {
        year: locked.list.year,
        reason: input.reason,
        kind: "add",
        names: people.map((p) => `${p.last_name} ${p.first_name}`).join(", "),
        now: input.now,
      });
    return { ok: true, added: people.length };
  });
}
