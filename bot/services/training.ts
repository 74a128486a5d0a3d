// An employee's training picture: last certificate, due date (item 6), next year's
// list (item 7), current cohort and order (item 9), agreement (item 11), retests
// (item 13.1). Read-only; the Telegram layer turns it into text.

import type { Kysely } from "kysely";
import type { Database, EnrolmentStatus, IsoDate } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import {
  almatyDate,
  cohortPhase,
  listYearFor,
  retestsLeftThisYear,
  type TrainingStatus,
  trainingStatus,
} from "../rules/index.js";
import type { CohortTerms } from "./cohorts.js";
import { cohortNameColumns, cohortNames, enrolmentsNowFirst } from "./joins.js";
import type { LocalizedName } from "./people.js";

export interface LastCertificate {
  number: string | null;
  provider: LocalizedName | null;
  issuedOn: IsoDate;
  academicHours: number | null;
}

export interface EnrolmentView {
  enrolmentId: number;
  status: EnrolmentStatus;
  orderNumber: string;
  orderDate: IsoDate;
  agreementConfirmedAt: Date | null;
  /** The test that was passed (final or retest) and when, once the enrolment is passed. */
  passedTest: { kind: "final" | "retest"; takenOn: IsoDate } | null;
  cohort: CohortTerms & {
    id: number;
    provider: LocalizedName;
    program: LocalizedName;
    scheduleText: string | null;
    scheduleFileId: string | null;
    scheduleFileName: string | null;
    phase: "upcoming" | "running" | "finished";
  };
}

export interface TrainingOverview {
  employeeId: number;
  unitId: number;
  lastCertificate: LastCertificate | null;
  status: TrainingStatus;
  nextYearList: { year: number; status: string } | null;
  /**
   * The list of the current calendar year, when the employee is on it: until it is
   * approved (late) or while orders of that year are made, it still matters (items 8, 9).
   */
  currentYearList: { year: number; status: string } | null;
  enrolment: EnrolmentView | null;
  retestsLeft: number | null;
  /** A revoked certificate newer than any that counts: why the person is due again. */
  revokedCertificate: RevokedCertificate | null;
}

export interface RevokedCertificate {
  number: string;
  issuedOn: IsoDate;
  revokedAt: Date;
  reason: string;
}

/**
 * Items 6, 12, 13: the newest revoked certificate, when no certificate that counts was
 * issued since: it counts for nothing, and the screen says why the person is due.
 */
async function revokedCertificateOf(
  db: Kysely<Database>,
  employeeId: number,
  last: LastCertificate | null,
): Promise<RevokedCertificate | null> {
  const row = await db
    .selectFrom("certificates")
    .select(["number", "issued_on", "revoked_at", "revoked_reason"])
    .where("employee_id", "=", employeeId)
    .where("status", "=", "revoked")
    .orderBy("issued_on", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (!row?.revoked_at || (last && last.issuedOn >= row.issued_on)) return null;
  return {
    number: row.number,
    issuedOn: row.issued_on,
    revokedAt: row.revoked_at,
    reason: row.revoked_reason ?? "",
  };
}

export async function lastCertificateOf(
  db: Kysely<Database>,
  employeeId: number,
): Promise<LastCertificate | null> {
  const [issued, employee] = await Promise.all([
    db
      .selectFrom("certificates")
      .select(["number", "provider_name_kk", "provider_name_ru", "issued_on", "academic_hours"])
      .where("employee_id", "=", employeeId)
      .where("status", "=", "valid")
      .orderBy("issued_on", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst(),
    db
      .selectFrom("employees")
      .select(["previous_certificate_issued_on", "previous_certificate_number"])
      .where("id", "=", employeeId)
      .executeTakeFirstOrThrow(),
  ]);
  const previousOn = employee.previous_certificate_issued_on;
  // A certificate from before the bot counts only if it is the newer one.
  if (previousOn && (!issued || previousOn > issued.issued_on)) {
    return {
      number: employee.previous_certificate_number,
      provider: null,
      issuedOn: previousOn,
      academicHours: null,
    };
  }
  if (!issued) return null;
  return {
    number: issued.number,
    provider: bothLanguages(issued, "provider_name"),
    issuedOn: issued.issued_on,
    academicHours: issued.academic_hours,
  };
}

/** The enrolment that matters now: the newest one still open, else the newest. */
export async function currentEnrolment(
  db: Kysely<Database>,
  employeeId: number,
  today: IsoDate,
): Promise<EnrolmentView | null> {
  const row = await enrolmentsNowFirst(db, employeeId)
    .innerJoin("providers as p", "p.id", "c.provider_id")
    .select(cohortNameColumns)
    .select([
      "en.id as enrolment_id",
      "en.status",
      "en.order_number",
      "en.order_date",
      "en.agreement_confirmed_at",
      "c.id as cohort_id",
      "c.starts_on",
      "c.ends_on",
      "c.form",
      "c.remote_basis",
      "c.remote_basis_note",
      "c.academic_hours",
      "c.schedule_text",
      "c.schedule_file_id",
      "c.schedule_file_name",
    ])
    .select((eb) => {
      // The last passed test: its day and whether it was the final test or a retest.
      const lastPassed = eb
        .selectFrom("test_attempts as ta")
        .whereRef("ta.enrolment_id", "=", "en.id")
        .where("ta.passed", "=", true)
        .orderBy("ta.taken_on", "desc")
        .limit(1);
      return [
        lastPassed.select("ta.taken_on").as("passed_on"),
        lastPassed.select("ta.kind").as("passed_kind"),
      ];
    })
    .executeTakeFirst();
  if (!row) return null;
  const cohort = { startsOn: row.starts_on, endsOn: row.ends_on };
  return {
    enrolmentId: row.enrolment_id,
    status: row.status,
    orderNumber: row.order_number,
    orderDate: row.order_date,
    agreementConfirmedAt: row.agreement_confirmed_at,
    passedTest:
      row.passed_on && row.passed_kind ? { kind: row.passed_kind, takenOn: row.passed_on } : null,
    cohort: {
      id: row.cohort_id,
      ...cohortNames(row),
      ...cohort,
      form: row.form,
      remoteBasis: row.remote_basis,
      remoteBasisNote: row.remote_basis_note,
      academicHours: row.academic_hours,
      scheduleText: row.schedule_text,
      scheduleFileId: row.schedule_file_id,
      scheduleFileName: row.schedule_file_name,
      phase: cohortPhase(cohort, today),
    },
  };
}

/**
 * Where the employee stands on the lists of `year` (items 7, 8). Once the region's
 * consolidated list is approved, its own entries decide: the employee reads
 * "approved" when on it; an entry of a district list accepted after the approval
 * stays "accepted" until an amendment takes it in.
 */
async function listStandingOf(db: Kysely<Database>, employeeId: number, year: number) {
  const row = await db
    .selectFrom("list_entries as le")
    .innerJoin("lists as l", "l.id", "le.list_id")
    .innerJoin("units as u", "u.id", "l.unit_id")
    .leftJoin("lists as r", (join) =>
      join
        .on("r.kind", "=", "regional")
        .on("r.year", "=", year)
        .on((eb) => eb("r.unit_id", "=", eb.fn.coalesce("u.parent_id", "u.id"))),
    )
    .select(["l.year", "l.status", "l.kind"])
    .where("le.employee_id", "=", employeeId)
    .where("le.removed_at", "is", null)
    .where("l.year", "=", year)
    // After the approval a district entry counts only while its list waits to be taken in.
    .where((eb) =>
      eb.or([
        eb("l.kind", "=", "regional"),
        eb("r.status", "is", null),
        eb("r.status", "!=", "approved"),
        eb.and([eb("l.taken_in_at", "is", null), eb("l.decided_at", ">", eb.ref("r.approved_at"))]),
      ]),
    )
    // The consolidated list, once it exists, is the one that decides.
    .orderBy((eb) => eb.case().when("l.kind", "=", "regional").then(0).else(1).end())
    .executeTakeFirst();
  if (!row) return null;
  return { year: row.year, status: row.status };
}

/**
 * Retests left this calendar year (item 13.1) for a training without a certificate:
 * a failed final test, or a pass whose certificate was revoked. The year's limit
 * counts every retest of the employee, whatever the enrolment.
 */
async function retestsLeft(
  db: Kysely<Database>,
  employeeId: number,
  enrolment: EnrolmentView | null,
  revoked: RevokedCertificate | null,
  today: IsoDate,
): Promise<number | null> {
  if (enrolment?.status !== "failed" && !(enrolment?.status === "passed" && revoked)) return null;
  const attempts = await db
    .selectFrom("test_attempts")
    .select(["enrolment_id", "taken_on", "kind", "passed"])
    .where("employee_id", "=", employeeId)
    .execute();
  const own = attempts.filter((a) => a.enrolment_id === enrolment.enrolmentId);
  return retestsLeftThisYear({
    hasCertificateFromTraining: false,
    attempts: own.map((a) => ({ takenOn: a.taken_on, kind: a.kind, passed: a.passed })),
    employeeRetestsOn: attempts
      .filter((a) => a.kind === "retest" && a.enrolment_id !== enrolment.enrolmentId)
      .map((a) => a.taken_on),
    today,
  });
}

export async function trainingOverview(
  db: Kysely<Database>,
  employeeId: number,
  now: Date,
): Promise<TrainingOverview> {
  const today = almatyDate(now);
  const employee = await db
    .selectFrom("employees")
    .select(["id", "unit_id"])
    .where("id", "=", employeeId)
    .executeTakeFirstOrThrow();
  const [lastCertificate, enrolment, nextYearList, currentYearList] = await Promise.all([
    lastCertificateOf(db, employeeId),
    currentEnrolment(db, employeeId, today),
    listStandingOf(db, employeeId, listYearFor(now)),
    listStandingOf(db, employeeId, Number(today.slice(0, 4))),
  ]);
  const revokedCertificate = await revokedCertificateOf(db, employeeId, lastCertificate);
  return {
    employeeId,
    unitId: employee.unit_id,
    lastCertificate,
    status: trainingStatus({ lastCertificateIssuedOn: lastCertificate?.issuedOn ?? null, today }),
    nextYearList,
    currentYearList,
    enrolment,
    retestsLeft: await retestsLeft(db, employeeId, enrolment, revokedCertificate, today),
    revokedCertificate,
  };
}
