// Failed certificate look-ups per person, so repeated guessing is slowed down.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("verification_failures")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("telegram_user_id", "bigint", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("verification_failures_user_at_idx")
    .on("verification_failures")
    .columns(["telegram_user_id", "at"])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("verification_failures").execute();
}
