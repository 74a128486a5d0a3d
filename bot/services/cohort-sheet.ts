// One cohort of a provider as its coordinator works with it (items 10–13): its terms,
// its participants with the agreement, breaches, tests and certificate, who waits for
// a final result and who may retake the test. The chat's cohort screens and the
// coordinators' tables read the same answers here.

import type { Kysely } from "kysely";
import type { Cohort, Database, IsoDate } from "../../db/types.js";
import { resultsOpen } from "../rules/index.js";
import { type Participant, participants, providerCohort } from "./cohorts.js";

/**
 * Item 13(1): who may retake the final test — those without a certificate of this
 * training: failed, or passed with the certificate revoked. (Once a calendar year is
 * checked when the retest is recorded, against its own date.)
 */
export function mayRetake(p: Participant): boolean {
  return p.status === "failed" || (p.status === "passed" && p.certificate === "revoked");
}

export interface SheetTest {
  kind: "final" | "retest";
  takenOn: IsoDate;
  passed: boolean;
}

export interface SheetParticipant extends Participant {
  agreementConfirmedAt: Date | null;
  /** The tests recorded for this enrolment, oldest first. */
  tests: SheetTest[];
  /** The certificate of this training that counts, if any. */
  certificateId: number | null;
  certificateNumber: string | null;
  breaches: number;
  mayRetake: boolean;
}

export interface CohortSheet {
  cohort: Cohort;
  /** Item 12: final results are recorded from the programme's last day. */
  resultsOpen: boolean;
  participants: SheetParticipant[];
}

/** The provider's cohort with its participants' records; undefined for anyone else's cohort. */
export async function cohortSheet(
  db: Kysely<Database>,
  providerId: number,
  cohortId: number,
  today: IsoDate,
): Promise<CohortSheet | undefined> {
  const cohort = await providerCohort(db, cohortId, providerId);
  if (!cohort) return undefined;
  const people = await participants(db, cohort.id);
  const ids = people.map((p) => p.enrolmentId);
  const [enrolments, tests, certificates, breaches] =
    ids.length === 0
      ? [[], [], [], []]
      : await Promise.all([
          db
            .selectFrom("enrolments")
            .select(["id", "agreement_confirmed_at"])
            .where("id", "in", ids)
            .execute(),
          db
            .selectFrom("test_attempts")
            .select(["enrolment_id", "kind", "taken_on", "passed"])
            .where("enrolment_id", "in", ids)
            .orderBy("id")
            .execute(),
          db
            .selectFrom("certificates")
            .select(["id", "enrolment_id", "number"])
            .where("enrolment_id", "in", ids)
            .where("status", "=", "valid")
            .execute(),
          db
            .selectFrom("breaches")
            .select(["enrolment_id", (eb) => eb.fn.countAll<number>().as("count")])
            .where("enrolment_id", "in", ids)
            .groupBy("enrolment_id")
            .execute(),
        ]);
  return {
    cohort,
    resultsOpen: resultsOpen(cohort.ends_on, today),
    participants: people.map((p) => ({
      ...p,
      agreementConfirmedAt:
        enrolments.find((e) => e.id === p.enrolmentId)?.agreement_confirmed_at ?? null,
      tests: tests
        .filter((t) => t.enrolment_id === p.enrolmentId)
        .map((t) => ({ kind: t.kind, takenOn: t.taken_on, passed: t.passed })),
      certificateId: certificates.find((c) => c.enrolment_id === p.enrolmentId)?.id ?? null,
      certificateNumber: certificates.find((c) => c.enrolment_id === p.enrolmentId)?.number ?? null,
      breaches: Number(breaches.find((b) => b.enrolment_id === p.enrolmentId)?.count ?? 0),
      mayRetake: mayRetake(p),
    })),
  };
}

/**
 * The names of these enrolments of the cohort, whatever their status now (one moved
 * to another cohort meanwhile is still named on its board); ids of anyone else's are
 * left out.
 */
export async function enrolmentNames(
  db: Kysely<Database>,
  cohortId: number,
  enrolmentIds: readonly number[],
): Promise<Map<number, string>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("enrolments as en")
    .innerJoin("employees as e", "e.id", "en.employee_id")
    .select(["en.id", "e.last_name", "e.first_name", "e.patronymic"])
    .where("en.cohort_id", "=", cohortId)
    .where("en.id", "in", [...enrolmentIds])
    .execute();
  return new Map(
    rows.map((r) => [r.id, [r.last_name, r.first_name, r.patronymic].filter(Boolean).join(" ")]),
  );
}
