// Enrolment by the head's order (item 9): who an order may send, and the order itself
// in one transaction: the guarded enrolments, their audit rows, the kept order and
// the notices it causes.

import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import { inLanguage } from "../i18n/in-language.js";
import { notifyAll } from "../outbox/notices.js";
import { routes } from "../routes/index.js";
import {
  almatyDate,
  cohortTakesPeople,
  type EnrolmentOrderProblem,
  enrolmentOrderProblem,
  formatDate,
} from "../rules/index.js";
import { audit } from "./audit.js";
import { cohortCalendarAttachment } from "./cohort-calendar.js";
import { type CohortSummary, cohortsOf } from "./cohorts.js";
import { keepHeadOrder } from "./head-orders.js";
import {
  cohortNameColumns,
  cohortsWithProvider,
  enrolmentsWithCohort,
  placesTaken,
} from "./joins.js";

export type EnrolResult =
  | { ok: true; enrolled: number[]; alreadyEnrolled: number[]; notReached: string[] }
  | { ok: false; reason: "no_places"; placesLeft: number }
  | { ok: false; reason: "cohort_not_found" | "list_not_approved" | "not_on_list" }
  | { ok: false; reason: "cohort_started"; startsOn: IsoDate }
  | { ok: false; reason: Exclude<EnrolmentOrderProblem, "cohort_started"> };

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
  // Items 9, 12: the cohort still takes people on the day the order is entered, and
  // the order is dated neither in the future nor after the cohort's first day.
  const problem = enrolmentOrderProblem({
    orderDate: input.orderDate,
    cohortStartsOn: cohort.starts_on,
    today: almatyDate(input.now),
  });
  if (problem === "cohort_started")
    return { ok: false, reason: problem, startsOn: cohort.starts_on };
  if (problem) return { ok: false, reason: problem };
  const year = Number(cohort.starts_on.slice(0, 4));
  const onList = new Set(await approvedListEmployees(trx, input.regionId, year));
  if (onList.size === 0) return { ok: false, reason: "list_not_approved" };
  if (input.employeeIds.some((id) => !onList.has(id))) return { ok: false, reason: "not_on_list" };

  // In a cohort now, or certified by a training of this year's list (a certificate
  // that counts: a revoked one does not): the order does not send them again (items 9, 12).
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
  await audit(
    trx,
    rows.map((r) => ({
      actor: input.actor,
      action: "enrolment.create",
      entity: "enrolment",
      entityId: r.id,
      after: {
        employeeId: r.employee_id,
        cohortId: cohort.id,
        order: input.orderNumber,
        orderDate: input.orderDate,
      },
      at: input.now,
    })),
  );
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
  const notReached = people
    .filter((p) => p.telegram_user_id === null || p.unreachable_at !== null)
    .map((p) => `${p.last_name} ${p.first_name}`);
  await notifyAll(
    trx,
    people.flatMap((p) => (p.telegram_user_id === null ? [] : [p.telegram_user_id])),
    {
      key: "enrol.notify_employee",
      audience: "employee",
      params: (language) => ({
        program: inLanguage(cohort, "program_title", language),
        provider: inLanguage(cohort, "name", language),
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
  return notReached;
}

/**
 * The enrolments that keep an employee out of another order of `year` (items 9, 12):
 * in a cohort now, or passed a training of that year whose certificate counts. A
 * revoked certificate counts for nothing (items 12, 13, 14): a pass whose certificates
 * were all revoked, none valid, sends the person nowhere and keeps them from nothing.
 * Both the order and the list of whom it may send ask this one question.
 */
function takenForYear(db: Kysely<Database> | Transaction<Database>, year: number) {
  return enrolmentsWithCohort(db).where((eb) =>
    eb.or([
      eb("en.status", "=", "enrolled"),
      eb.and([
        eb("en.status", "=", "passed"),
        eb("c.starts_on", ">=", `${year}-01-01`),
        eb("c.starts_on", "<=", `${year}-12-31`),
        eb.not(
          eb.and([
            eb.exists(certificatesOfEnrolment(eb, "revoked")),
            eb.not(eb.exists(certificatesOfEnrolment(eb, "valid"))),
          ]),
        ),
      ]),
    ]),
  );
}

/** The certificates of enrolment "en" in one status, for an `exists`. */
function certificatesOfEnrolment(
  eb: ExpressionBuilder<
    Database & { en: Database["enrolments"]; c: Database["cohorts"] },
    "en" | "c"
  >,
  status: "valid" | "revoked",
) {
  return eb
    .selectFrom("certificates as cert")
    .select("cert.id")
    .whereRef("cert.enrolment_id", "=", "en.id")
    .where("cert.status", "=", status);
}

/**
 * The cohorts an order may send people to on the day `now` (items 9, 12): active,
 * not started yet or starting today, with a free place. The screen offers these and
 * nothing else; the order itself checks again in its transaction.
 */
export async function enrolmentCohorts(db: Kysely<Database>, now: Date): Promise<CohortSummary[]> {
  const today = almatyDate(now);
  return (await cohortsOf(db, {}, today)).filter(
    (c) => cohortTakesPeople(c, today) && c.enrolled < c.capacity,
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
