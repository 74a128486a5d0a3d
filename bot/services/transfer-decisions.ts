// A regional coordinator decides transfer requests of their region's employees
// (item 13.2). Approval moves the enrolment to the target cohort within its
// capacity; both outcomes are audited and the employee is told by the caller.
import type { Kysely, Transaction } from "kysely";
import type { Database, IsoDate, TransferReason } from "../../db/types.js";
import { almatyDate, isEligibleTargetCohort } from "../rules/index.js";
import { audit } from "./audit.js";
import type { LocalizedName } from "./people.js";
import { transferEligibility } from "./transfers.js";

export interface TransferRequestView {
  id: number;
  employeeId: number;
  employeeName: string;
  employeeTelegramId: number | null;
  unitName: LocalizedName;
  reason: TransferReason;
  comment: string | null;
  evidenceFileId: string | null;
  evidenceKind: "photo" | "document" | null;
  createdAt: Date;
  fromCohort: { id: number; program: LocalizedName; startsOn: IsoDate; endsOn: IsoDate };
  targetCohortId: number | null;
}

function requestsQuery(db: Kysely<Database> | Transaction<Database>) {
  return db
    .selectFrom("transfer_requests as r")
    .innerJoin("enrolments as e", "e.id", "r.enrolment_id")
    .innerJoin("employees as emp", "emp.id", "e.employee_id")
    .innerJoin("units as u", "u.id", "emp.unit_id")
    .innerJoin("cohorts as c", "c.id", "e.cohort_id")
    .select([
      "r.id",
      "r.reason",
      "r.comment",
      "r.evidence_file_id",
      "r.evidence_kind",
      "r.created_at",
      "r.target_cohort_id",
      "r.status",
      "emp.id as employee_id",
      "emp.last_name",
      "emp.first_name",
      "emp.patronymic",
      "emp.telegram_user_id",
      "u.name_kk",
      "u.name_ru",
      "u.id as unit_id",
      "u.parent_id",
      "c.id as cohort_id",
      "c.program_title_kk",
      "c.program_title_ru",
      "c.starts_on",
      "c.ends_on",
    ]);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsQuery>["executeTakeFirstOrThrow"]>>;

function toView(row: RequestRow): TransferRequestView {
  return {
    id: row.id,
    employeeId: row.employee_id,
    employeeName: [row.last_name, row.first_name, row.patronymic].filter(Boolean).join(" "),
    employeeTelegramId: row.telegram_user_id,
    unitName: { kk: row.name_kk, ru: row.name_ru },
    reason: row.reason,
    comment: row.comment,
    evidenceFileId: row.evidence_file_id,
    evidenceKind: row.evidence_kind,
    createdAt: row.created_at,
    fromCohort: {
      id: row.cohort_id,
      program: { kk: row.program_title_kk, ru: row.program_title_ru },
      startsOn: row.starts_on,
      endsOn: row.ends_on,
    },
    targetCohortId: row.target_cohort_id,
  };
}

/** Pending requests of employees of a region-level unit and its districts. */
export async function pendingRequestsOfRegion(
  db: Kysely<Database>,
  regionId: number,
): Promise<TransferRequestView[]> {
  const rows = await requestsQuery(db)
    .where("r.status", "=", "pending")
    .where((eb) => eb.or([eb("u.id", "=", regionId), eb("u.parent_id", "=", regionId)]))
    .orderBy("r.created_at")
    .execute();
  return rows.map(toView);
}

/** One pending request, only if its employee is in the region. */
export async function pendingRequestInRegion(
  db: Kysely<Database> | Transaction<Database>,
  requestId: number,
  regionId: number,
): Promise<TransferRequestView | undefined> {
  const row = await requestsQuery(db)
    .where("r.id", "=", requestId)
    .where("r.status", "=", "pending")
    .where((eb) => eb.or([eb("u.id", "=", regionId), eb("u.parent_id", "=", regionId)]))
    .executeTakeFirst();
  return row ? toView(row) : undefined;
}

/** The pending request, locked so two coordinators cannot decide it twice. */
async function lockPendingRequest(trx: Transaction<Database>, requestId: number, regionId: number) {
  await trx
    .selectFrom("transfer_requests")
    .select("id")
    .where("id", "=", requestId)
    .forUpdate()
    .execute();
  return pendingRequestInRegion(trx, requestId, regionId);
}

export type DecisionResult =
  | { ok: true; request: TransferRequestView; targetCohortId: number | null }
  | { ok: false; reason: "not_found" | "target_not_eligible" };

export async function approveTransfer(
  db: Kysely<Database>,
  input: { requestId: number; regionId: number; targetCohortId: number; actor: number; now: Date },
): Promise<DecisionResult> {
  return db.transaction().execute(async (trx) => {
    const request = await lockPendingRequest(trx, input.requestId, input.regionId);
    if (!request) return { ok: false, reason: "not_found" } as const;
    // Lock the target cohort while its places are counted.
    const target = await trx
      .selectFrom("cohorts")
      .select(["id", "starts_on", "ends_on", "capacity", "active"])
      .where("id", "=", input.targetCohortId)
      .forUpdate()
      .executeTakeFirst();
    if (!target) return { ok: false, reason: "target_not_eligible" } as const;
    const enrolled = await trx
      .selectFrom("enrolments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("cohort_id", "=", target.id)
      .where("status", "=", "enrolled")
      .executeTakeFirstOrThrow();
    const check = isEligibleTargetCohort({
      currentCohortId: request.fromCohort.id,
      target: {
        id: target.id,
        startsOn: target.starts_on,
        endsOn: target.ends_on,
        capacity: target.capacity,
        enrolledCount: Number(enrolled.n),
        active: target.active,
      },
      today: almatyDate(input.now),
    });
    if (!check.eligible) return { ok: false, reason: "target_not_eligible" } as const;

    const old = await trx
      .updateTable("enrolments")
      .set({ status: "transferred", updated_at: input.now })
      .where("id", "=", (eb) =>
        eb.selectFrom("transfer_requests").select("enrolment_id").where("id", "=", input.requestId),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const moved = await trx
      .insertInto("enrolments")
      .values({
        employee_id: old.employee_id,
        cohort_id: target.id,
        // The head's order that sent the employee to training still stands (item 9).
        order_number: old.order_number,
        order_date: old.order_date,
        enrolled_by: input.actor,
        transferred_from_id: old.id,
        created_at: input.now,
        updated_at: input.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("transfer_requests")
      .set({
        status: "approved",
        decided_by: input.actor,
        decided_at: input.now,
        target_cohort_id: target.id,
      })
      .where("id", "=", input.requestId)
      .execute();
    await audit(trx, {
      actor: input.actor,
      action: "transfer_request.approve",
      entity: "transfer_request",
      entityId: input.requestId,
      before: { enrolmentId: old.id, cohortId: old.cohort_id, status: "pending" },
      after: { enrolmentId: moved.id, cohortId: target.id, status: "approved" },
      at: input.now,
    });
    return { ok: true, request, targetCohortId: target.id } as const;
  });
}

export async function rejectTransfer(
  db: Kysely<Database>,
  input: { requestId: number; regionId: number; reason: string; actor: number; now: Date },
): Promise<DecisionResult> {
  return db.transaction().execute(async (trx) => {
    const request = await lockPendingRequest(trx, input.requestId, input.regionId);
    if (!request) return { ok: false, reason: "not_found" } as const;
    await trx
      .updateTable("transfer_requests")
      .set({
        status: "rejected",
        decided_by: input.actor,
        decided_at: input.now,
        decision_reason: input.reason,
      })
      .where("id", "=", input.requestId)
      .execute();
    await audit(trx, {
      actor: input.actor,
      action: "transfer_request.reject",
      entity: "transfer_request",
      entityId: input.requestId,
      before: { status: "pending" },
      after: { status: "rejected", reason: input.reason },
      at: input.now,
    });
    return { ok: true, request, targetCohortId: null } as const;
  });
}

/** Cohorts a coordinator may move this request's employee into. */
export async function targetsForRequest(
  db: Kysely<Database>,
  request: TransferRequestView,
  now: Date,
) {
  const eligibility = await transferEligibility(db, request.employeeId, now, { deciding: true });
  return eligibility.ok ? eligibility.targets : [];
}
