// An employee's training picture: last certificate, due date (item 6), next year's
// list (item 7), current cohort and order (item 9), agreement (item 11), retests
// (item 13.1). Read-only; the Telegram layer turns it into text.

import type { Kysely } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
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

/** The newest certificate of the employee in `status`, issued day first, then id. */
function newestCertificate(db: Kysely<Database>, employeeId: number, status: "valid" | "revoked") {
  return db
    .selectFrom("certificates")
    .where("employee_id", "=", employeeId)
    .where("status", "=", status)
    .orderBy("issued_on", "desc")
    .orderBy("id", "desc")
    .limit(1);
}

const validColumns = [
  "number",
  "provider_name_kk",
  "provider_name_ru",
  "issued_on",
  "academic_hours",
] as const;
const previousColumns = ["previous_certificate_issued_on", "previous_certificate_number"] as const;

interface ValidRow {
  number: string;
  provider_name_kk: string;
  provider_name_ru: string;
  issued_on: IsoDate;
  academic_hours: number | null;
}

/**
 * Item 6: the certificate the due date counts from: the newest valid one issued through
 * the bot, or the one from before the bot when that is newer.
 */
function lastCertificateFrom(
  issued: ValidRow | null | undefined,
  employee: {
    previous_certificate_issued_on: IsoDate | null;
    previous_certificate_number: string | null;
  },
): LastCertificate | null {
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

/**
 * Items 6, 12, 13: the newest revoked certificate, when no certificate that counts was
 * issued since: it counts for nothing, and the screen says why the person is due.
 */
function revokedCertificateFrom(
  row:
    | {
        number: string;
        issued_on: IsoDate;
        revoked_at: Date | string | null;
        revoked_reason: string | null;
      }
    | null
    | undefined,
  last: LastCertificate | null,
): RevokedCertificate | null {
  if (!row?.revoked_at || (last && last.issuedOn >= row.issued_on)) return null;
  return {
    number: row.number,
    issuedOn: row.issued_on,
    revokedAt: new Date(row.revoked_at),
    reason: row.revoked_reason ?? "",
  };
}

export async function lastCertificateOf(
  db: Kysely<Database>,
  employeeId: number,
): Promise<LastCertificate | null> {
  const [issued, employee] = await Promise.all([
    newestCertificate(db, employeeId, "valid").select(validColumns).executeTakeFirst(),
    db
      .selectFrom("employees")
      .select(previousColumns)
      .where("id", "=", employeeId)
      .executeTakeFirstOrThrow(),
  ]);
  return lastCertificateFrom(issued, employee);
}

/** The enrolment that matters now (`enrolmentsNowFirst`), with what the screens show of it. */
function currentEnrolmentQuery(db: Kysely<Database>, employeeId: number) {
  return enrolmentsNowFirst(db, employeeId)
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
    .limit(1);
}

type EnrolmentRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof currentEnrolmentQuery>["executeTakeFirst"]>>
>;

/** An enrolment row as the screens take it; read as JSON, its timestamp is text. */
function enrolmentView(
  row: Omit<EnrolmentRow, "agreement_confirmed_at"> & {
    agreement_confirmed_at: Date | string | null;
  },
  today: IsoDate,
): EnrolmentView {
  const cohort = { startsOn: row.starts_on, endsOn: row.ends_on };
  return {
    enrolmentId: row.enrolment_id,
    status: row.status,
    orderNumber: row.order_number,
    orderDate: row.order_date,
    agreementConfirmedAt: row.agreement_confirmed_at ? new Date(row.agreement_confirmed_at) : null,
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

/** The enrolment that matters now: the newest one still open, else the newest. */
export async function currentEnrolment(
  db: Kysely<Database>,
  employeeId: number,
  today: IsoDate,
): Promise<EnrolmentView | null> {
  const row = await currentEnrolmentQuery(db, employeeId).executeTakeFirst();
  return row ? enrolmentView(row, today) : null;
}

/**
 * Where the employee stands on the lists of `year` (items 7, 8). Once the region's
 * consolidated list is approved, its own entries decide: the employee reads
 * "approved" when on it; an entry of a district list accepted after the approval
 * stays "accepted" until an amendment takes it in.
 */
function listStandingQuery(db: Kysely<Database>, employeeId: number, year: number) {
  return (
    db
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
          eb.and([
            eb("l.taken_in_at", "is", null),
            eb("l.decided_at", ">", eb.ref("r.approved_at")),
          ]),
        ]),
      )
      // The consolidated list, once it exists, is the one that decides.
      .orderBy((eb) => eb.case().when("l.kind", "=", "regional").then(0).else(1).end())
      .limit(1)
  );
}

/**
 * Retests left this calendar year (item 13.1) for a training without a certificate:
 * a failed final test, or a pass whose certificate was revoked. The year's limit
 * counts every retest of the employee (`attempts`, all of theirs), whatever the enrolment.
 */
function retestsLeft(
  attempts: readonly {
    enrolment_id: number;
    taken_on: IsoDate;
    kind: "final" | "retest";
    passed: boolean;
  }[],
  enrolment: EnrolmentView | null,
  revoked: RevokedCertificate | null,
  today: IsoDate,
): number | null {
  if (enrolment?.status !== "failed" && !(enrolment?.status === "passed" && revoked)) return null;
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

/**
 * Everything the employee's status screen and card show, read in one statement: the
 * certificates (valid and revoked), the enrolment that matters now, the lists of this
 * year and the coming one, and the employee's test attempts; the rules then decide the
 * due date (item 6) and the retests left (item 13.1).
 */
export async function trainingOverview(
  db: Kysely<Database>,
  employeeId: number,
  now: Date,
): Promise<TrainingOverview> {
  const today = almatyDate(now);
  const row = await db
    .selectFrom("employees as e")
    .select(["e.unit_id", ...previousColumns])
    .select((eb) => [
      jsonObjectFrom(newestCertificate(db, employeeId, "valid").select(validColumns)).as("valid"),
      jsonObjectFrom(
        newestCertificate(db, employeeId, "revoked").select([
          "number",
          "issued_on",
          "revoked_at",
          "revoked_reason",
        ]),
      ).as("revoked"),
      jsonObjectFrom(currentEnrolmentQuery(db, employeeId)).as("enrolment"),
      jsonObjectFrom(listStandingQuery(db, employeeId, listYearFor(now))).as("next_year"),
      jsonObjectFrom(listStandingQuery(db, employeeId, Number(today.slice(0, 4)))).as("this_year"),
      jsonArrayFrom(
        eb
          .selectFrom("test_attempts as ta")
          .select(["ta.enrolment_id", "ta.taken_on", "ta.kind", "ta.passed"])
          .where("ta.employee_id", "=", employeeId),
      ).as("attempts"),
    ])
    .where("e.id", "=", employeeId)
    .executeTakeFirstOrThrow();
  const lastCertificate = lastCertificateFrom(row.valid, row);
  const revokedCertificate = revokedCertificateFrom(row.revoked, lastCertificate);
  const enrolment = row.enrolment ? enrolmentView(row.enrolment, today) : null;
  const standing = (list: { year: number; status: string } | null) =>
    list ? { year: list.year, status: list.status } : null;
  return {
    employeeId,
    unitId: row.unit_id,
    lastCertificate,
    status: trainingStatus({ lastCertificateIssuedOn: lastCertificate?.issuedOn ?? null, today }),
    nextYearList: standing(row.next_year),
    currentYearList: standing(row.this_year),
    enrolment,
    retestsLeft: retestsLeft(row.attempts, enrolment, revokedCertificate, today),
    revokedCertificate,
  };
}
