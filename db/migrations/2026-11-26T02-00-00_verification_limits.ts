// Certificate look-ups, all of them (found or not, with or without an IIN), so that
// verification limits can hold per account, per certificate and overall; and one
// history entry per checker per certificate per day (`checked_on`, Almaty date).
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("verification_lookups")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("telegram_user_id", "bigint", (c) => c.notNull())
    // found | not_found | iin_right | iin_wrong
    .addColumn("outcome", "text", (c) => c.notNull())
    // by_number | by_code
    .addColumn("asked_by", "text", (c) => c.notNull())
    .addColumn("certificate_id", "integer")
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("verification_lookups_user_at_idx")
    .on("verification_lookups")
    .columns(["telegram_user_id", "at"])
    .execute();
  await db.schema
    .createIndex("verification_lookups_certificate_at_idx")
    .on("verification_lookups")
    .columns(["certificate_id", "at"])
    .execute();
  await db.schema
    .createIndex("verification_lookups_at_idx")
    .on("verification_lookups")
    .column("at")
    .execute();

  await db.schema.alterTable("certificate_checks").addColumn("checked_on", "date").execute();
  await db.schema
    .createIndex("certificate_checks_one_a_day_idx")
    .on("certificate_checks")
    .columns(["certificate_id", "checked_by", "checked_on"])
    .unique()
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("certificate_checks_one_a_day_idx").execute();
  await db.schema.alterTable("certificate_checks").dropColumn("checked_on").execute();
  await db.schema.dropTable("verification_lookups").execute();
}
