// Enrolment by the head's order as tables (item 9): the cohorts that still take
// people, the approved list's people an order may send (filtered; full IINs on
// record), the places left now, the order's draft for the people ticked (DOCX/PDF,
// as the chat makes it; each download on record), and the order itself: number and
// date, everyone ticked enrolled in one call, one transaction (enrolment.ts).
import type { Language } from "../../../db/types.js";
import { orderFileName } from "../../documents/head-order.js";
import { headOrderDocx } from "../../documents/head-order-docx.js";
import { headOrderPdf } from "../../documents/head-order-pdf.js";
import { formatDate } from "../../rules/index.js";
import { recordAccesses } from "../../services/access-log.js";
import { listDistricts } from "../../services/directory.js";
import { enrolmentCohorts } from "../../services/enrolment.js";
import { orderContent } from "../../services/head-orders.js";
import {
  allInRegion,
  cohortForOrder,
  type DueFilter,
  enrolByOrderOnce,
  enrolmentPool,
  type OrderCohort,
} from "../../services/order-pool.js";
import { doneByMessage, plainText } from "../refusals.js";
import { idOf, WebError, type WebPerson, type WebRoute } from "../web-route.js";
import {
  actOf,
  dateOf,
  documentLanguage,
  formatOf,
  idsOf,
  MIME,
  OUT_OF_SCOPE,
  pageOf,
  type RegionGrant,
  type RegionRequest,
  say,
  textOf,
} from "./region-common.js";

const PAGE_SIZE = 50;
/** How many people one order may name here (the page, and a draft's link). */
const MAX_PEOPLE = 500;
const ORDER_NUMBER_MAX = 50;
const DUE_FILTERS: DueFilter[] = ["overdue", "this_year", "never"];

/** A refusal of the order in the chat's words (enrol.refused.*), or "already done by X at T". */
function enrolRefused(
  person: WebPerson,
  refusal: {
    reason: string;
    placesLeft?: number;
    startsOn?: string;
    done?: import("../../services/outcome.js").DoneBy;
  },
): WebError {
  if (refusal.reason === "done")
    return new WebError(
      409,
      plainText(
        refusal.done ? doneByMessage(person, refusal.done) : person.t("lists.refused.decided"),
      ),
      { reason: "done" },
    );
  const text = say(person, `enrol.refused.${refusal.reason}`, {
    places: refusal.placesLeft ?? 0,
    date: refusal.startsOn ? formatDate(refusal.startsOn) : "",
  });
  return new WebError(409, text, {
    reason: refusal.reason,
    placesLeft: refusal.placesLeft,
  });
}

/** The cohort in the path, if an order may still send people to it today; else the rule's refusal. */
async function orderCohort(request: RegionRequest): Promise<OrderCohort> {
  const found = await cohortForOrder(
    request.deps.db,
    idOf(request.params.cohortId, "cohort"),
    request.deps.clock(),
  );
  if (!found.ok) throw enrolRefused(request.person, found);
  return found.cohort;
}

function cohortView(cohort: OrderCohort, lang: Language) {
  return {
    id: cohort.id,
    program: cohort.program[lang],
    provider: cohort.provider[lang],
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    capacity: cohort.capacity,
    placesLeft: cohort.placesLeft,
  };
}

/** Items 9, 12: the cohorts an order may send people to today (not started, places left). */
const cohorts: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/enrol/cohorts",
  async handle({ deps, person }) {
    const found = await enrolmentCohorts(deps.db, deps.clock());
    const lang = person.language;
    return {
      rows: found.map((c) => ({
        id: c.id,
        program: c.program[lang],
        provider: c.providerName[lang],
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        capacity: c.capacity,
        placesLeft: Math.max(0, c.capacity - c.enrolled),
      })),
    };
  },
};

/** One cohort with its places left now (the page asks again while people are ticked). */
const cohort: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/enrol/cohorts/:cohortId",
  async handle(request) {
    const { deps, grant, person } = request;
    const found = await orderCohort(request);
    const lang = person.language;
    const units = [
      { id: grant.unitId, name: grant.scopeName[lang] },
      ...(await listDistricts(deps.db, grant.unitId)).map((d) => ({
        id: d.id,
        name: d.name[lang],
      })),
    ];
    return { cohort: cohortView(found, lang), units, dueFilters: DUE_FILTERS };
  },
};

/** Item 9: the approved list's people not sent yet, filtered, a page of them. */
const people: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/enrol/cohorts/:cohortId/people",
  async handle(request) {
    const { deps, grant, person, query } = request;
    const found = await orderCohort(request);
    const year = Number(found.startsOn.slice(0, 4));
    const district = query.get("district");
    const unitId = district ? idOf(district, "district") : undefined;
    if (unitId !== undefined && unitId !== grant.unitId) {
      const districts = await listDistricts(deps.db, grant.unitId);
      if (!districts.some((d) => d.id === unitId)) throw new WebError(403, OUT_OF_SCOPE);
    }
    const due = query.get("due") || undefined;
    if (due && !DUE_FILTERS.includes(due as DueFilter))
      throw new WebError(400, "unknown due filter");
    const position = (query.get("position") ?? "").trim().slice(0, 100) || undefined;
    const page = pageOf(query);
    const { now } = actOf(request);
    const pool = await enrolmentPool(
      deps.db,
      grant.unitId,
      year,
      { unitId, due: due as DueFilter | undefined, position },
      { offset: page * PAGE_SIZE, limit: PAGE_SIZE },
      now,
    );
    if (pool === null)
      throw new WebError(409, plainText(person.t("enrol.list_not_approved", { year })), {
        reason: "list_not_approved",
      });
    await recordAccesses(
      deps.db,
      pool.people.map((p) => ({
        actor: person.telegramId,
        action: "employee.iin" as const,
        employeeId: p.id,
        subject: "webapp",
        at: now,
      })),
    );
    const lang = person.language;
    return {
      placesLeft: found.placesLeft,
      total: pool.total,
      page,
      pageSize: PAGE_SIZE,
      rows: pool.people.map((p) => ({
        id: p.id,
        fullName: p.fullName,
        iin: p.iin,
        position: p.position,
        unit: p.unitName[lang],
        dueOn: p.dueOn,
        reasonText: p.reason
          ? say(person, `lists.reason.${p.reason}`, { date: p.dueOn ? formatDate(p.dueOn) : "" })
          : "",
      })),
    };
  },
};

/** Employee ids of a request, each one of the region's; another region's → 403. */
async function peopleOf(request: RegionRequest, value: unknown): Promise<number[]> {
  const ids = idsOf(value, MAX_PEOPLE);
  if (!(await allInRegion(request.deps.db, request.grant.unitId, ids)))
    throw new WebError(403, OUT_OF_SCOPE);
  return ids;
}

/** Item 9: the order's draft for the people ticked, as the chat makes it; each download on record. */
const draft: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/enrol/cohorts/:cohortId/draft/:format",
  async handle(request) {
    const { deps, grant, person, params, query } = request;
    const format = formatOf(params.format, ["docx", "pdf"]);
    const cohortId = idOf(params.cohortId, "cohort");
    const employeeIds = await peopleOf(request, query.get("ids"));
    const content = await orderContent(deps.db, { regionId: grant.unitId, cohortId, employeeIds });
    if (!content) throw new WebError(404, "not found");
    const lang = documentLanguage(query, person);
    const bytes =
      format === "docx"
        ? await headOrderDocx(content, lang, null)
        : await headOrderPdf(content, lang, null);
    const at = deps.clock();
    await recordAccesses(
      deps.db,
      employeeIds.map((employeeId) => ({
        actor: person.telegramId,
        action: "document.download" as const,
        employeeId,
        subject: `head_order_draft:${cohortId}:${format}`,
        at,
      })),
    );
    return {
      file: { name: orderFileName(content, lang, null, format), mimeType: MIME[format], bytes },
    };
  },
};

/** Item 9: the signed order's number and date; everyone ticked enrolled by it in one transaction. */
const order: WebRoute<RegionGrant> = {
  method: "POST",
  path: "/enrol/cohorts/:cohortId/order",
  async handle(request) {
    const { deps, grant, person, body } = request;
    const cohortId = idOf(request.params.cohortId, "cohort");
    const employeeIds = await peopleOf(request, body.employeeIds);
    const orderNumber = textOf(
      body.orderNumber,
      ORDER_NUMBER_MAX,
      person.t("enrol.ask_order_number"),
      person,
    );
    const orderDate = dateOf(body.orderDate, person);
    const outcome = await enrolByOrderOnce(deps.db, {
      regionId: grant.unitId,
      cohortId,
      employeeIds,
      orderNumber,
      orderDate,
      ...actOf(request),
    });
    if (!outcome.ok) throw enrolRefused(person, outcome);
    const lines = [
      person.t("enrol.done", {
        count: outcome.enrolled.length,
        already: outcome.alreadyEnrolled.length,
        number: orderNumber,
        date: formatDate(orderDate),
      }),
    ];
    if (outcome.notReached.length)
      lines.push(person.t("enrol.not_reached", { names: outcome.notReached.join(", ") }));
    else if (outcome.enrolled.length) lines.push(person.t("enrol.all_notified"));
    return {
      message: plainText(lines.join("\n")),
      enrolled: outcome.enrolled.length,
      alreadyEnrolled: outcome.alreadyEnrolled.length,
      notReached: outcome.notReached,
    };
  },
};

export const REGION_ENROLMENT_ROUTES: WebRoute<RegionGrant>[] = [
  cohorts,
  cohort,
  people,
  draft,
  order,
];
