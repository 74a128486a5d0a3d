// A regional coordinator decides transfer requests of their region's employees
// (item 13.2). Approval moves the enrolment to the target cohort within its
// capacity, by the head's order (transfer-approval.ts). Each decision is one transaction: the guarded updates, the audit row and
// the employee's notice; a request decided meanwhile (by another coordinator, or
// closed because a result was recorded) is refused with who did it and when.

import type { Kysely, Transaction } from "kysely";
import type { Database, IsoDate, TransferReason } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { notify } from "../outbox/notices.js";
import { routes } from "../routes/index.js";
import { formatDate } from "../rules/index.js";
import { audit } from "./audit.js";
import { enrolmentsOfPeople } from "./joins.js";
import { doneBy, type Refused, refuse } from "./outcome.js";
import type { LocalizedName } from "./people.js";
import { inRegion } from "./scope.js";
import { transferEligibility } from "./transfers.js";

export interface TransferRequestView {
  id: number;
  enrolmentId: number;
  status: "pending" | "approved" | "rejected" | "cancelled";
  decidedBy: number | null;
  decidedAt: Date | null;
  /** Why it was decided as it was: a rejection's reason, or "result_recorded" when a result closed it. */
  decisionReason: string | null;
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
  return enrolmentsOfPeople(db)
    .innerJoin("transfer_requests as r", "r.enrolment_id", "en.id")
    .select([
      "r.id",
      "r.reason",
      "r.comment",
      "r.evidence_file_id",
      "r.evidence_kind",
      "r.created_at",
      "r.target_cohort_id",
      "r.status",
      "r.enrolment_id",
      "r.decided_by",
      "r.decided_at",
      "r.decision_reason",
      "e.id as employee_id",
      "e.last_name",
      "e.first_name",
      "e.patronymic",
      "e.telegram_user_id",
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
    enrolmentId: row.enrolment_id,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    decisionReason: row.decision_reason,
    employeeId: row.employee_id,
    employeeName: [row.last_name, row.first_name, row.patronymic].filter(Boolean).join(" "),
    employeeTelegramId: row.telegram_user_id,
    unitName: bothLanguages(row, "name"),
    reason: row.reason,
    comment: row.comment,
    evidenceFileId: row.evidence_file_id,
    evidenceKind: row.evidence_kind,
    createdAt: row.created_at,
    fromCohort: {
      id: row.cohort_id,
      program: bothLanguages(row, "program_title"),
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
    .where((eb) => inRegion(eb, "u", regionId))
    .orderBy("r.created_at")
    .execute();
  return rows.map(toView);
}

/** One request of the region's employees, in whatever state. */
export async function requestInRegion(
  db: Kysely<Database> | Transaction<Database>,
  requestId: number,
  regionId: number,
): Promise<TransferRequestView | undefined> {
  const row = await requestsQuery(db)
    .where("r.id", "=", requestId)
    .where((eb) => inRegion(eb, "u", regionId))
    .executeTakeFirst();
  return row ? toView(row) : undefined;
}

/** One pending request, only if its employee is in the region. */
export async function pendingRequestInRegion(
  db: Kysely<Database> | Transaction<Database>,
  requestId: number,
  regionId: number,
): Promise<TransferRequestView | undefined> {
  const request = await requestInRegion(db, requestId, regionId);
  return request?.status === "pending" ? request : undefined;
}

export type DecisionRefusal = "not_found" | "decided" | "target_not_eligible" | "year_ended";

export type DecisionResult =
  | { ok: true; request: TransferRequestView; targetCohortId: number | null }
  | Refused<DecisionRefusal>;

/**
 * A decision on a request, in one transaction: the request locked so two coordinators
 * cannot decide it twice; refused when it is not the region's, or was decided already
 * (with who and when). Approval and rejection go through it.
 */
export async function deciding<Result = DecisionResult>(
  db: Kysely<Database>,
  input: { requestId: number; regionId: number },
  decideIt: (trx: Transaction<Database>, request: TransferRequestView) => Promise<Result>,
): Promise<Result | Refused<DecisionRefusal>> {
  return db.transaction().execute(async (trx) => {
    await trx
      .selectFrom("transfer_requests")
      .select("id")
      .where("id", "=", input.requestId)
      .forUpdate()
      .execute();
    const request = await requestInRegion(trx, input.requestId, input.regionId);
    if (!request) return refuse("not_found");
    if (request.status !== "pending")
      return refuse("decided", await doneBy(trx, request.decidedBy, request.decidedAt));
    return decideIt(trx, request);
  });
}

export async function rejectTransfer(
  db: Kysely<Database>,
  input: { requestId: number; regionId: number; reason: string; actor: number; now: Date },
): Promise<DecisionResult> {
  return deciding(db, input, async (trx, request) => {
    await decide(trx, request, input, {
      set: { status: "rejected", decision_reason: input.reason },
      before: { status: "pending" },
      after: { status: "rejected", reason: input.reason },
    });
    return { ok: true, request, targetCohortId: null } as const;
  });
}

/** Marks the pending request decided, on record, and tells the employee, in the transaction. */
export async function decide(
  trx: Transaction<Database>,
  request: TransferRequestView,
  input: { requestId: number; actor: number; now: Date },
  decision: {
    set:
      | { status: "approved"; target_cohort_id: number }
      | { status: "rejected"; decision_reason: string };
    before: object;
    after: object;
    /** The order that sends the employee to the new cohort (an approval). */
    order?: { number: string; date: IsoDate };
  },
) {
  await trx
    .updateTable("transfer_requests")
    .set({ ...decision.set, decided_by: input.actor, decided_at: input.now })
    .where("id", "=", input.requestId)
    .where("status", "=", "pending")
    .execute();
  const approved = decision.set.status === "approved";
  await audit(trx, {
    actor: input.actor,
    action: approved ? "transfer_request.approve" : "transfer_request.reject",
    entity: "transfer_request",
    entityId: input.requestId,
    before: decision.before,
    after: decision.after,
    at: input.now,
  });
  const reason = "decision_reason" in decision.set ? decision.set.decision_reason : undefined;
  await tellEmployee(trx, request, { approved, reason, order: decision.order }, input.now);
}

async function tellEmployee(
  trx: Transaction<Database>,
  request: TransferRequestView,
  decision: { approved: boolean; reason?: string; order?: { number: string; date: IsoDate } },
  now: Date,
) {
  if (request.employeeTelegramId === null) return;
  await notify(
    trx,
    request.employeeTelegramId,
    {
      key: decision.approved ? "transfer.employee_approved" : "transfer.employee_rejected",
      audience: "employee",
      params: {
        id: request.id,
        reason: decision.reason ?? "",
        number: decision.order?.number ?? "",
        date: decision.order ? formatDate(decision.order.date) : "",
      },
      buttons: decision.approved
        ? [
            {
              labelKey: "employee.menu.cohort",
              data: routes.employeeCohort.pack({ grant: { role: "employee" } }),
            },
          ]
        : undefined,
    },
    now,
  );
}

/**
 * Items 12, 13.1: once a result is recorded for an enrolment, its waiting transfer
 * requests have nothing left to move; they are closed in the same transaction and
 * the employee is told why.
 */
export async function closePendingRequests(
  trx: Transaction<Database>,
  input: { enrolmentId: number; employeeTelegramId: number | null; actor: number; now: Date },
): Promise<void> {
  const closed = await trx
    .updateTable("transfer_requests")
    .set({
      status: "cancelled",
      decided_by: input.actor,
      decided_at: input.now,
      decision_reason: "result_recorded",
    })
    .where("enrolment_id", "=", input.enrolmentId)
    .where("status", "=", "pending")
    .returning("id")
    .execute();
  for (const request of closed) {
    await audit(trx, {
      actor: input.actor,
      action: "transfer_request.close",
      entity: "transfer_request",
      entityId: request.id,
      before: { status: "pending" },
      after: { status: "cancelled", reason: "result_recorded" },
      at: input.now,
    });
    if (input.employeeTelegramId !== null)
      await notify(
        trx,
        input.employeeTelegramId,
        { key: "transfer.employee_closed", audience: "employee", params: { id: request.id } },
        input.now,
      );
  }
}

/** What closed a request when a result was recorded: the test, its day and outcome, by whom. */
export interface ClosedByResult {
  at: Date;
  test: "final" | "retest";
  takenOn: IsoDate;
  passed: boolean;
  provider: LocalizedName;
  /** The name of the coordinator who recorded it, as Telegram gives it (with @username). */
  recordedBy: string | null;
}

/**
 * Items 12, 13.1: the result whose recording closed this request (recorded in the same
 * transaction, so at the same moment), or null when something else decided it.
 */
export async function closedByResult(
  db: Kysely<Database>,
  request: TransferRequestView,
): Promise<ClosedByResult | null> {
  const at = request.decidedAt;
  if (request.status !== "cancelled" || request.decisionReason !== "result_recorded" || !at)
    return null;
  const attempt = await db
    .selectFrom("test_attempts as ta")
    .innerJoin("enrolments as en", "en.id", "ta.enrolment_id")
    .innerJoin("cohorts as c", "c.id", "en.cohort_id")
    .innerJoin("providers as p", "p.id", "c.provider_id")
    .leftJoin("telegram_users as tu", "tu.telegram_id", "ta.recorded_by")
    .select([
      "ta.kind",
      "ta.taken_on",
      "ta.passed",
      "p.name_kk",
      "p.name_ru",
      "tu.first_name",
      "tu.last_name",
      "tu.username",
    ])
    .where("ta.enrolment_id", "=", request.enrolmentId)
    .where("ta.created_at", "<=", at)
    .orderBy("ta.created_at", "desc")
    .orderBy("ta.id", "desc")
    .executeTakeFirst();
  if (!attempt) return null;
  const name = [attempt.first_name, attempt.last_name].filter(Boolean).join(" ");
  const recordedBy = name
    ? `${name}${attempt.username ? ` (@${attempt.username})` : ""}`
    : attempt.username
      ? `@${attempt.username}`
      : null;
  return {
    at,
    test: attempt.kind,
    takenOn: attempt.taken_on,
    passed: attempt.passed,
    provider: bothLanguages(attempt, "name"),
    recordedBy,
  };
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
