// What the rules make absolute, enforced by the database itself, so that even a bug
// in the code cannot store a state the regulation forbids:
// - one open enrolment per employee (item 9: one order, one cohort at a time);
// - one final test per enrolment, and at most one retest of it per calendar year
//   (items 12, 13.1);
// - list and enrolment states move only along the allowed edges (items 7, 8, 12, 13).
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`create unique index enrolments_one_open on enrolments (employee_id)
    where status = 'enrolled'`.execute(db);
  await sql`create unique index test_attempts_one_final on test_attempts (enrolment_id)
    where kind = 'final'`.execute(db);
  await sql`create unique index test_attempts_one_retest_a_year
    on test_attempts (enrolment_id, (extract(year from taken_on))) where kind = 'retest'`.execute(
    db,
  );

  // District lists: draft → submitted, returned → submitted, submitted → returned |
  // accepted; the consolidated list: draft → approved (items 7, 8).
  await sql`create function lists_status_edge() returns trigger language plpgsql as $$
    begin
      if new.status is distinct from old.status and not (
        (old.kind = 'district' and (
          (old.status in ('draft', 'returned') and new.status = 'submitted') or
          (old.status = 'submitted' and new.status in ('returned', 'accepted'))))
        or (old.kind = 'regional' and old.status = 'draft' and new.status = 'approved')
      ) then
        raise exception 'list % cannot go from % to %', old.id, old.status, new.status
          using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger lists_status_edge before update of status on lists
    for each row execute function lists_status_edge()`.execute(db);

  // Enrolments: enrolled → passed | failed | transferred | withdrawn; failed → passed
  // (a retest, item 13.1) | transferred (item 13.2). Passed, transferred and
  // withdrawn are final.
  await sql`create function enrolments_status_edge() returns trigger language plpgsql as $$
    begin
      if new.status is distinct from old.status and not (
        (old.status = 'enrolled' and new.status in ('passed', 'failed', 'transferred', 'withdrawn'))
        or (old.status = 'failed' and new.status in ('passed', 'transferred'))
      ) then
        raise exception 'enrolment % cannot go from % to %', old.id, old.status, new.status
          using errcode = 'check_violation';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger enrolments_status_edge before update of status on enrolments
    for each row execute function enrolments_status_edge()`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop trigger enrolments_status_edge on enrolments`.execute(db);
  await sql`drop function enrolments_status_edge()`.execute(db);
  await sql`drop trigger lists_status_edge on lists`.execute(db);
  await sql`drop function lists_status_edge()`.execute(db);
  await sql`drop index test_attempts_one_retest_a_year`.execute(db);
  await sql`drop index test_attempts_one_final`.execute(db);
  await sql`drop index enrolments_one_open`.execute(db);
}
