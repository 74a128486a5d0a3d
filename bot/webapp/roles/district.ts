// The district coordinator's tables: the unit's register (filtered by training status,
// agreement and consent, searched, sorted and paged by the database), an employee's
// card with the chat's edits and deactivation, and next year's list (district-list.ts).
import { translateKey } from "../../i18n/index.js";
import { almatyDate } from "../../rules/index.js";
import { type AccessEntry, recordAccesses } from "../../services/access-log.js";
import {
  deactivateInUnits,
  type EmployeeCard,
  employeeCard,
} from "../../services/employee-card.js";
import { EDITABLE_FIELDS, editEmployeeField, FIELD_RULES } from "../../services/employees.js";
import type { RoleGrant } from "../../services/people.js";
import {
  AGREEMENT_STATES,
  CONSENT_STATES,
  REGISTER_SORTS,
  REGISTER_STATUSES,
  registerStatusOf,
  registerTable,
} from "../../services/register-table.js";
import { oneOf, pageOf, sizeOf } from "../params.js";
import { refused } from "../refusals.js";
import { idOf, WebError, type WebPerson, type WebRequest, type WebRoute } from "../web-route.js";
import { DISTRICT_LIST_ROUTES } from "./district-list.js";

type DistrictGrant = Extract<RoleGrant, { role: "district_coordinator" }>;

const PAGE_SIZE = 50;

/** Full IINs shown to the person: one access-log row each, in one insert. */
function iinsShown(request: WebRequest<DistrictGrant>, employeeIds: number[]): AccessEntry[] {
  const at = request.deps.clock();
  return employeeIds.map((employeeId) => ({
    actor: request.person.telegramId,
    action: "employee.iin",
    employeeId,
    subject: "webapp",
    at,
  }));
}

/** The register, a page at a time; every IIN shown is written to the access log. */
const register: WebRoute<DistrictGrant> = {
  method: "GET",
  path: "/employees",
  async handle(request) {
    const { deps, grant, query } = request;
    const page = pageOf(query);
    const size = sizeOf(query, PAGE_SIZE);
    const today = almatyDate(deps.clock());
    const result = await registerTable(deps.db, {
      unitId: grant.unitId,
      today,
      status: oneOf(query, "status", REGISTER_STATUSES),
      agreement: oneOf(query, "agreement", AGREEMENT_STATES),
      consent: oneOf(query, "consent", CONSENT_STATES),
      search: query.get("search")?.slice(0, 60) ?? undefined,
      sort: oneOf(query, "sort", REGISTER_SORTS) ?? "due",
      descending: oneOf(query, "dir", ["asc", "desc"]) === "desc",
      offset: page * size,
      limit: size,
    });
    await recordAccesses(
      deps.db,
      iinsShown(
        request,
        result.rows.map((r) => r.id),
      ),
    );
    return { today, total: result.total, page, pageSize: size, rows: result.rows };
  },
};

/** The card as the page draws it: names and texts in the person's language. */
function cardJson(card: EmployeeCard, person: WebPerson, today: string) {
  const lang = person.language;
  const { employee, training } = card;
  const last = training.lastCertificate;
  const enrolment = training.enrolment;
  return {
    employee,
    ...registerStatusOf(last?.issuedOn ?? null, today),
    lastCertificate: last && {
      number: last.number,
      issuedOn: last.issuedOn,
      provider: last.provider?.[lang] ?? null,
      academicHours: last.academicHours,
    },
    revokedCertificate: training.revokedCertificate,
    lists: { nextYear: training.nextYearList, currentYear: training.currentYearList },
    enrolment: enrolment && {
      status: enrolment.status,
      orderNumber: enrolment.orderNumber,
      orderDate: enrolment.orderDate,
      agreementConfirmedAt: enrolment.agreementConfirmedAt,
      program: enrolment.cohort.program[lang],
      provider: enrolment.cohort.provider[lang],
      startsOn: enrolment.cohort.startsOn,
      endsOn: enrolment.cohort.endsOn,
      phase: enrolment.cohort.phase,
    },
    retestsLeft: training.retestsLeft,
    consent: card.consent,
    documents: card.documents.map((d) => ({ ...d, provider: d.provider[lang] })),
    enrolments: card.enrolments.map((e) => ({
      ...e,
      program: e.program[lang],
      provider: e.provider[lang],
    })),
    fields: EDITABLE_FIELDS.map((name) => ({
      name,
      optional: FIELD_RULES[name].optional,
      max: FIELD_RULES[name].max,
    })),
  };
}

/** Another unit's employee, or none: 403, and nothing of them in the answer. */
const notYours = () => new WebError(403, "not an employee of your unit");

/** An employee's card; opening it is on record as in the chat, with the full IIN it shows. */
const card: WebRoute<DistrictGrant> = {
  method: "GET",
  path: "/employees/:employeeId",
  async handle(request) {
    const { deps, grant, person, params } = request;
    const now = deps.clock();
    const found = await employeeCard(
      deps.db,
      idOf(params.employeeId, "employeeId"),
      [grant.unitId],
      now,
    );
    if (!found) throw notYours();
    const opened: AccessEntry = {
      actor: person.telegramId,
      action: "employee.card",
      employeeId: found.employee.id,
      subject: "webapp",
      at: now,
    };
    await recordAccesses(deps.db, [opened, ...iinsShown(request, [found.employee.id])]);
    return cardJson(found, person, almatyDate(now));
  },
};

/** One field of the card, as typed, checked as the chat checks it, with the chat's words. */
const editField: WebRoute<DistrictGrant> = {
  method: "POST",
  path: "/employees/:employeeId/field",
  async handle({ deps, grant, person, params, body }) {
    const field = EDITABLE_FIELDS.find((f) => f === body.field);
    if (!field) throw new WebError(400, `field must be one of ${EDITABLE_FIELDS.join(", ")}`);
    if (body.value !== null && body.value !== undefined && typeof body.value !== "string")
      throw new WebError(400, "value must be text or null");
    const now = deps.clock();
    const edited = await editEmployeeField(deps.db, {
      employeeId: idOf(params.employeeId, "employeeId"),
      unitIds: [grant.unitId],
      field,
      typed: body.value ?? null,
      today: almatyDate(now),
      actor: person.telegramId,
      now,
    });
    if (!edited) throw notYours();
    if (!edited.ok) {
      const message =
        edited.problem === "too_long"
          ? person.t("employees.problem.too_long", { max: edited.max })
          : translateKey(person.t, `employees.problem.${edited.problem}`);
      throw new WebError(400, message, { problem: edited.problem });
    }
    return { message: person.t("employees.form.saved") };
  },
};

/** Deactivation, as the chat's «⏸»: the record and its history stay. */
const deactivate: WebRoute<DistrictGrant> = {
  method: "POST",
  path: "/employees/:employeeId/deactivate",
  async handle({ deps, grant, person, params }) {
    const done = await deactivateInUnits(deps.db, {
      employeeId: idOf(params.employeeId, "employeeId"),
      unitIds: [grant.unitId],
      actor: person.telegramId,
      now: deps.clock(),
    });
    if (!done.ok && done.reason === "out_of_scope") throw notYours();
    if (!done.ok) throw refused(person, "employees.problem", done);
    return { message: person.t("employees.deactivated") };
  },
};

export const DISTRICT_ROUTES: WebRoute<DistrictGrant>[] = [
  register,
  card,
  editField,
  deactivate,
  ...DISTRICT_LIST_ROUTES,
];
