// Approving a transfer request (items 9, 13.2): the employee moves to the target
// cohort by the head's order, like any enrolment. The order's number and date are
// checked, the order is kept with what it prints (the transfer and its reason),
// and the new enrolment points at it — all in the decision's one transaction, with
// the audit rows and the employee's notice. A target that has started on the day
// of the decision is refused (item 9: an order sends people before the first day).
import type { Kysely, Transaction } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import type { HeadOrderContent, SignedOrder } from "../documents/head-order-content.js";
import {
  almatyDate,
  isEligibleTargetCohort,
  type TransferOrderDateProblem,
  transferOrderDateProblem,
  transferYear,
} from "../rules/index.js";
import { keepHeadOrder, orderContent } from "./head-orders.js";
import { cohortNameColumns, cohortNames, cohortsWithProvider, placesTaken } from "./joins.js";
import { doneBy, type Refused, refuse } from "./outcome.js";
import {
  type DecisionRefusal,
  decide,
  deciding,
  requestInRegion,
  type TransferRequestView,
} from "./transfer-decisions.js";

type Db = Kysely<Database> | Transaction<Database>;

export type ApprovalRefusal =
  | DecisionRefusal
  | "target_started"
  | `order_${TransferOrderDateProblem}`;

export type ApprovalCheck =
  | { ok: true; request: TransferRequestView; target: { id: number; startsOn: IsoDate } }
  | (Refused<ApprovalRefusal> & { startsOn?: IsoDate });

export type ApprovalResult =
  | { ok: true; request: TransferRequestView; targetCohortId: number; headOrderId: number }
  | (Refused<ApprovalRefusal> & { startsOn?: IsoDate });

/** Item 13.2: no request is decided after the year of the employee's cohort has ended. */
function yearEnded(request: TransferRequestView, now: Date): boolean {
  return almatyDate(now).slice(0, 4) > transferYear(request.fromCohort.startsOn);
}

/**
 * The target, checked for this request on the day `now` (locked while its places are
 * counted when `lock`): started already, or otherwise not eligible, is refused.
 */
async function checkTarget(
  db: Db,
  request: TransferRequestView,
  targetCohortId: number,
  now: Date,
  lock: boolean,
): Promise<ApprovalCheck> {
  if (yearEnded(request, now)) return refuse("year_ended");
  let query = db
    .selectFrom("cohorts")
    .select(["id", "starts_on", "ends_on", "capacity", "active"])
    .where("id", "=", targetCohortId);
  if (lock) query = query.forUpdate();
  const target = await query.executeTakeFirst();
  if (!target) return refuse("target_not_eligible");
  const check = isEligibleTargetCohort({
    currentCohort: { id: request.fromCohort.id, startsOn: request.fromCohort.startsOn },
    target: {
      id: target.id,
      startsOn: target.starts_on,
      endsOn: target.ends_on,
      capacity: target.capacity,
      enrolledCount: await placesTaken(db, target.id),
      active: target.active,
    },
    today: almatyDate(now),
  });
  if (check.eligible)
    return { ok: true, request, target: { id: target.id, startsOn: target.starts_on } };
  if (check.problems.includes("started") && check.problems.every((p) => p !== "same_cohort"))
    return { ...refuse("target_started"), startsOn: target.starts_on };
  return refuse("target_not_eligible");
}

/**
 * Before the coordinator types the order: may this request still be approved into
 * this cohort today? A request decided meanwhile says who decided it and when.
 */
export async function approvalCheck(
  db: Kysely<Database>,
  input: { requestId: number; regionId: number; targetCohortId: number; now: Date },
): Promise<ApprovalCheck> {
  const request = await requestInRegion(db, input.requestId, input.regionId);
  if (!request) return refuse("not_found");
  if (request.status !== "pending")
    return refuse("decided", await doneBy(db, request.decidedBy, request.decidedAt));
  return checkTarget(db, request, input.targetCohortId, input.now, false);
}

/**
 * What the order on this transfer will say (items 9, 13.2): the target cohort, the
 * employee, and the transfer — from which cohort and organization, the reason, and
 * the order that sent them first. Null when the request or cohort is not the region's.
 */
export async function transferOrderContent(
  db: Db,
  input: { regionId: number; requestId: number; targetCohortId: number },
): Promise<HeadOrderContent | null> {
  const from = await cohortsWithProvider(db)
    .innerJoin("enrolments as en", "en.cohort_id", "c.id")
    .innerJoin("transfer_requests as r", "r.enrolment_id", "en.id")
    .select(cohortNameColumns)
    .select(["c.starts_on", "c.ends_on", "en.employee_id", "en.order_number", "en.order_date"])
    .select(["r.id", "r.reason"])
    .where("r.id", "=", input.requestId)
    .executeTakeFirst();
  if (!from) return null;
  const content = await orderContent(db, {
    regionId: input.regionId,
    cohortId: input.targetCohortId,
    employeeIds: [from.employee_id],
  });
  if (!content || content.employees.length === 0) return null;
  return {
    ...content,
    transfer: {
      requestId: from.id,
      reason: from.reason,
      from: { ...cohortNames(from), startsOn: from.starts_on, endsOn: from.ends_on },
      fromOrder: { number: from.order_number, date: from.order_date },
    },
  };
}

export async function approveTransfer(
  db: Kysely<Database>,
  input: {
    requestId: number;
    regionId: number;
    targetCohortId: number;
    order: SignedOrder;
    actor: number;
    now: Date;
  },
): Promise<ApprovalResult> {
  return deciding<ApprovalResult>(db, input, async (trx, request) => {
    const checked = await checkTarget(trx, request, input.targetCohortId, input.now, true);
    if (!checked.ok) return checked;
    const target = checked.target;
    const dateProblem = transferOrderDateProblem({
      orderDate: input.order.date,
      today: almatyDate(input.now),
      requestedOn: almatyDate(request.createdAt),
      targetStartsOn: target.startsOn,
    });
    if (dateProblem) return refuse(`order_${dateProblem}` as const);
    const content = await transferOrderContent(trx, { ...input, targetCohortId: target.id });
    if (!content) return refuse("not_found");

    // Only an enrolment still without a certificate moves (item 13.2); a result
    // recorded meanwhile has closed the request, so this is the last line of defence.
    const old = await trx
      .updateTable("enrolments")
      .set({ status: "transferred", updated_at: input.now })
      .where("id", "=", request.enrolmentId)
      .where("status", "in", ["enrolled", "failed"])
      .returningAll()
      .executeTakeFirst();
    if (!old) return refuse("not_found");
    // The employee is sent to the new cohort by the new order (item 9).
    const moved = await trx
      .insertInto("enrolments")
      .values({
        employee_id: old.employee_id,
        cohort_id: target.id,
        order_number: input.order.number,
        order_date: input.order.date,
        enrolled_by: input.actor,
        transferred_from_id: old.id,
        created_at: input.now,
        updated_at: input.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const headOrderId = await keepHeadOrder(trx, {
      regionId: input.regionId,
      cohortId: target.id,
      employeeIds: [old.employee_id],
      enrolmentIds: [moved.id],
      order: input.order,
      actor: input.actor,
      now: input.now,
      content,
    });
    if (headOrderId === null) throw new Error("the transfer's order could not be kept");
    await decide(trx, request, input, {
      set: { status: "approved", target_cohort_id: target.id },
      before: { enrolmentId: old.id, cohortId: old.cohort_id, status: "pending" },
      after: {
        enrolmentId: moved.id,
        cohortId: target.id,
        status: "approved",
        headOrderId,
        order: input.order.number,
        orderDate: input.order.date,
      },
      order: input.order,
    });
    return { ok: true, request, targetCohortId: target.id, headOrderId } as const;
  });
}
