// Item 8: an approved consolidated list changes only by an amendment. At approval
// its members are written into the consolidated list itself (`source_list_id` names
// the district list each came from), so a district list accepted later adds nobody
// by itself; every later change is a row of `list_amendments` (who, when, why,
// which district list it takes in), and the database refuses a change of an
// approved consolidated list's entries without an amendment row written in the
// same transaction. A district list accepted after the approval is marked when its
// people are taken in (`taken_in_at`, `taken_in_by`).
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("list_entries")
    .addColumn("source_list_id", "integer", (c) => c.references("lists.id"))
    .execute();
  await db.schema.alterTable("lists").addColumn("taken_in_at", "timestamptz").execute();
  await db.schema.alterTable("lists").addColumn("taken_in_by", "bigint").execute();

  await db.schema
    .createTable("list_amendments")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("list_id", "integer", (c) => c.notNull().references("lists.id"))
    .addColumn("employee_id", "integer", (c) => c.notNull().references("employees.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('add', 'remove')`))
    .addColumn("reason", "text", (c) => c.notNull().check(sql`length(btrim(reason)) > 0`))
    .addColumn("source_list_id", "integer", (c) => c.references("lists.id"))
    .addColumn("amended_by", "bigint", (c) => c.notNull())
    .addColumn("amended_at", "timestamptz", (c) => c.notNull())
    .addColumn("txid", "bigint", (c) => c.notNull().defaultTo(sql`txid_current()`))
    .execute();
  await db.schema
    .createIndex("list_amendments_list")
    .on("list_amendments")
    .columns(["list_id", "amended_at"])
    .execute();

  // Approved consolidated lists so far: their members were computed from the district
  // lists accepted at any time. Write in those accepted by the approval; the ones
  // accepted later wait for an amendment, as they would now.
  await sql`insert into list_entries (list_id, employee_id, reason, note, created_at, source_list_id)
    select r.id, le.employee_id, le.reason, le.note, r.approved_at, d.id
    from lists r
    join units u on u.parent_id = r.unit_id
    join lists d on d.unit_id = u.id and d.year = r.year and d.kind = 'district'
      and d.status = 'accepted' and d.decided_at <= r.approved_at
    join list_entries le on le.list_id = d.id and le.removed_at is null
    where r.kind = 'regional' and r.status = 'approved'
    on conflict (list_id, employee_id) do nothing`.execute(db);

  await sql`create function list_entries_amended() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from lists l where l.id = new.list_id
                   and l.kind = 'regional' and l.status = 'approved')
         and not exists (select 1 from list_amendments a where a.list_id = new.list_id
                   and a.employee_id = new.employee_id and a.txid = txid_current()) then
        raise exception 'list % is approved: a change of its entries needs an amendment', new.list_id
          using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger list_entries_amended before insert or update on list_entries
    for each row execute function list_entries_amended()`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop trigger list_entries_amended on list_entries`.execute(db);
  await sql`drop function list_entries_amended()`.execute(db);
  await db.schema.dropTable("list_amendments").execute();
  await db.schema.alterTable("lists").dropColumn("taken_in_by").execute();
  await db.schema.alterTable("lists").dropColumn("taken_in_at").execute();
  await db.schema.alterTable("list_entries").dropColumn("source_list_id").execute();
}
