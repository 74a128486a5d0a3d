// Every change a person makes is written here: who, when, what, before and after.
import type { Kysely, Transaction } from "kysely";
import { jsonText } from "../../db/json.js";
import type { Database } from "../../db/types.js";

export interface AuditEntry {
  actor: number | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Writes one entry, or several in one insert (an import, an order enrolling many). */
export async function audit(
  db: Kysely<Database> | Transaction<Database>,
  entries: AuditEntry | readonly AuditEntry[],
): Promise<void> {
  const all = Array.isArray(entries) ? entries : [entries as AuditEntry];
  if (all.length === 0) return;
  await db
    .insertInto("audit_log")
    .values(
      all.map((entry) => ({
        actor_telegram_id: entry.actor,
        action: entry.action,
        entity: entry.entity,
        entity_id: entry.entityId === null ? null : String(entry.entityId),
        before: entry.before === undefined ? null : jsonText(entry.before),
        after: entry.after === undefined ? null : jsonText(entry.after),
        at: entry.at,
      })),
    )
    .execute();
}
