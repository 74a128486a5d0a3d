// How a yearly list moves (items 7, 8): draft → submitted → returned or accepted for a
// district list, draft → approved for the consolidated one, each move one guarded
// transaction with its audit row and its notices.

import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, ListStatus, ListsTable } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { audit } from "./audit.js";
import { countEntries, info, type ListInfo, lastMove } from "./lists.js";
import { doneBy, type Refused, refuse } from "./outcome.js";

type Db = Kysely<Database> | Transaction<Database>;

export type ListRefusal = "not_found" | "decided";
export type ListTransition = { ok: true; list: ListInfo } | Refused<ListRefusal>;

/**
 * One transition of a list's status (items 7, 8), in one transaction: the row is
 * locked, the UPDATE runs only from an allowed state (and says how many rows it
 * changed), the audit row records the real before and after, and the notices go to
 * the outbox. Anything else is refused with who moved the list last and when.
 */
export async function setStatus(
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
export async function unitNames(db: Db, unitId: number) {
  const unit = await db
    .selectFrom("units")
    .select(["name_kk", "name_ru"])
    .where("id", "=", unitId)
    .executeTakeFirstOrThrow();
  return bothLanguages(unit, "name");
}
