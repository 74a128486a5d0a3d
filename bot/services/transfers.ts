// Transfers between cohorts for valid reasons (item 13.2): an employee without a
// certificate from the training asks, a regional coordinator of their region
// decides. Every check is repeated inside the transaction that writes.
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, IsoDate, TransferReason } from "../../db/types.js";
import { routes } from "../routes/index.js";
import {
  almatyDate,
  canRequestTransfer,
  eligibleTargetCohorts,
  type TransferRefusal,
  transferYear,
} from "../rules/index.js";
import { audit } from "./audit.js";
import { notifyRegionOf } from "./coordinators.js";
import { activeCohortsCounting, cohortNames, enrolmentsNowFirst } from "./joins.js";
import type { LocalizedName } from "./people.js";

type Db = Kysely<Database> | Transaction<Database>;

export interface CohortOption {
  id: number;
  provider: LocalizedName;
  program: LocalizedName;
  startsOn: IsoDate;
  endsOn: IsoDate;
  placesLeft: number;
}

export type TransferEligibility =
  | { ok: true; enrolmentId: number; cohortId: number; targets: CohortOption[] }
  | { ok: false; reason: TransferRefusal | "no_enrolment" | "no_eligible_cohort" }
  | { ok: false; reason: "certificate_revoked"; certificate: string };

/** The open enrolment a transfer would move: enrolled, or failed without a certificate. */
async function transferableEnrolment(db: Db, employeeId: number) {
  return enrolmentsNowFirst(db, employeeId)
    .select(["en.id", "en.status", "en.cohort_id", "c.starts_on", "c.ends_on"])
    .executeTakeFirst();
}

/** The number of the enrolment's revoked certificate, when no valid one replaced it. */
async function revokedCertificateOf(db: Db, enrolmentId: number): Promise<string | null> {
  const rows = await db
    .selectFrom("certificates")
    .select(["number", "status"])
    .where("enrolment_id", "=", enrolmentId)
    .orderBy("id", "desc")
    .execute();
  if (rows.some((r) => r.status === "valid")) return null;
  return rows.find((r) => r.status === "revoked")?.number ?? null;
}

/** Active cohorts of the year that have not ended, with their head counts. */
async function cohortOptions(db: Db, year: string, today: IsoDate) {
  const rows = await activeCohortsCounting(db, ["enrolled"])
    .select("c.active")
    .where("p.active", "=", true)
    .where("c.ends_on", ">=", today)
    .where("c.starts_on", ">=", `${year}-01-01`)
    .where("c.ends_on", "<=", `${year}-12-31`)
    .orderBy("c.starts_on")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ...cohortNames(r),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    capacity: r.capacity,
    enrolledCount: Number(r.enrolled),
    active: r.active,
    placesLeft: r.capacity - Number(r.enrolled),
  }));
}

export async function transferEligibility(
  db: Db,
  employeeId: number,
  now: Date,
  options: { deciding?: boolean } = {},
): Promise<TransferEligibility> {
  const today = almatyDate(now);
  const enrolment = await transferableEnrolment(db, employeeId);
  if (!enrolment) return { ok: false, reason: "no_enrolment" };
  const pending = await db
    .selectFrom("transfer_requests")
    .select("id")
    .where("enrolment_id", "=", enrolment.id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  // Item 13: a revoked certificate counts for nothing, but the training it closed is
  // over: there is no cohort to move from. The person is due again and is sent by a
  // new order (item 9); the screen says so instead of "already certified".
  if (enrolment.status === "passed") {
    const revoked = await revokedCertificateOf(db, enrolment.id);
    if (revoked) return { ok: false, reason: "certificate_revoked", certificate: revoked };
  }
  const allowed = canRequestTransfer({
    hasCertificateFromTraining: enrolment.status === "passed",
    enrolmentStatus: enrolment.status,
    // A coordinator deciding the waiting request looks past that request itself.
    hasPendingRequest: pending !== undefined && !options.deciding,
    cohortStartsOn: enrolment.starts_on,
    today,
  });
  if (!allowed.allowed) return { ok: false, reason: allowed.reason };

  const currentCohort = { id: enrolment.cohort_id, startsOn: enrolment.starts_on };
  const targets = eligibleTargetCohorts({
    currentCohort,
    cohorts: await cohortOptions(db, transferYear(enrolment.starts_on), today),
    today,
  });
  if (targets.length === 0) return { ok: false, reason: "no_eligible_cohort" };
  return {
    ok: true,
    enrolmentId: enrolment.id,
    cohortId: enrolment.cohort_id,
    targets: targets.map((c) => ({
      id: c.id,
      provider: c.provider,
      program: c.program,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      placesLeft: c.placesLeft,
    })),
  };
}

export interface TransferRequestInput {
  employeeId: number;
  reason: TransferReason;
  comment: string | null;
  evidence: { fileId: string; kind: "photo" | "document" } | null;
  targetCohortId: number | null;
  actor: number;
  now: Date;
}

export type CreateTransferResult =
  | { ok: true; requestId: number }
  | {
      ok: false;
      reason: TransferRefusal | "no_enrolment" | "no_eligible_cohort" | "target_not_eligible";
    }
  | { ok: false; reason: "certificate_revoked"; certificate: string };

export async function createTransferRequest(
  db: Kysely<Database>,
  input: TransferRequestInput,
): Promise<CreateTransferResult> {
  return db.transaction().execute(async (trx) => {
    // Serialize requests of one employee, so a double tap cannot create two.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`transfer:${input.employeeId}`}, 0))`.execute(
      trx,
    );
    const eligibility = await transferEligibility(trx, input.employeeId, input.now);
    if (!eligibility.ok) return eligibility;
    if (
      input.targetCohortId !== null &&
      !eligibility.targets.some((t) => t.id === input.targetCohortId)
    ) {
      return { ok: false, reason: "target_not_eligible" } as const;
    }
    const row = await trx
      .insertInto("transfer_requests")
      .values({
        enrolment_id: eligibility.enrolmentId,
        reason: input.reason,
        comment: input.comment,
        evidence_file_id: input.evidence?.fileId ?? null,
        evidence_kind: input.evidence?.kind ?? null,
        target_cohort_id: input.targetCohortId,
        created_at: input.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tellRegion(trx, input.employeeId, row.id, input.now);
    await audit(trx, {
      actor: input.actor,
      action: "transfer_request.create",
      entity: "transfer_request",
      entityId: row.id,
      after: {
        enrolmentId: eligibility.enrolmentId,
        reason: input.reason,
        targetCohortId: input.targetCohortId,
        hasEvidence: input.evidence !== null,
      },
      at: input.now,
    });
    return { ok: true, requestId: row.id } as const;
  });
}

/** The regional coordinators hear of a new request at once (item 13.2). */
async function tellRegion(
  trx: Transaction<Database>,
  employeeId: number,
  requestId: number,
  now: Date,
) {
  const employee = await trx
    .selectFrom("employees")
    .select(["last_name", "first_name", "patronymic", "unit_id"])
    .where("id", "=", employeeId)
    .executeTakeFirstOrThrow();
  await notifyRegionOf(
    trx,
    employee.unit_id,
    (regionId) => ({
      key: "transfer.notify_coordinator",
      params: {
        name: [employee.last_name, employee.first_name, employee.patronymic]
          .filter(Boolean)
          .join(" "),
        id: requestId,
      },
      buttons: [
        {
          labelKey: "transfer.open_button",
          data: routes.transferRequest.pack({
            grant: { role: "regional_coordinator", unitId: regionId },
            request: requestId,
          }),
        },
      ],
    }),
    now,
  );
}
