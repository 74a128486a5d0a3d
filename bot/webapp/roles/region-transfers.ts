// Transfer requests of the region (item 13.2) as a table: each pending request with
// its details; approving into a target cohort by the transfer's own head's order
// (its draft as the chat makes it, then its number and date), or rejecting with a
// reason. The same services as the chat, so the same refusals.

import { orderFileName } from "../../documents/head-order.js";
import { headOrderDocx } from "../../documents/head-order-docx.js";
import { headOrderPdf } from "../../documents/head-order-pdf.js";
import { closedByResultText } from "../../i18n/transfer-closed.js";
import { almatyDate, formatDate, formatDateTime } from "../../rules/index.js";
import { recordAccess } from "../../services/access-log.js";
import { cohortForOrder } from "../../services/order-pool.js";
import { doneBy } from "../../services/outcome.js";
import { approveTransfer, transferOrderContent } from "../../services/transfer-approval.js";
import {
  closedByResult,
  pendingRequestsOfRegion,
  rejectTransfer,
  requestInRegion,
  type TransferRequestView,
  targetsForRequest,
} from "../../services/transfer-decisions.js";
import { plainText, refused } from "../refusals.js";
import { idOf, WebError, type WebPerson, type WebRoute } from "../web-route.js";
import {
  actOf,
  dateOf,
  documentLanguage,
  formatOf,
  MIME,
  OUT_OF_SCOPE,
  type RegionGrant,
  type RegionRequest,
  say,
  textOf,
} from "./region-common.js";

const REASON_MAX = 500;
const ORDER_NUMBER_MAX = 50;

/** The request in the path, if it is of the region's employees; else 403. */
async function requestOf(request: RegionRequest): Promise<TransferRequestView> {
  const found = await requestInRegion(
    request.deps.db,
    idOf(request.params.requestId, "request"),
    request.grant.unitId,
  );
  if (!found) throw new WebError(403, OUT_OF_SCOPE);
  return found;
}

/**
 * A request decided meanwhile, said as the chat says it: the result that closed it
 * (items 12, 13.1), or who decided it and when.
 */
async function decidedRefusal(request: RegionRequest, requestId: number): Promise<WebError> {
  const { deps, grant, person } = request;
  const found = await requestInRegion(deps.db, requestId, grant.unitId);
  const closed = found && (await closedByResult(deps.db, found));
  if (found && closed)
    return new WebError(
      409,
      plainText(closedByResultText(person.t, person.language, found.id, closed)),
      { reason: "decided" },
    );
  const done = found ? await doneBy(deps.db, found.decidedBy, found.decidedAt) : undefined;
  return refused(person, "transfer.decision_failed", { reason: "decided", done });
}

/** The request must still wait for a decision. */
async function pendingOrRefused(request: RegionRequest, found: TransferRequestView) {
  if (found.status !== "pending") throw await decidedRefusal(request, found.id);
}

function requestView(person: WebPerson, r: TransferRequestView) {
  const lang = person.language;
  return {
    id: r.id,
    employeeName: r.employeeName,
    unit: r.unitName[lang],
    program: r.fromCohort.program[lang],
    startsOn: r.fromCohort.startsOn,
    endsOn: r.fromCohort.endsOn,
    reason: r.reason,
    reasonText: say(person, `transfer.reason.${r.reason}`),
    comment: r.comment,
    createdAt: formatDateTime(r.createdAt),
    targetCohortId: r.targetCohortId,
    hasEvidence: r.evidenceFileId !== null,
  };
}

/** Item 13.2: the region's pending requests, oldest first. */
const list: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/transfers",
  async handle({ deps, grant, person }) {
    const requests = await pendingRequestsOfRegion(deps.db, grant.unitId);
    return { rows: requests.map((r) => requestView(person, r)) };
  },
};

/** The cohorts this request's employee may be moved into, the one they asked for marked. */
const targets: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/transfers/:requestId/targets",
  async handle(request) {
    const { deps, person } = request;
    const found = await requestOf(request);
    await pendingOrRefused(request, found);
    const options = await targetsForRequest(deps.db, found, deps.clock());
    const lang = person.language;
    return {
      request: requestView(person, found),
      rows: options.map((c) => ({
        id: c.id,
        program: c.program[lang],
        provider: c.provider[lang],
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        placesLeft: c.placesLeft,
      })),
    };
  },
};

/** The transfer order's draft (item 13.2), as the chat makes it; the download on record. */
const draft: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/transfers/:requestId/draft/:format",
  async handle(request) {
    const { deps, grant, person, params, query } = request;
    const format = formatOf(params.format, ["docx", "pdf"]);
    const found = await requestOf(request);
    const targetCohortId = idOf(query.get("cohort"), "cohort");
    const content = await transferOrderContent(deps.db, {
      regionId: grant.unitId,
      requestId: found.id,
      targetCohortId,
    });
    if (!content) throw new WebError(404, "not found");
    const lang = documentLanguage(query, person);
    const bytes =
      format === "docx"
        ? await headOrderDocx(content, lang, null)
        : await headOrderPdf(content, lang, null);
    await recordAccess(deps.db, {
      actor: person.telegramId,
      action: "document.download",
      employeeId: found.employeeId,
      subject: `transfer_order_draft:${found.id}:${format}`,
      at: deps.clock(),
    });
    return {
      file: { name: orderFileName(content, lang, null, format), mimeType: MIME[format], bytes },
    };
  },
};

/** The date a refusal of the order's date names: the request's day, or the target's first day. */
async function refusalDate(
  request: RegionRequest,
  found: TransferRequestView,
  reason: string,
  cohortId: number,
) {
  if (reason === "order_before_request") return formatDate(almatyDate(found.createdAt));
  if (reason !== "order_after_start") return "";
  const target = await cohortForOrder(request.deps.db, cohortId, request.deps.clock());
  const startsOn = target.ok
    ? target.cohort.startsOn
    : "startsOn" in target
      ? target.startsOn
      : null;
  return startsOn ? formatDate(startsOn) : "";
}

/** Items 9, 13.2: approved into the target by the transfer's own order, in one transaction. */
const approve: WebRoute<RegionGrant> = {
  method: "POST",
  path: "/transfers/:requestId/approve",
  async handle(request) {
    const { deps, grant, person, body } = request;
    const found = await requestOf(request);
    const cohortId = idOf(body.cohortId, "cohort");
    const number = textOf(
      body.orderNumber,
      ORDER_NUMBER_MAX,
      person.t("transfer.ask_order_number", { id: found.id }),
      person,
    );
    const date = dateOf(body.orderDate, person);
    const result = await approveTransfer(deps.db, {
      requestId: found.id,
      regionId: grant.unitId,
      targetCohortId: cohortId,
      order: { number, date },
      ...actOf(request),
    });
    if (!result.ok) {
      if (result.reason === "decided") throw await decidedRefusal(request, found.id);
      if (result.done) throw refused(person, "transfer.decision_failed", result);
      const when = result.startsOn
        ? formatDate(result.startsOn)
        : await refusalDate(request, found, result.reason, cohortId);
      throw new WebError(
        409,
        say(person, `transfer.decision_failed.${result.reason}`, { date: when }),
        { reason: result.reason },
      );
    }
    return {
      message: plainText(
        person.t("transfer.approved", { id: found.id, number, date: formatDate(date) }),
      ),
    };
  },
};

/** Item 13.2: rejected with a reason the employee is told. */
const reject: WebRoute<RegionGrant> = {
  method: "POST",
  path: "/transfers/:requestId/reject",
  async handle(request) {
    const { deps, grant, person, body } = request;
    const found = await requestOf(request);
    const reason = textOf(
      body.reason,
      REASON_MAX,
      person.t("transfer.rejection_reason_invalid", { max: REASON_MAX }),
      person,
    );
    const result = await rejectTransfer(deps.db, {
      requestId: found.id,
      regionId: grant.unitId,
      reason,
      ...actOf(request),
    });
    if (!result.ok && result.reason === "decided") throw await decidedRefusal(request, found.id);
    if (!result.ok) throw refused(person, "transfer.decision_failed", result);
    return { message: plainText(person.t("transfer.rejected", { id: found.id })) };
  },
};

export const REGION_TRANSFER_ROUTES: WebRoute<RegionGrant>[] = [
  list,
  targets,
  draft,
  approve,
  reject,
];
