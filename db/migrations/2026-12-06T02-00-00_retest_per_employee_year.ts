// Issue 20, finding 3. Item 13(1): an employee without a certificate may retake the
// final test "no more than once a year" — once per employee and calendar year, not per
// enrolment (a transfer or a new order does not give a second attempt that year).
//
// The design:
// - `test_attempts.employee_id`: whose test it is, filled by the service and backfilled
//   here from the enrolment. It cannot disagree with the enrolment: a composite foreign
//   key (enrolment_id, employee_id) → enrolments (id, employee_id), which needs the
//   (always true) unique key (id, employee_id) on enrolments.
// - `test_attempts.retest_year`: the calendar year of a retest (null for a final test),
//   filled by the service. A check keeps it equal to the year of `taken_on` for every
//   retest written from now on, so it cannot be left out or be wrong.
// - a unique index on (employee_id, retest_year) where retest_year is not null: one
//   retest per employee per calendar year, whatever code writes to the table.
// Retests recorded before this migration may already break the rule (the defect this
// fixes). They stay in the record as they happened: the first retest of an employee
// in a year gets its year, a later one of the same year keeps retest_year null, and
// the check is added NOT VALID, so it holds for every row written or changed from now
// on without rewriting history. Such a grandfathered retest still counts when the
// service looks for the employee's retest of a year (it reads taken_on, not this
// column), so it never opens a further attempt.
// Frozen in time: this file never imports application types.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the app's types
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await sql`alter table enrolments add constraint enrolments_id_employee unique (id, employee_id)`.execute(
    db,
  );
  await sql`alter table test_attempts add column employee_id integer`.execute(db);
  await sql`alter table test_attempts add column retest_year integer`.execute(db);
  await sql`update test_attempts ta set employee_id = en.employee_id
    from enrolments en where en.id = ta.enrolment_id`.execute(db);
  await sql`alter table test_attempts alter column employee_id set not null`.execute(db);
  await sql`alter table test_attempts add constraint test_attempts_enrolment_employee
    foreign key (enrolment_id, employee_id) references enrolments (id, employee_id)
    on update cascade`.execute(db);
  await sql`update test_attempts set retest_year = extract(year from taken_on)::integer
    where id in (
      select distinct on (employee_id, extract(year from taken_on)) id from test_attempts
       where kind = 'retest'
       order by employee_id, extract(year from taken_on), taken_on, id)`.execute(db);
  await sql`alter table test_attempts add constraint test_attempts_retest_year check (
    retest_year is not distinct from
      (case when kind = 'retest' then extract(year from taken_on)::integer end)) not valid`.execute(
    db,
  );
  await sql`create unique index test_attempts_one_retest_per_employee_year
    on test_attempts (employee_id, retest_year) where retest_year is not null`.execute(db);
  // The employee's tests are looked up by employee (the retest of the year, my data).
  await sql`create index test_attempts_employee_idx on test_attempts (employee_id)`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`drop index test_attempts_employee_idx`.execute(db);
  await sql`drop index test_attempts_one_retest_per_employee_year`.execute(db);
  await sql`alter table test_attempts drop constraint test_attempts_retest_year`.execute(db);
  await sql`alter table test_attempts drop constraint test_attempts_enrolment_employee`.execute(db);
  await sql`alter table test_attempts drop column retest_year`.execute(db);
  await sql`alter table test_attempts drop column employee_id`.execute(db);
  await sql`alter table enrolments drop constraint enrolments_id_employee`.execute(db);
}
