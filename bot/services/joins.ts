// The joins and base queries many services start from, written once with one set of
// table aliases: "c" a cohort, "p" its provider, "en" an enrolment. A query built on
// them adds its own columns, conditions and order.

import type { Kysely, Transaction } from "kysely";
import type { Database, EnrolmentStatus } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import type { LocalizedName } from "./people.js";

type Db = Kysely<Database> | Transaction<Database>;

/** Cohorts ("c") with their provider ("p"): a cohort is never shown without whose it is. */
export function cohortsWithProvider(db: Db) {
  return db.selectFrom("cohorts as c").innerJoin("providers as p", "p.id", "c.provider_id");
}

/** Enrolments ("en") with their cohort ("c"). */
export function enrolmentsWithCohort(db: Db) {
  return db.selectFrom("enrolments as en").innerJoin("cohorts as c", "c.id", "en.cohort_id");
}

/** The columns that name a cohort in both languages: its programme and its provider. */
export const cohortNameColumns = [
  "c.program_title_kk",
  "c.program_title_ru",
  "p.name_kk",
  "p.name_ru",
] as const;

/** The names read by `cohortNameColumns`, as the screens and documents take them. */
export function cohortNames(row: {
  program_title_kk: string;
  program_title_ru: string;
  name_kk: string;
  name_ru: string;
}): { program: LocalizedName; provider: LocalizedName } {
  return {
    program: bothLanguages(row, "program_title"),
    provider: bothLanguages(row, "name"),
  };
}

/**
 * An employee's enrolments that count (not transferred or withdrawn), the one that matters
 * now first: the open one, else the one of the newest cohort. What the employee's
 * screen shows and what a transfer would move are the same enrolment.
 */
export function enrolmentsNowFirst(db: Db, employeeId: number) {
  return enrolmentsWithCohort(db)
    .where("en.employee_id", "=", employeeId)
    .where("en.status", "in", ["enrolled", "failed", "passed"])
    .orderBy((eb) => eb.case().when("en.status", "=", "enrolled").then(0).else(1).end())
    .orderBy("c.starts_on", "desc");
}

/**
 * Active cohorts with their provider, names and dates, and how many enrolments in one
 * of `counted` statuses each has ("enrolled"): the provider's list of cohorts counts
 * every participant, a transfer's choice of cohorts only those still in training.
 */
export function activeCohortsCounting(db: Db, counted: EnrolmentStatus[]) {
  return cohortsWithProvider(db)
    .leftJoin("enrolments as en", (join) =>
      join.onRef("en.cohort_id", "=", "c.id").on("en.status", "in", counted),
    )
    .select(cohortNameColumns)
    .select([
      "c.id",
      "c.starts_on",
      "c.ends_on",
      "c.capacity",
      (eb) => eb.fn.count<number>("en.id").as("enrolled"),
    ])
    .where("c.active", "=", true)
    .groupBy(["c.id", "p.id"]);
}

/** Enrolments with their cohort and their employee ("e"). */
export function enrolmentsWithEmployee(db: Db) {
  return enrolmentsWithCohort(db).innerJoin("employees as e", "e.id", "en.employee_id");
}

/**
 * Enrolments with their cohort, and the employee with their unit ("u"): who, from
 * which unit, in which training. A transfer request or a breach is read through it.
 */
export function enrolmentsOfPeople(db: Db) {
  return enrolmentsWithEmployee(db).innerJoin("units as u", "u.id", "e.unit_id");
}

/** How many are in training in a cohort now: the places an order or a transfer finds taken. */
export async function placesTaken(db: Db, cohortId: number): Promise<number> {
  const taken = await db
    .selectFrom("enrolments")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("cohort_id", "=", cohortId)
    .where("status", "=", "enrolled")
    .executeTakeFirstOrThrow();
  return Number(taken.n);
}
