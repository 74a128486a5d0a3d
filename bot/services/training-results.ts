// Enrolment by the head's order (item 9), final test results (items 12, 13),
// retests (item 13.1) and breaches of the agreement (item 11). Each is one
// transaction: the guarded change, its audit rows and the notices it causes.
import type { Kysely, Transaction } from "kysely";
import { jsonText } from "../../db/json.js";
import type { Database, IsoDate } from "../../db/types.js";
import { notify } from "../outbox/notices.js";
import { routes } from "../routes/index.js";
import {
  almatyDate,
  canRetest,
  formatDate,
  type RetestDecision,
  type TestDateProblem,
  testDateProblem,
} from "../rules/index.js";
import { audit } from "./audit.js";
import { issueCertificate, issuingProvider } from "./certificates.js";
import { cohortCalendarAttachment } from "./cohort-calendar.js";
import { notifyCoordinators } from "./coordinators.js";
import { keepHeadOrder } from "./head-orders.js";
import {
  cohortNameColumns,
  cohortsWithProvider,
  enrolmentsOfPeople,
  enrolmentsWithCohort,
  enrolmentsWithEmployee,
  placesTaken,
} from "./joins.js";
import { doneBy, type Refused, refuse } from "./outcome.js";
import { closePendingRequests } from "./transfer-decisions.js";

export type EnrolResult =
  | { ok: true; enrolled: number[]; alreadyEnrolled: number[]; notReached: string[] }
  | { ok: false; reason: "no_places"; placesLeft: number }
  | { ok: false; reason: "cohort_not_found" | "list_not_approved" | "not_on_list" };

interface EnrolInput {
  regionId: number;
  cohortId: number;
  employeeIds: number[];
  orderNumber: string;
  orderDate: IsoDate;
  actor: number;
  now: Date;
}

/** PostgreSQL's unique_violation: here, a second open enrolment of one employee. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "23505";
}

/**
 * Item 9: the regional coordinator sends employees of the region's approved
 * consolidated list to a cohort by the head's order. One transaction: the cohort row
 * is locked while places are counted (two orders cannot overfill it), the
 * enrolments, their audit rows, and each employee's notice. The database keeps one
 * open enrolment per employee; when another order took someone at the same moment,
 * the whole order is tried again and that person is reported as already enrolled.
 */
export async function enrolByOrder(db: Kysely<Database>, input: EnrolInput): Promise<EnrolResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => enrolOnce(trx, input));
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

async function enrolOnce(trx: Transaction<Database>, input: EnrolInput): Promise<EnrolResult> {
  const cohort = await cohortsWithProvider(trx)
    .select(cohortNameColumns)
    .select(["c.id", "c.capacity", "c.starts_on", "c.ends_on"])
    .where("c.id", "=", input.cohortId)
    .where("c.active", "=", true)
    .forUpdate("c")
    .executeTakeFirst();
  if (!cohort) return { ok: false, reason: "cohort_not_found" };
  const year = Number(cohort.starts_on.slice(0, 4));
  const onList = new Set(await approvedListEmployees(trx, input.regionId, year));
  if (onList.size === 0) return { ok: false, reason: "list_not_approved" };
  if (input.employeeIds.some((id) => !onList.has(id))) return { ok: false, reason: "not_on_list" };

  // In a cohort now, or already certified by a training of this year's list: the
  // order does not send them again (items 9, 12).
  const alreadyEnrolled = [
    ...new Set(
      (
        await takenForYear(trx, year)
          .select("en.employee_id")
          .where("en.employee_id", "in", input.employeeIds.length ? input.employeeIds : [-1])
          .execute()
      ).map((e) => e.employee_id),
    ),
  ];
  const toEnrol = input.employeeIds.filter((id) => !alreadyEnrolled.includes(id));
  const placesLeft = cohort.capacity - (await placesTaken(trx, cohort.id));
  if (toEnrol.length > placesLeft) return { ok: false, reason: "no_places", placesLeft };
  if (toEnrol.length === 0) return { ok: true, enrolled: [], alreadyEnrolled, notReached: [] };

  const rows = await trx
    .insertInto("enrolments")
    .values(
      toEnrol.map((employeeId) => ({
        employee_id: employeeId,
        cohort_id: cohort.id,
        order_number: input.orderNumber,
        order_date: input.orderDate,
        enrolled_by: input.actor,
        created_at: input.now,
        updated_at: input.now,
      })),
    )
    .returning(["id", "employee_id"])
    .execute();
  await trx
    .insertInto("audit_log")
    .values(
      rows.map((r) => ({
        actor_telegram_id: input.actor,
        action: "enrolment.create",
        entity: "enrolment",
        entity_id: String(r.id),
        after: jsonText({
          employeeId: r.employee_id,
          cohortId: cohort.id,
          order: input.orderNumber,
          orderDate: input.orderDate,
        }),
        at: input.now,
      })),
    )
    .execute();
  // The signed order is kept with what it prints (item 9), in the same transaction.
  await keepHeadOrder(trx, {
    regionId: input.regionId,
    cohortId: cohort.id,
    employeeIds: toEnrol,
    enrolmentIds: rows.map((r) => r.id),
    order: { number: input.orderNumber, date: input.orderDate },
    actor: input.actor,
    now: input.now,
  });
  const notReached = await tellEnrolled(trx, toEnrol, cohort, input);
  return { ok: true, enrolled: toEnrol, alreadyEnrolled, notReached };
}

/**
 * Each enrolled employee is told the dates, the organization and the order, and
 * asked to confirm the agreement (item 11). Returns the names of those the bot
 * cannot reach (never joined, or blocked it): the coordinator tells them otherwise.
 */
async function tellEnrolled(
  trx: Transaction<Database>,
  employeeIds: number[],
  cohort: {
    starts_on: IsoDate;
    ends_on: IsoDate;
    program_title_kk: string;
    program_title_ru: string;
    name_kk: string;
    name_ru: string;
  },
  input: EnrolInput,
): Promise<string[]> {
  const people = await trx
    .selectFrom("employees as e")
    .leftJoin("telegram_users as u", "u.telegram_id", "e.telegram_user_id")
    .select(["e.telegram_user_id", "e.last_name", "e.first_name", "u.unreachable_at"])
    .where("e.id", "in", employeeIds)
    .orderBy("e.last_name")
    .execute();
  const notReached: string[] = [];
  for (const person of people) {
    if (person.telegram_user_id === null || person.unreachable_at !== null) {
      notReached.push(`${person.last_name} ${person.first_name}`);
      if (person.telegram_user_id === null) continue;
    }
    await notify(
      trx,
      person.telegram_user_id,
      {
        key: "enrol.notify_employee",
        audience: "employee",
        params: (language) => ({
          program: language === "kk" ? cohort.program_title_kk : cohort.program_title_ru,
          provider: language === "kk" ? cohort.name_kk : cohort.name_ru,
          from: formatDate(cohort.starts_on),
          to: formatDate(cohort.ends_on),
          number: input.orderNumber,
          date: formatDate(input.orderDate),
        }),
        buttons: [
          {
            labelKey: "employee.menu.agreement",
            data: routes.employeeAgreement.pack({ grant: { role: "employee" } }),
          },
          {
            labelKey: "employee.menu.cohort",
            data: routes.employeeCohort.pack({ grant: { role: "employee" } }),
          },
        ],
        // The cohort's days as a calendar file, with a reminder the day before.
        attachment: cohortCalendarAttachment(input.cohortId),
      },
      input.now,
    );
  }
  return notReached;
}

/**
 * The enrolments that keep an employee out of another order of `year` (items 9, 12):
 * in a cohort now, or passed a training of that year. Both the order and the list of
 * whom it may send ask this one question.
 */
function takenForYear(db: Kysely<Database> | Transaction<Database>, year: number) {
  return enrolmentsWithCohort(db).where((eb) =>
    eb.or([
      eb("en.status", "=", "enrolled"),
      eb.and([
        eb("en.status", "=", "passed"),
        eb("c.starts_on", ">=", `${year}-01-01`),
        eb("c.starts_on", "<=", `${year}-12-31`),
      ]),
    ]),
  );
}

/**
 * Who an order of `year` may send (item 9): people of the approved consolidated list
 * who are neither in a cohort now nor certified by a training of that year. Null
 * when the list is not approved.
 */
export async function enrolmentCandidates(
  db: Kysely<Database>,
  regionId: number,
  year: number,
): Promise<Array<{ id: number; name: string }> | null> {
  const ids = await approvedListEmployees(db, regionId, year);
  if (ids.length === 0) return null;
  const rows = await db
    .selectFrom("employees as e")
    .select(["e.id", "e.last_name", "e.first_name"])
    .where("e.id", "in", ids)
    .where("e.id", "not in", takenForYear(db, year).select("en.employee_id"))
    .orderBy("e.last_name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: `${r.last_name} ${r.first_name}` }));
}

/**
 * Employees on the region's approved consolidated list of the year (item 8): its
 * members as approved (written into it at approval) and as amended since; a
 * district list accepted after the approval adds nobody by itself.
 */
export async function approvedListEmployees(
  db: Kysely<Database> | Transaction<Database>,
  regionId: number,
  year: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom("list_entries as le")
    .innerJoin("lists as l", "l.id", "le.list_id")
    .select("le.employee_id")
    .where("l.unit_id", "=", regionId)
    .where("l.year", "=", year)
    .where("l.kind", "=", "regional")
    .where("l.status", "=", "approved")
    .where("le.removed_at", "is", null)
    .execute();
  return [...new Set(rows.map((r) => r.employee_id))];
}

export interface ResultOutcome {
  enrolmentId: number;
  employeeTelegramId: number | null;
  passed: boolean;
  certificateNumber: string | null;
}

/** Locks an enrolment of this provider's cohort for recording a result. */
async function lockEnrolment(trx: Transaction<Database>, enrolmentId: number, providerId: number) {
  return enrolmentsWithEmployee(trx)
    .select([
      "en.id",
      "en.status",
      "en.employee_id",
      "c.id as cohort_id",
      "c.academic_hours",
      "c.program_title_kk",
      "c.program_title_ru",
      "c.starts_on",
      "c.ends_on",
      "e.telegram_user_id",
    ])
    .where("en.id", "=", enrolmentId)
    .where("c.provider_id", "=", providerId)
    .forUpdate()
    .executeTakeFirst();
}

type LockedEnrolment = NonNullable<Awaited<ReturnType<typeof lockEnrolment>>>;

async function conclude(
  trx: Transaction<Database>,
  e: LockedEnrolment,
  input: { providerId: number; passed: boolean; takenOn: IsoDate; actor: number; now: Date },
) {
  await trx
    .updateTable("enrolments")
    .set({ status: input.passed ? "passed" : "failed", updated_at: input.now })
    .where("id", "=", e.id)
    .execute();
  if (input.passed) {
    const certificate = await issueCertificate(trx, {
      employeeId: e.employee_id,
      providerId: input.providerId,
      cohortId: e.cohort_id,
      enrolmentId: e.id,
      academicHours: e.academic_hours,
      issuedOn: input.takenOn,
      programTitle: { kk: e.program_title_kk, ru: e.program_title_ru },
      actor: input.actor,
      now: input.now,
    });
    return certificate.number;
  }
  await issueAttendanceStatement(trx, e, input);
  return null;
}

/** Item 13: a free-form statement that the person attended the programme. Issued once per enrolment. */
async function issueAttendanceStatement(
  trx: Transaction<Database>,
  e: LockedEnrolment,
  input: { providerId: number; takenOn: IsoDate; now: Date },
) {
  const exists = await trx
    .selectFrom("attendance_statements")
    .select("id")
    .where("enrolment_id", "=", e.id)
    .executeTakeFirst();
  if (exists) return;
  const employee = await trx
    .selectFrom("employees")
    .select(["last_name", "first_name", "patronymic"])
    .where("id", "=", e.employee_id)
    .executeTakeFirstOrThrow();
  const provider = await issuingProvider(trx, input.providerId);
  await trx
    .insertInto("attendance_statements")
    .values({
      employee_id: e.employee_id,
      provider_id: input.providerId,
      cohort_id: e.cohort_id,
      enrolment_id: e.id,
      issued_on: input.takenOn,
      holder_last_name: employee.last_name,
      holder_first_name: employee.first_name,
      holder_patronymic: employee.patronymic,
      provider_name_kk: provider.name_kk,
      provider_name_ru: provider.name_ru,
      provider_head_name: provider.head_name,
      program_title_kk: e.program_title_kk,
      program_title_ru: e.program_title_ru,
      starts_on: e.starts_on,
      ends_on: e.ends_on,
      academic_hours: e.academic_hours,
      created_at: input.now,
    })
    .execute();
}

/** The tests of an enrolment so far, oldest first. */
async function attemptsOf(trx: Transaction<Database>, enrolmentId: number) {
  return trx
    .selectFrom("test_attempts")
    .select(["taken_on", "kind", "passed", "recorded_by", "created_at"])
    .where("enrolment_id", "=", enrolmentId)
    .orderBy("id")
    .execute();
}

/** Tells the employee the result, in the transaction that recorded it. */
async function tellResult(
  trx: Transaction<Database>,
  e: LockedEnrolment,
  passed: boolean,
  number: string | null,
  now: Date,
) {
  if (e.telegram_user_id === null) return;
  await notify(
    trx,
    e.telegram_user_id,
    {
      key: passed ? "cohorts.notify_passed" : "cohorts.notify_failed",
      audience: "employee",
      params: { number: number ?? "" },
      buttons: [
        {
          labelKey: "employee.menu.documents",
          data: routes.employeeDocuments.pack({ grant: { role: "employee" } }),
        },
      ],
    },
    now,
  );
}

export type ResultRefusal = "not_found" | "decided" | TestDateProblem;

interface ResultInput {
  providerId: number;
  enrolmentId: number;
  passed: boolean;
  takenOn: IsoDate;
  actor: number;
  now: Date;
}

/**
 * Items 12, 13: the final test of one participant; a pass issues the certificate,
 * a failure the attendance statement. The test is dated on or after the cohort's
 * last day and not in the future; a participant whose result is already recorded
 * is refused with who recorded it and when.
 */
export async function recordFinalResult(
  db: Kysely<Database>,
  input: ResultInput,
): Promise<{ ok: true; outcome: ResultOutcome } | Refused<ResultRefusal>> {
  return recording(db, input, async (trx, e, attempts) => {
    const final = attempts.find((a) => a.kind === "final");
    if (final) return refuse("decided", await doneBy(trx, final.recorded_by, final.created_at));
    if (e.status !== "enrolled") return refuse("not_found");
    const problem = testDateProblem({
      takenOn: input.takenOn,
      cohortEndsOn: e.ends_on,
      earlierTestsOn: [],
      today: almatyDate(input.now),
    });
    if (problem) return refuse(problem);
    await insertAttempt(trx, e.id, "final", input);
    const number = await conclude(trx, e, input);
    return settle(trx, e, input, number, "result.final");
  });
}

/**
 * A result is recorded in one transaction, with the enrolment locked and its tests so
 * far at hand; an enrolment not in this provider's cohorts is refused as not found.
 */
async function recording<R extends string>(
  db: Kysely<Database>,
  input: ResultInput,
  record: (
    trx: Transaction<Database>,
    e: LockedEnrolment,
    attempts: Awaited<ReturnType<typeof attemptsOf>>,
  ) => Promise<{ ok: true; outcome: ResultOutcome } | Refused<R>>,
): Promise<{ ok: true; outcome: ResultOutcome } | Refused<R | "not_found">> {
  return db.transaction().execute(async (trx) => {
    const e = await lockEnrolment(trx, input.enrolmentId, input.providerId);
    if (!e) return refuse("not_found");
    return record(trx, e, await attemptsOf(trx, e.id));
  });
}

/**
 * What follows every recorded result: on record, the employee's pending transfer
 * requests closed, the employee told, all in the transaction that recorded it.
 */
async function settle(
  trx: Transaction<Database>,
  e: LockedEnrolment,
  input: ResultInput,
  number: string | null,
  action: "result.final" | "result.retest",
) {
  await audit(trx, {
    actor: input.actor,
    action,
    entity: "enrolment",
    entityId: e.id,
    before: action === "result.final" ? { status: "enrolled" } : undefined,
    after: { passed: input.passed, takenOn: input.takenOn, certificate: number },
    at: input.now,
  });
  await closePendingRequests(trx, {
    enrolmentId: e.id,
    employeeTelegramId: e.telegram_user_id,
    actor: input.actor,
    now: input.now,
  });
  await tellResult(trx, e, input.passed, number, input.now);
  return { ok: true, outcome: outcomeOf(e, input.passed, number) } as const;
}

async function insertAttempt(
  trx: Transaction<Database>,
  enrolmentId: number,
  kind: "final" | "retest",
  input: ResultInput,
) {
  await trx
    .insertInto("test_attempts")
    .values({
      enrolment_id: enrolmentId,
      taken_on: input.takenOn,
      passed: input.passed,
      kind,
      recorded_by: input.actor,
      created_at: input.now,
    })
    .execute();
}

function outcomeOf(e: LockedEnrolment, passed: boolean, number: string | null): ResultOutcome {
  return {
    enrolmentId: e.id,
    employeeTelegramId: e.telegram_user_id,
    passed,
    certificateNumber: number,
  };
}

/** What a retest's date is checked against before it is asked: the cohort's end, earlier tests. */
export async function retestDateBounds(
  db: Kysely<Database>,
  enrolmentId: number,
  providerId: number,
): Promise<{ cohortEndsOn: IsoDate; earlierTestsOn: IsoDate[] } | undefined> {
  const e = await enrolmentsWithCohort(db)
    .select(["en.id", "c.ends_on"])
    .where("en.id", "=", enrolmentId)
    .where("c.provider_id", "=", providerId)
    .executeTakeFirst();
  if (!e) return undefined;
  const attempts = await db
    .selectFrom("test_attempts")
    .select("taken_on")
    .where("enrolment_id", "=", e.id)
    .execute();
  return { cohortEndsOn: e.ends_on, earlierTestsOn: attempts.map((a) => a.taken_on) };
}

export type RetestRefusal =
  | Extract<RetestDecision, { allowed: false }>["reason"]
  | "not_found"
  | TestDateProblem;

/**
 * Item 13.1: a retest, only when the rules allow it, dated after every earlier test
 * of the enrolment (so the once-a-year limit cannot be dodged with a past date); a
 * pass issues the certificate.
 */
export async function recordRetest(
  db: Kysely<Database>,
  input: ResultInput,
): Promise<{ ok: true; outcome: ResultOutcome } | Refused<RetestRefusal>> {
  return recording(db, input, async (trx, e, attempts) => {
    const decision = canRetest({
      hasCertificateFromTraining: e.status === "passed",
      attempts: attempts.map((a) => ({ takenOn: a.taken_on, kind: a.kind, passed: a.passed })),
      today: input.takenOn,
    });
    // The rule's own explanation says more than "done by X" here (a second press
    // of the same retest reads "the attempt of this year is used").
    if (!decision.allowed) return refuse(decision.reason);
    const problem = testDateProblem({
      takenOn: input.takenOn,
      cohortEndsOn: e.ends_on,
      earlierTestsOn: attempts.map((a) => a.taken_on),
      today: almatyDate(input.now),
    });
    if (problem) return refuse(problem);
    await insertAttempt(trx, e.id, "retest", input);
    const number = input.passed ? await conclude(trx, e, input) : null;
    return settle(trx, e, input, number, "result.retest");
  });
}

/**
 * Item 11: the provider reports a breach of the agreement; the employee's regional
 * coordinators are told in the same transaction.
 */
export async function recordBreach(
  db: Kysely<Database>,
  input: { providerId: number; enrolmentId: number; description: string; actor: number; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const e = await enrolmentsOfPeople(trx)
      .innerJoin("providers as p", "p.id", "c.provider_id")
      .select([
        "en.id",
        "e.last_name",
        "e.first_name",
        "e.patronymic",
        "u.id as unit_id",
        "u.parent_id",
        "p.name_kk",
        "p.name_ru",
      ])
      .where("en.id", "=", input.enrolmentId)
      .where("c.provider_id", "=", input.providerId)
      .executeTakeFirst();
    if (!e) return false;
    const row = await trx
      .insertInto("breaches")
      .values({
        enrolment_id: e.id,
        description: input.description,
        recorded_by: input.actor,
        recorded_at: input.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: input.actor,
      action: "breach.record",
      entity: "breach",
      entityId: row.id,
      after: { enrolmentId: e.id, description: input.description },
      at: input.now,
    });
    const name = [e.last_name, e.first_name, e.patronymic].filter(Boolean).join(" ");
    const provider = { kk: e.name_kk, ru: e.name_ru };
    await notifyCoordinators(
      trx,
      e.parent_id ?? e.unit_id,
      "regional_coordinator",
      {
        key: "cohorts.notify_breach",
        params: (language) => ({
          name,
          provider: provider[language],
          description: input.description,
        }),
      },
      input.now,
    );
    return true;
  });
}

export async function breachesOf(db: Kysely<Database>, regionId: number) {
  return enrolmentsOfPeople(db)
    .innerJoin("breaches as b", "b.enrolment_id", "en.id")
    .innerJoin("providers as p", "p.id", "c.provider_id")
    .select([
      "b.id",
      "b.description",
      "b.recorded_at",
      "e.last_name",
      "e.first_name",
      "p.name_kk",
      "p.name_ru",
      "u.name_kk as unit_kk",
      "u.name_ru as unit_ru",
    ])
    .where((eb) => eb.or([eb("u.id", "=", regionId), eb("u.parent_id", "=", regionId)]))
    .orderBy("b.recorded_at", "desc")
    .limit(30)
    .execute();
}
