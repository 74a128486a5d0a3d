// Reserved certificate prefixes, and roles and invite links that can be taken back.
// - Certificate prefixes once used stay reserved to their organization: a table with
//   the prefix as its primary key, filled from the providers and from the numbers of
//   the certificates already issued, and kept filled by a trigger on providers, so
//   another organization can never take a prefix printed on someone else's
//   certificates, whatever code writes to the table.
// - Roles can be taken away (memberships.revoked_by) and unused invite links cancelled
//   (invites.cancelled_at/by), each saying who did it for "already done by X at T".
// Frozen in time: this file never imports application types.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("certificate_prefixes")
    .addColumn("prefix", "text", (c) => c.primaryKey())
    .addColumn("provider_id", "integer", (c) => c.notNull().references("providers.id"))
    .addColumn("reserved_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Current prefixes first (their organization keeps them), then those printed on
  // certificates: "<prefix>-<year>-<sequence>", the prefix never holds a hyphen.
  await sql`insert into certificate_prefixes (prefix, provider_id, reserved_at)
    select certificate_prefix, id, created_at from providers
    on conflict (prefix) do nothing`.execute(db);
  await sql`insert into certificate_prefixes (prefix, provider_id, reserved_at)
    select distinct on (prefix) prefix, provider_id, created_at
      from (select regexp_replace(number, '-[0-9]{4}-[0-9]+$', '') as prefix,
                   provider_id, created_at from certificates) printed
     order by prefix, created_at
    on conflict (prefix) do nothing`.execute(db);

  // Every prefix an organization takes is reserved to it in the same statement; a
  // prefix reserved to another organization is a unique violation on this table.
  await sql`create function reserve_certificate_prefix() returns trigger
    language plpgsql as $$
    begin
      insert into certificate_prefixes (prefix, provider_id)
        values (new.certificate_prefix, new.id)
        on conflict (prefix) do nothing;
      if not exists (select 1 from certificate_prefixes
                      where prefix = new.certificate_prefix and provider_id = new.id) then
        raise exception 'certificate prefix % is reserved to another organization',
          new.certificate_prefix
          using errcode = 'unique_violation', constraint = 'certificate_prefixes_pkey';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger providers_reserve_prefix
    after insert or update of certificate_prefix on providers
    for each row execute function reserve_certificate_prefix()`.execute(db);

  await db.schema.alterTable("memberships").addColumn("revoked_by", "bigint").execute();
  await db.schema.alterTable("invites").addColumn("cancelled_at", "timestamptz").execute();
  await db.schema.alterTable("invites").addColumn("cancelled_by", "bigint").execute();
  // The "unused links" screens look for links neither used nor cancelled.
  await sql`create index invites_open_idx on invites (expires_at)
    where used_at is null and cancelled_at is null`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index invites_open_idx`.execute(db);
  await db.schema.alterTable("invites").dropColumn("cancelled_by").execute();
  await db.schema.alterTable("invites").dropColumn("cancelled_at").execute();
  await db.schema.alterTable("memberships").dropColumn("revoked_by").execute();
  await sql`drop trigger providers_reserve_prefix on providers`.execute(db);
  await sql`drop function reserve_certificate_prefix()`.execute(db);
  await db.schema.dropTable("certificate_prefixes").execute();
}
