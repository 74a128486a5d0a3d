// The head's orders (item 9) as they were drafted and signed, so a draft can be
// produced again exactly as it was; enrolments point at the order that sent them.
// Outbox rows may carry an attachment (a calendar file) sent with the notice.
import type { Kysely } from "kysely";
import { sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("head_orders")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("region_unit_id", "integer", (c) => c.notNull().references("units.id"))
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("order_date", "date", (c) => c.notNull())
    .addColumn("content", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "bigint")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("head_orders_region_idx")
    .on("head_orders")
    .columns(["region_unit_id", "order_date"])
    .execute();
  await db.schema
    .alterTable("enrolments")
    .addColumn("head_order_id", "integer", (c) => c.references("head_orders.id"))
    .execute();
  await db.schema.alterTable("outbox").addColumn("attachment", "jsonb").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("attachment").execute();
  await db.schema.alterTable("enrolments").dropColumn("head_order_id").execute();
  await db.schema.dropTable("head_orders").execute();
}
