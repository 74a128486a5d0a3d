// The first schema: every table of the bot's data model (db/types.ts describes them).
// Frozen in time: this file never imports application types and is never edited
// once released; later changes come as new migrations.
import { type ColumnDefinitionBuilder, type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

const createdAt = (col: ColumnDefinitionBuilder) => col.notNull().defaultTo(sql`now()`);

export async function up(db: AnyDb): Promise<void> {
  // Units of the regional authorized body: region level (oblast, city of republican
  // significance, capital) and district level (district, city of regional significance).
  await db.schema
    .createTable("units")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("kato_code", "text", (c) => c.notNull().unique())
    .addColumn("level", "text", (c) => c.notNull().check(sql`level in ('region', 'district')`))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("parent_id", "integer", (c) => c.references("units.id"))
    .addColumn("name_kk", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .addCheckConstraint(
      "units_parent_matches_level",
      sql`(level = 'region' and parent_id is null) or (level = 'district' and parent_id is not null)`,
    )
    .execute();
  await db.schema.createIndex("units_parent_idx").on("units").column("parent_id").execute();

  // Training organizations (item 5).
  await db.schema
    .createTable("providers")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("name_kk", "text", (c) => c.notNull())
    .addColumn("name_ru", "text", (c) => c.notNull())
    .addColumn("head_name", "text", (c) => c.notNull())
    .addColumn("certificate_prefix", "text", (c) => c.notNull().unique())
    .addColumn("logo", "bytea")
    .addColumn("logo_mime_type", "text")
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", createdAt)
    .addColumn("updated_at", "timestamptz", createdAt)
    .execute();

  // Everyone who ever wrote to the bot. Language is the person's choice (kk | ru);
  // unreachable_at is set when Telegram answers 403 and cleared when they write again.
  await db.schema
    .createTable("telegram_users")
    .addColumn("telegram_id", "bigint", (c) => c.primaryKey())
    .addColumn("first_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("last_name", "text")
    .addColumn("username", "text")
    .addColumn("language", "text", (c) => c.check(sql`language in ('kk', 'ru')`))
    .addColumn("unreachable_at", "timestamptz")
    .addColumn("created_at", "timestamptz", createdAt)
    .addColumn("last_seen_at", "timestamptz", createdAt)
    .execute();

  await db.schema
    .createTable("employees")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("iin", "text", (c) => c.notNull().unique().check(sql`iin ~ '^[0-9]{12}$'`))
    .addColumn("last_name", "text", (c) => c.notNull())
    .addColumn("first_name", "text", (c) => c.notNull())
    .addColumn("patronymic", "text")
    .addColumn("unit_id", "integer", (c) => c.notNull().references("units.id"))
    .addColumn("position", "text", (c) => c.notNull())
    // Digits only, with the country code (77011234567), so a shared contact can be matched.
    .addColumn("phone", "text")
    .addColumn("telegram_user_id", "bigint", (c) =>
      c.unique().references("telegram_users.telegram_id"),
    )
    // A certificate issued before the bot existed (item 6 counts from it).
    .addColumn("previous_certificate_issued_on", "date")
    .addColumn("previous_certificate_number", "text")
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", createdAt)
    .addColumn("updated_at", "timestamptz", createdAt)
    .addColumn("deactivated_at", "timestamptz")
    .execute();
  await db.schema.createIndex("employees_unit_idx").on("employees").column("unit_id").execute();
  await db.schema.createIndex("employees_phone_idx").on("employees").column("phone").execute();
  await db.schema
    .createIndex("employees_last_name_idx")
    .on("employees")
    .expression(sql`lower(last_name)`)
    .execute();

  // Roles with their scope: a unit for district and regional coordinators, a provider
  // for provider coordinators, none for admins appointed in the bot.
  await db.schema
    .createTable("memberships")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("telegram_user_id", "bigint", (c) =>
      c.notNull().references("telegram_users.telegram_id"),
    )
    .addColumn("role", "text", (c) =>
      c
        .notNull()
        .check(
          sql`role in ('district_coordinator', 'regional_coordinator', 'provider_coordinator', 'admin')`,
        ),
    )
    .addColumn("unit_id", "integer", (c) => c.references("units.id"))
    .addColumn("provider_id", "integer", (c) => c.references("providers.id"))
    .addColumn("created_by", "bigint")
    .addColumn("created_at", "timestamptz", createdAt)
    .addColumn("revoked_at", "timestamptz")
    .addCheckConstraint(
      "memberships_scope_matches_role",
      sql`(role in ('district_coordinator', 'regional_coordinator') and unit_id is not null and provider_id is null)
       or (role = 'provider_coordinator' and provider_id is not null and unit_id is null)
       or (role = 'admin' and unit_id is null and provider_id is null)`,
    )
    .execute();
  await sql`create unique index memberships_active_uniq on memberships
    (telegram_user_id, role, coalesce(unit_id, 0), coalesce(provider_id, 0))
    where revoked_at is null`.execute(db);

  // One-time deep-link codes. Only the SHA-256 of the code is kept.
  await db.schema
    .createTable("invites")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("code_hash", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('coordinator', 'employee')`))
    .addColumn("role", "text")
    .addColumn("unit_id", "integer", (c) => c.references("units.id"))
    .addColumn("provider_id", "integer", (c) => c.references("providers.id"))
    .addColumn("employee_id", "integer", (c) => c.references("employees.id"))
    .addColumn("created_by", "bigint")
    .addColumn("created_at", "timestamptz", createdAt)
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addColumn("used_by", "bigint")
    .addCheckConstraint(
      "invites_target",
      sql`(kind = 'employee' and employee_id is not null) or (kind = 'coordinator' and role is not null)`,
    )
    .execute();

  // Yearly lists: a district list (item 7) and a regional consolidated list (item 8).
  await db.schema
    .createTable("lists")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("unit_id", "integer", (c) => c.notNull().references("units.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('district', 'regional')`))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("draft")
        .check(sql`status in ('draft', 'submitted', 'returned', 'accepted', 'approved')`),
    )
    .addColumn("submitted_at", "timestamptz")
    .addColumn("submitted_by", "bigint")
    .addColumn("late", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("return_reason", "text")
    .addColumn("decided_at", "timestamptz")
    .addColumn("decided_by", "bigint")
    .addColumn("approved_at", "timestamptz")
    .addColumn("approved_by", "bigint")
    .addColumn("created_at", "timestamptz", createdAt)
    .addColumn("updated_at", "timestamptz", createdAt)
    .addUniqueConstraint("lists_unit_year_kind", ["unit_id", "year", "kind"])
    .execute();

  await db.schema
    .createTable("list_entries")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("list_id", "integer", (c) => c.notNull().references("lists.id").onDelete("cascade"))
    .addColumn("employee_id", "integer", (c) => c.notNull().references("employees.id"))
    .addColumn("reason", "text", (c) =>
      c
        .notNull()
        .check(
          sql`reason in ('due', 'overdue', 'never_trained', 'retest', 'added_by_coordinator')`,
        ),
    )
    .addColumn("note", "text")
    .addColumn("removed_at", "timestamptz")
    .addColumn("removal_reason", "text")
    .addColumn("created_at", "timestamptz", createdAt)
    .addUniqueConstraint("list_entries_list_employee", ["list_id", "employee_id"])
    .execute();

  // Cohorts (items 4, 6, 10): at least 40 academic hours; distance form needs a basis.
  await db.schema
    .createTable("cohorts")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("provider_id", "integer", (c) => c.notNull().references("providers.id"))
    .addColumn("program_title_kk", "text", (c) => c.notNull())
    .addColumn("program_title_ru", "text", (c) => c.notNull())
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("form", "text", (c) =>
      c.notNull().defaultTo("full_time").check(sql`form in ('full_time', 'remote')`),
    )
    .addColumn("remote_basis", "text")
    .addColumn("remote_basis_note", "text")
    .addColumn("academic_hours", "integer", (c) => c.notNull().check(sql`academic_hours >= 40`))
    .addColumn("capacity", "integer", (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn("schedule_text", "text")
    .addColumn("schedule_file_id", "text")
    .addColumn("schedule_file_name", "text")
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", createdAt)
    .addColumn("updated_at", "timestamptz", createdAt)
    .addCheckConstraint("cohorts_dates", sql`ends_on >= starts_on`)
    .addCheckConstraint("cohorts_remote_basis", sql`form = 'full_time' or remote_basis is not null`)
    .execute();
  await db.schema.createIndex("cohorts_provider_idx").on("cohorts").column("provider_id").execute();

  // Enrolment by the head's order (item 9) and the agreement (item 11).
  await db.schema
    .createTable("enrolments")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("employee_id", "integer", (c) => c.notNull().references("employees.id"))
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id"))
    .addColumn("order_number", "text", (c) => c.notNull())
    .addColumn("order_date", "date", (c) => c.notNull())
    .addColumn("enrolled_by", "bigint")
    .addColumn("agreement_confirmed_at", "timestamptz")
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("enrolled")
        .check(sql`status in ('enrolled', 'passed', 'failed', 'transferred', 'withdrawn')`),
    )
    .addColumn("transferred_from_id", "integer", (c) => c.references("enrolments.id"))
    .addColumn("created_at", "timestamptz", createdAt)
    .addColumn("updated_at", "timestamptz", createdAt)
    .execute();
  await db.schema
    .createIndex("enrolments_employee_idx")
    .on("enrolments")
    .column("employee_id")
    .execute();
  await db.schema
    .createIndex("enrolments_cohort_idx")
    .on("enrolments")
    .column("cohort_id")
    .execute();

  // Final tests and retests (items 12, 13.1).
  await db.schema
    .createTable("test_attempts")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("enrolment_id", "integer", (c) => c.notNull().references("enrolments.id"))
    .addColumn("taken_on", "date", (c) => c.notNull())
    .addColumn("passed", "boolean", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('final', 'retest')`))
    .addColumn("recorded_by", "bigint")
    .addColumn("created_at", "timestamptz", createdAt)
    .execute();
  await db.schema
    .createIndex("test_attempts_enrolment_idx")
    .on("test_attempts")
    .column("enrolment_id")
    .execute();

  // Transfers between cohorts for valid reasons (item 13.2).
  await db.schema
    .createTable("transfer_requests")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("enrolment_id", "integer", (c) => c.notNull().references("enrolments.id"))
    .addColumn("reason", "text", (c) =>
      c.notNull().check(sql`reason in ('illness', 'emergency', 'natural_disaster')`),
    )
    .addColumn("comment", "text")
    .addColumn("evidence_file_id", "text")
    .addColumn("evidence_kind", "text", (c) => c.check(sql`evidence_kind in ('photo', 'document')`))
    .addColumn("target_cohort_id", "integer", (c) => c.references("cohorts.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'approved', 'rejected', 'cancelled')`),
    )
    .addColumn("decided_by", "bigint")
    .addColumn("decided_at", "timestamptz")
    .addColumn("decision_reason", "text")
    .addColumn("created_at", "timestamptz", createdAt)
    .execute();
  await sql`create unique index transfer_requests_one_pending on transfer_requests (enrolment_id)
    where status = 'pending'`.execute(db);

  // Gapless certificate numbers per provider and year (item 12): the row is locked
  // while a number is taken, so concurrent results never share or skip a number.
  await db.schema
    .createTable("certificate_sequences")
    .addColumn("provider_id", "integer", (c) => c.notNull().references("providers.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("last_value", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("certificate_sequences_pk", ["provider_id", "year"])
    .execute();

  // Certificates (item 12, Appendix 1). What is printed is frozen at issue.
  await db.schema
    .createTable("certificates")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("number", "text", (c) => c.notNull().unique())
    .addColumn("verification_code", "text", (c) => c.notNull().unique())
    .addColumn("employee_id", "integer", (c) => c.notNull().references("employees.id"))
    .addColumn("provider_id", "integer", (c) => c.notNull().references("providers.id"))
    .addColumn("cohort_id", "integer", (c) => c.references("cohorts.id"))
    .addColumn("enrolment_id", "integer", (c) => c.references("enrolments.id"))
    .addColumn("academic_hours", "integer", (c) => c.notNull())
    .addColumn("issued_on", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("valid").check(sql`status in ('valid', 'replaced', 'revoked')`),
    )
    .addColumn("replaced_by_id", "integer", (c) => c.references("certificates.id"))
    .addColumn("revoked_reason", "text")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("holder_last_name", "text", (c) => c.notNull())
    .addColumn("holder_first_name", "text", (c) => c.notNull())
    .addColumn("holder_patronymic", "text")
    .addColumn("holder_iin", "text", (c) => c.notNull())
    .addColumn("holder_workplace_kk", "text", (c) => c.notNull())
    .addColumn("holder_workplace_ru", "text", (c) => c.notNull())
    .addColumn("holder_position", "text", (c) => c.notNull())
    .addColumn("provider_name_kk", "text", (c) => c.notNull())
    .addColumn("provider_name_ru", "text", (c) => c.notNull())
    .addColumn("provider_head_name", "text", (c) => c.notNull())
    .addColumn("program_title_kk", "text")
    .addColumn("program_title_ru", "text")
    .addColumn("pdf_file_id_kk", "text")
    .addColumn("pdf_file_id_ru", "text")
    .addColumn("issued_by", "bigint")
    .addColumn("created_at", "timestamptz", createdAt)
    .execute();
  await db.schema
    .createIndex("certificates_employee_idx")
    .on("certificates")
    .column("employee_id")
    .execute();
  await db.schema
    .createIndex("certificates_provider_issued_idx")
    .on("certificates")
    .columns(["provider_id", "issued_on"])
    .execute();

  // Who checked a certificate and when (the holder may see it).
  await db.schema
    .createTable("certificate_checks")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("certificate_id", "integer", (c) => c.notNull().references("certificates.id"))
    .addColumn("checked_by", "bigint")
    .addColumn("full_record", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("checked_at", "timestamptz", createdAt)
    .execute();

  // Attendance statements for those who did not pass the final test (item 13).
  await db.schema
    .createTable("attendance_statements")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("employee_id", "integer", (c) => c.notNull().references("employees.id"))
    .addColumn("provider_id", "integer", (c) => c.notNull().references("providers.id"))
    .addColumn("cohort_id", "integer", (c) => c.notNull().references("cohorts.id"))
    .addColumn("enrolment_id", "integer", (c) => c.notNull().references("enrolments.id"))
    .addColumn("issued_on", "date", (c) => c.notNull())
    .addColumn("holder_last_name", "text", (c) => c.notNull())
    .addColumn("holder_first_name", "text", (c) => c.notNull())
    .addColumn("holder_patronymic", "text")
    .addColumn("provider_name_kk", "text", (c) => c.notNull())
    .addColumn("provider_name_ru", "text", (c) => c.notNull())
    .addColumn("provider_head_name", "text", (c) => c.notNull())
    .addColumn("program_title_kk", "text", (c) => c.notNull())
    .addColumn("program_title_ru", "text", (c) => c.notNull())
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("academic_hours", "integer", (c) => c.notNull())
    .addColumn("pdf_file_id_kk", "text")
    .addColumn("pdf_file_id_ru", "text")
    .addColumn("created_at", "timestamptz", createdAt)
    .execute();

  // Breaches of the agreement reported by the provider (item 11).
  await db.schema
    .createTable("breaches")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("enrolment_id", "integer", (c) => c.notNull().references("enrolments.id"))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("recorded_by", "bigint")
    .addColumn("recorded_at", "timestamptz", createdAt)
    .execute();

  // Reminders and notices: one row per message; the dedupe key makes a second
  // planner run a no-op.
  await db.schema
    .createTable("outbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("telegram_user_id", "bigint", (c) => c.notNull())
    .addColumn("text_key", "text", (c) => c.notNull())
    .addColumn("params", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("buttons", "jsonb")
    .addColumn("dedupe_key", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("pending")
        .check(sql`status in ('pending', 'sent', 'failed', 'unreachable')`),
    )
    .addColumn("not_before", "timestamptz", createdAt)
    .addColumn("claimed_until", "timestamptz")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("sent_at", "timestamptz")
    .addColumn("created_at", "timestamptz", createdAt)
    .execute();
  await sql`create index outbox_pending_idx on outbox (not_before) where status = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("actor_telegram_id", "bigint")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("entity", "text", (c) => c.notNull())
    .addColumn("entity_id", "text")
    .addColumn("before", "jsonb")
    .addColumn("after", "jsonb")
    .addColumn("at", "timestamptz", createdAt)
    .execute();
  await db.schema
    .createIndex("audit_log_entity_idx")
    .on("audit_log")
    .columns(["entity", "entity_id"])
    .execute();

  // grammY session and conversation state, so a restart loses nothing.
  await db.schema
    .createTable("bot_state")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", createdAt)
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  const tables = [
    "bot_state",
    "audit_log",
    "outbox",
    "breaches",
    "attendance_statements",
    "certificate_checks",
    "certificates",
    "certificate_sequences",
    "transfer_requests",
    "test_attempts",
    "enrolments",
    "cohorts",
    "list_entries",
    "lists",
    "invites",
    "memberships",
    "employees",
    "telegram_users",
    "providers",
    "units",
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
