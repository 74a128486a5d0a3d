// Personal data (Law No. 94-V "On personal data and their protection"): consents
// given or refused per version of the notice, an access log of reads (without the
// IIN itself), correction requests, the erasure mark on employees, and the audience
// of an outbox row (so an employee who declined gets nothing meant for employees).
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("consents")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("telegram_user_id", "bigint", (c) => c.notNull())
    .addColumn("subject", "text", (c) =>
      c.notNull().check(sql`subject in ('employee', 'coordinator')`),
    )
    .addColumn("employee_id", "integer", (c) => c.references("employees.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("decision", "text", (c) =>
      c.notNull().check(sql`decision in ('agreed', 'declined')`),
    )
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("decided_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("consents_person_idx")
    .on("consents")
    .columns(["telegram_user_id", "subject", "decided_at"])
    .execute();
  await db.schema
    .createIndex("consents_employee_idx")
    .on("consents")
    .columns(["employee_id", "decided_at"])
    .execute();

  await db.schema
    .createTable("access_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("actor_telegram_id", "bigint", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("employee_id", "integer", (c) => c.references("employees.id"))
    .addColumn("subject", "text")
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("access_log_at_idx").on("access_log").column("at").execute();
  await db.schema
    .createIndex("access_log_employee_idx")
    .on("access_log")
    .columns(["employee_id", "at"])
    .execute();

  await db.schema
    .createTable("correction_requests")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("employee_id", "integer", (c) => c.notNull().references("employees.id"))
    .addColumn("telegram_user_id", "bigint", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("open").check(sql`status in ('open', 'done')`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("resolved_by", "bigint")
    .addColumn("resolved_at", "timestamptz")
    .execute();

  await db.schema.alterTable("employees").addColumn("erased_at", "timestamptz").execute();
  await db.schema.alterTable("outbox").addColumn("audience", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("outbox").dropColumn("audience").execute();
  await db.schema.alterTable("employees").dropColumn("erased_at").execute();
  await db.schema.dropTable("correction_requests").execute();
  await db.schema.dropTable("access_log").execute();
  await db.schema.dropTable("consents").execute();
}
