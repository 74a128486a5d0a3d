// Enrolment by the head's order (item 9), final test results (items 12, 13),
// retests (item 13.1) and breaches of the agreement (item 11).
import type { Kysely, Transaction } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import { canRetest, type RetestDecision } from "../rules/index.js";
import { audit } from "./audit.js";
import { issueCertificate } from "./certificates.js";
import { keepHeadOrder } from "./head-orders.js";

export type EnrolResult =
  | { ok: true; enrolled: number[]; alreadyEnrolled: number[] }
  | { ok: false; reason: "no_places"; placesLeft: number }
  | { ok: false; reason: "cohort_not_found" | "list_not_approved" | "not_on_list" };

/**
 * Item 9: the regional coordinator sends employees of the region's approved
 * consolidated list to a cohort by the head's order. The cohort row is locked while
 * places are counted, so two orders at once cannot overfill it.
 */
export async function enrolByOrder(
  db: Kysely<Database>,
  input: {
    regionId: number;
    cohortId: number;
    employeeIds: number[];
    orderNumber: string;
    orderDate: IsoDate;
    actor: number;
    now: Date;
  },
): Promise<EnrolResult> {
  return db.transaction().execute(async (trx) => {
    const cohort = await trx
      .selectFrom("cohorts")
      .selectAll()
      .where("id", "=", input.cohortId)
      .where("active", "=", true)
      .forUpdate()
      .executeTakeFirst();
    if (!cohort) return { ok: false, reason: "cohort_not_found" } as const;
    const year = Number(cohort.starts_on.slice(0, 4));
    const onList = new Set(await approvedListEmployees(trx, input.regionId, year));
    if (onList.size === 0) return { ok: false, reason: "list_not_approved" } as const;
    if (input.employeeIds.some((id) => !onList.has(id)))
      return { ok: false, reason: "not_on_list" } as const;

    const open = await trx
      .selectFrom("enrolments")
      .select(["employee_id", "cohort_id"])
      .where("status", "=", "enrolled")
      .execute();
    const alreadyEnrolled = input.employeeIds.filter((id) =>
      open.some((e) => e.employee_id === id),
    );
    const toEnrol = input.employeeIds.filter((id) => !alreadyEnrolled.includes(id));
    const placesLeft = cohort.capacity - open.filter((e) => e.cohort_id === cohort.id).length;
    if (toEnrol.length > placesLeft) return { ok: false, reason: "no_places", placesLeft } as const;
    if (toEnrol.length) {
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
            after: JSON.stringify({
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
    }
    return { ok: true, enrolled: toEnrol, alreadyEnrolled } as const;
  });
}

/** Employees on the region's approved consolidated list of the year (item 8). */
export async function approvedListEmployees(
  db: Kysely<Database> | Transaction<Database>,
  regionId: number,
  year: number,
): Promise<number[]> {
  const regional = await db
    .selectFrom("lists")
    .select(["id", "status"])
    .where("unit_id", "=", regionId)
    .where("year", "=", year)
    .where("kind", "=", "regional")
    .executeTakeFirst();
  if (regional?.status !== "approved") return [];
  const rows = await db
    .selectFrom("list_entries as le")
    .innerJoin("lists as l", "l.id", "le.list_id")
    .innerJoin("units as u", "u.id", "l.unit_id")
    .select("le.employee_id")
    .where("le.removed_at", "is", null)
    .where("l.year", "=", year)
    .where((eb) =>
      eb.or([
        eb("l.id", "=", regional.id),
        eb.and([
          eb("l.kind", "=", "district"),
          eb("l.status", "=", "accepted"),
          eb("u.parent_id", "=", regionId),
        ]),
      ]),
    )
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
  return trx
    .selectFrom("enrolments as en")
    .innerJoin("cohorts as c", "c.id", "en.cohort_id")
    .innerJoin("employees as e", "e.id", "en.employee_id")
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
  const provider = await trx
    .selectFrom("providers")
    .select(["name_kk", "name_ru", "head_name"])
    .where("id", "=", input.providerId)
    .executeTakeFirstOrThrow();
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

/** Items 12, 13: the final test of one participant; a pass issues the certificate. */
export async function recordFinalResult(
  db: Kysely<Database>,
  input: {
    providerId: number;
    enrolmentId: number;
    passed: boolean;
    takenOn: IsoDate;
    actor: number;
    now: Date;
  },
): Promise<ResultOutcome | undefined> {
  return db.transaction().execute(async (trx) => {
    const e = await lockEnrolment(trx, input.enrolmentId, input.providerId);
    if (e?.status !== "enrolled") return undefined;
    await trx
      .insertInto("test_attempts")
      .values({
        enrolment_id: e.id,
        taken_on: input.takenOn,
        passed: input.passed,
        kind: "final",
        recorded_by: input.actor,
        created_at: input.now,
      })
      .execute();
    const number = await conclude(trx, e, input);
    await audit(trx, {
      actor: input.actor,
      action: "result.final",
      entity: "enrolment",
      entityId: e.id,
      before: { status: "enrolled" },
      after: { passed: input.passed, takenOn: input.takenOn, certificate: number },
      at: input.now,
    });
    return {
      enrolmentId: e.id,
      employeeTelegramId: e.telegram_user_id,
      passed: input.passed,
      certificateNumber: number,
    };
  });
}

/** Item 13.1: a retest, only when the rules allow it; a pass issues the certificate. */
export async function recordRetest(
  db: Kysely<Database>,
  input: {
    providerId: number;
    enrolmentId: number;
    passed: boolean;
    takenOn: IsoDate;
    actor: number;
    now: Date;
  },
): Promise<
  | { ok: true; outcome: ResultOutcome }
  | { ok: false; reason: Extract<RetestDecision, { allowed: false }>["reason"] | "not_found" }
> {
  return db.transaction().execute(async (trx) => {
    const e = await lockEnrolment(trx, input.enrolmentId, input.providerId);
    if (!e) return { ok: false, reason: "not_found" } as const;
    const attempts = await trx
      .selectFrom("test_attempts")
      .select(["taken_on", "kind", "passed"])
      .where("enrolment_id", "=", e.id)
      .execute();
    const decision = canRetest({
      hasCertificateFromTraining: e.status === "passed",
      attempts: attempts.map((a) => ({ takenOn: a.taken_on, kind: a.kind, passed: a.passed })),
      today: input.takenOn,
    });
    if (!decision.allowed) return { ok: false, reason: decision.reason } as const;
    await trx
      .insertInto("test_attempts")
      .values({
        enrolment_id: e.id,
        taken_on: input.takenOn,
        passed: input.passed,
        kind: "retest",
        recorded_by: input.actor,
        created_at: input.now,
      })
      .execute();
    const number = input.passed ? await conclude(trx, e, input) : null;
    await audit(trx, {
      actor: input.actor,
      action: "result.retest",
      entity: "enrolment",
      entityId: e.id,
      after: { passed: input.passed, takenOn: input.takenOn, certificate: number },
      at: input.now,
    });
    return {
      ok: true,
      outcome: {
        enrolmentId: e.id,
        employeeTelegramId: e.telegram_user_id,
        passed: input.passed,
        certificateNumber: number,
      },
    } as const;
  });
}

/** Item 11: the provider reports a breach of the agreement. */
export async function recordBreach(
  db: Kysely<Database>,
  input: { providerId: number; enrolmentId: number; description: string; actor: number; now: Date },
): Promise<
  { employeeName: string; unitId: number; providerName: { kk: string; ru: string } } | undefined
> {
  const e = await db
    .selectFrom("enrolments as en")
    .innerJoin("cohorts as c", "c.id", "en.cohort_id")
    .innerJoin("employees as emp", "emp.id", "en.employee_id")
    .innerJoin("providers as p", "p.id", "c.provider_id")
    .select([
      "en.id",
      "emp.last_name",
      "emp.first_name",
      "emp.patronymic",
      "emp.unit_id",
      "p.name_kk",
      "p.name_ru",
    ])
    .where("en.id", "=", input.enrolmentId)
    .where("c.provider_id", "=", input.providerId)
    .executeTakeFirst();
  if (!e) return undefined;
  const row = await db
    .insertInto("breaches")
    .values({
      enrolment_id: e.id,
      description: input.description,
      recorded_by: input.actor,
      recorded_at: input.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(db, {
    actor: input.actor,
    action: "breach.record",
    entity: "breach",
    entityId: row.id,
    after: { enrolmentId: e.id, description: input.description },
    at: input.now,
  });
  return {
    employeeName: [e.last_name, e.first_name, e.patronymic].filter(Boolean).join(" "),
    unitId: e.unit_id,
    providerName: { kk: e.name_kk, ru: e.name_ru },
  };
}

export async function breachesOf(db: Kysely<Database>, regionId: number) {
  return db
    .selectFrom("breaches as b")
    .innerJoin("enrolments as en", "en.id", "b.enrolment_id")
    .innerJoin("employees as e", "e.id", "en.employee_id")
    .innerJoin("units as u", "u.id", "e.unit_id")
    .innerJoin("cohorts as c", "c.id", "en.cohort_id")
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
