// A transfer is sent by the head's order too (items 9, 13.2): a kept order may carry
// out one approved transfer request (at most one order per request). Each order
// keeps the cohort dates it names (as last amended); when the organization moves a
// cohort after an order named its dates, the amending orders are kept beside it.
import type { Kysely } from "kysely";
import { sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("head_orders")
    .addColumn("transfer_request_id", "integer", (c) => c.references("transfer_requests.id"))
    .addColumn("named_starts_on", "date")
    .addColumn("named_ends_on", "date")
    .execute();
  await sql`update head_orders
    set named_starts_on = (content->>'startsOn')::date,
        named_ends_on = (content->>'endsOn')::date`.execute(db);
  await sql`alter table head_orders
    alter column named_starts_on set not null,
    alter column named_ends_on set not null`.execute(db);
  await db.schema
    .createIndex("head_orders_one_per_transfer")
    .on("head_orders")
    .column("transfer_request_id")
    .unique()
    .execute();
  await db.schema
    .createIndex("head_orders_cohort_idx")
    .on("head_orders")
    .column("cohort_id")
    .execute();
  await db.schema
    .createTable("head_order_amendments")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("head_order_id", "integer", (c) => c.notNull().references("head_orders.id"))
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("order_date", "date", (c) => c.notNull())
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("created_by", "bigint")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("head_order_amendments_dates", sql`ends_on >= starts_on`)
    .execute();
  await db.schema
    .createIndex("head_order_amendments_order_idx")
    .on("head_order_amendments")
    .column("head_order_id")
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("head_order_amendments").execute();
  await db.schema.dropIndex("head_orders_cohort_idx").execute();
  await db.schema.dropIndex("head_orders_one_per_transfer").execute();
  await db.schema
    .alterTable("head_orders")
    .dropColumn("named_ends_on")
    .dropColumn("named_starts_on")
    .dropColumn("transfer_request_id")
    .execute();
}
