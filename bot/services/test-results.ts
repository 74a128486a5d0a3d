// Final test results (items 12, 13) and retests (item 13.1). Each is one transaction:
// the guarded change, its audit rows and the notices it causes.

import type { Kysely, Transaction } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { notify } from "../outbox/notices.js";
import { routes } from "../routes/index.js";
import {
  almatyDate,
  canRetest,
  type RetestDecision,
  type TestDateProblem,
  testDateProblem,
} from "../rules/index.js";
import { issueAttendanceStatement } from "./attendance-statements.js";
import { audit } from "./audit.js";
import { holdsCertificateOf, issueCertificate } from "./certificates.js";
import { enrolmentsWithCohort, enrolmentsWithEmployee } from "./joins.js";
import { doneBy, type Refused, refuse } from "./outcome.js";
import { closePendingRequests } from "./transfer-decisions.js";

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
      programTitle: bothLanguages(e, "program_title"),
      actor: input.actor,
      now: input.now,
    });
    return certificate.number;
  }
  await issueAttendanceStatement(trx, e, input);
  return null;
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

/**
 * Why one participant's final test is not recorded: not in this provider's cohorts
 * (`not_found`), no longer in the cohort (`transferred`, `withdrawn`), already recorded
 * (`decided`, with who and when), or the date (items 12, 13.1).
 */
export type ResultRefusal = "not_found" | "decided" | "transferred" | "withdrawn" | TestDateProblem;

interface ResultInput {
  providerId: number;
  enrolmentId: number;
  passed: boolean;
  takenOn: IsoDate;
  actor: number;
  now: Date;
}

/** Item 12: what is wrong with a final test's date (on or after the cohort's last day, not ahead). */
function finalTestDateProblem(takenOn: IsoDate, cohortEndsOn: IsoDate, now: Date) {
  return testDateProblem({ takenOn, cohortEndsOn, earlierTestsOn: [], today: almatyDate(now) });
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
  return db.transaction().execute((trx) => recordFinalIn(trx, input));
}

/** One participant's final test, in the caller's transaction. */
async function recordFinalIn(
  trx: Transaction<Database>,
  input: ResultInput,
): Promise<{ ok: true; outcome: ResultOutcome } | Refused<ResultRefusal>> {
  const e = await lockEnrolment(trx, input.enrolmentId, input.providerId);
  if (!e) return refuse("not_found");
  const attempts = await attemptsOf(trx, e.id);
  const final = attempts.find((a) => a.kind === "final");
  if (final) return refuse("decided", await doneBy(trx, final.recorded_by, final.created_at));
  if (e.status === "transferred" || e.status === "withdrawn") return refuse(e.status);
  if (e.status !== "enrolled") return refuse("not_found");
  const problem = finalTestDateProblem(input.takenOn, e.ends_on, input.now);
  if (problem) return refuse(problem);
  await insertAttempt(trx, e, "final", input);
  const number = await conclude(trx, e, input);
  return settle(trx, e, input, number, "result.final");
}

/** One person's line of the results board: recorded (with the certificate number) or why not. */
export type BoardLine =
  | { enrolmentId: number; ok: true; outcome: ResultOutcome }
  | ({ enrolmentId: number } & Refused<ResultRefusal>);

/**
 * Item 12: the results board of a cohort, saved as one service call in one
 * transaction. The date is the cohort's (checked once: a wrong date records nobody);
 * then each participant is recorded or refused with their own reason (already
 * recorded by whom and when, transferred meanwhile, ...), and the others are
 * recorded all the same. Anything unexpected rolls the whole board back.
 */
export async function recordFinalResults(
  db: Kysely<Database>,
  input: {
    providerId: number;
    cohortId: number;
    results: ReadonlyArray<{ enrolmentId: number; passed: boolean }>;
    takenOn: IsoDate;
    actor: number;
    now: Date;
  },
): Promise<{ ok: true; lines: BoardLine[] } | Refused<"not_found" | TestDateProblem>> {
  return db.transaction().execute(async (trx) => {
    const cohort = await trx
      .selectFrom("cohorts")
      .select(["id", "ends_on"])
      .where("id", "=", input.cohortId)
      .where("provider_id", "=", input.providerId)
      .executeTakeFirst();
    if (!cohort) return refuse("not_found");
    const problem = finalTestDateProblem(input.takenOn, cohort.ends_on, input.now);
    if (problem) return refuse(problem);
    const ids = input.results.map((r) => r.enrolmentId);
    const ofCohort = new Set(
      ids.length === 0
        ? []
        : (
            await trx
              .selectFrom("enrolments")
              .select("id")
              .where("id", "in", ids)
              .where("cohort_id", "=", cohort.id)
              .execute()
          ).map((r) => r.id),
    );
    const lines: BoardLine[] = [];
    // In the board's order (by name), which numbers the certificates the same way.
    for (const result of input.results) {
      const recorded = ofCohort.has(result.enrolmentId)
        ? await recordFinalIn(trx, { ...input, ...result })
        : refuse("not_found" as const);
      lines.push({ enrolmentId: result.enrolmentId, ...recorded });
    }
    return { ok: true as const, lines };
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

/**
 * A test of the enrolment's employee; a retest carries its calendar year, which the
 * database keeps unique per employee (item 13(1)).
 */
async function insertAttempt(
  trx: Transaction<Database>,
  e: LockedEnrolment,
  kind: "final" | "retest",
  input: ResultInput,
) {
  await trx
    .insertInto("test_attempts")
    .values({
      enrolment_id: e.id,
      employee_id: e.employee_id,
      taken_on: input.takenOn,
      passed: input.passed,
      kind,
      retest_year: kind === "retest" ? Number(input.takenOn.slice(0, 4)) : null,
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

/** A refused retest; for "retest_used_this_year", the date of the employee's retest that year. */
export type RetestRefused = Refused<RetestRefusal> & { earlierOn?: IsoDate };

/** The dates of the employee's retests in other enrolments (item 13(1) counts the person). */
async function otherRetestsOf(trx: Transaction<Database>, e: LockedEnrolment) {
  const rows = await trx
    .selectFrom("test_attempts")
    .select("taken_on")
    .where("employee_id", "=", e.employee_id)
    .where("kind", "=", "retest")
    .where("enrolment_id", "<>", e.id)
    .execute();
  return rows.map((r) => r.taken_on);
}

/**
 * Item 13.1: a retest, only when the rules allow it: the employee holds no certificate
 * of this training that counts (a revoked one does not), and has had no retest in the
 * retest's calendar year in any enrolment (refused with that retest's date). It is
 * dated after every earlier test of the enrolment. The employee's row is locked, so
 * two retests of one person recorded at once are decided one after the other; the
 * database's unique index on (employee, year) stands behind it. A pass issues the
 * certificate; a failure the attendance statement, if the training has none yet.
 */
export async function recordRetest(
  db: Kysely<Database>,
  input: ResultInput,
): Promise<{ ok: true; outcome: ResultOutcome } | RetestRefused> {
  return db.transaction().execute(async (trx) => {
    const e = await lockEnrolment(trx, input.enrolmentId, input.providerId);
    if (!e) return refuse("not_found");
    await trx
      .selectFrom("employees")
      .select("id")
      .where("id", "=", e.employee_id)
      .forUpdate()
      .execute();
    const attempts = await attemptsOf(trx, e.id);
    const decision = canRetest({
      hasCertificateFromTraining: await holdsCertificateOf(trx, e.id, e.status),
      attempts: attempts.map((a) => ({ takenOn: a.taken_on, kind: a.kind, passed: a.passed })),
      employeeRetestsOn: await otherRetestsOf(trx, e),
      today: input.takenOn,
    });
    // The rule's own explanation says more than "done by X" here (a second press
    // of the same retest reads "the attempt of this year is used", with its date).
    if (!decision.allowed) {
      return "earlierOn" in decision
        ? { ...refuse(decision.reason), earlierOn: decision.earlierOn }
        : refuse(decision.reason);
    }
    const problem = testDateProblem({
      takenOn: input.takenOn,
      cohortEndsOn: e.ends_on,
      earlierTestsOn: attempts.map((a) => a.taken_on),
      today: almatyDate(input.now),
    });
    if (problem) return refuse(problem);
    await insertAttempt(trx, e, "retest", input);
    let number: string | null = null;
    if (input.passed) number = await conclude(trx, e, input);
    else await issueAttendanceStatement(trx, e, input);
    return settle(trx, e, input, number, "result.retest");
  });
}
