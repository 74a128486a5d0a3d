// One outbox sender at a time across processes (a lease), and each process's use of
// Telegram's message budget by direct replies, so the sender can leave it to them.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("sender_lease")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("until", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("send_budget")
    .addColumn("process_id", "text", (c) => c.primaryKey())
    .addColumn("replies", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("paused_until", "timestamptz")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("send_budget").execute();
  await db.schema.dropTable("sender_lease").execute();
}
