// The admin's tables: the national overview (item 6, each region with its districts
// added up) with the chat's compliance chart as an image, and the access log
// (who read whose personal data) filtered by period, employee and actor, paged.
import { complianceChartPng } from "../../charts/compliance-chart.js";
import { translateKey } from "../../i18n/index.js";
import { addDays, almatyDate, DAY_MS, startOfAlmatyDay } from "../../rules/index.js";
import { accessLog, employeesMatching } from "../../services/access-log.js";
import { nationalCompliance } from "../../services/compliance.js";
import { shortName } from "../../services/employee-directory.js";
import { nationalOverview, totalOf } from "../../services/overview.js";
import { loadPage } from "../../services/paging.js";
import type { RoleGrant } from "../../services/people.js";
import { dateOf, oneOf, pageOf, sizeOf } from "../params.js";
import { idOf, WebError, type WebRoute } from "../web-route.js";

type Grant = Extract<RoleGrant, { role: "admin" }>;

const PAGE_SIZE = 50;

/** Each region with its counts (KATO order) and the country's total. */
const overview: WebRoute<Grant> = {
  method: "GET",
  path: "/overview",
  async handle({ deps, person }) {
    const now = deps.clock();
    const lines = await nationalOverview(deps.db, now);
    return {
      today: almatyDate(now),
      rows: lines.map((l) => ({
        unitId: l.unitId,
        name: l.name[person.language],
        counts: l.counts,
      })),
      total: totalOf(lines),
    };
  },
};

/** The chat's chart of the same figures (bot/charts/compliance-chart.ts), as a PNG. */
const chart: WebRoute<Grant> = {
  method: "GET",
  path: "/overview.png",
  async handle({ deps, person }) {
    const now = deps.clock();
    const today = almatyDate(now);
    const png = complianceChartPng({
      rows: await nationalCompliance(deps.db, now),
      title: person.t("charts.national_title"),
      today,
      language: person.language,
    });
    return { file: { name: `overview-${today}.png`, mimeType: "image/png", bytes: png } };
  },
};

const PERIODS = ["7", "30", "all", "custom"] as const;

/** The log's window: the last 7 or 30 days, all of it, or from one Almaty day to another. */
function periodOf(query: URLSearchParams, now: Date): { from?: Date; to?: Date } {
  const period = oneOf(query, "period", PERIODS) ?? "7";
  if (period === "all") return {};
  if (period !== "custom")
    return { from: new Date(now.getTime() - Number(period) * DAY_MS), to: undefined };
  const from = dateOf(query, "from");
  const to = dateOf(query, "to");
  if (from && to && from > to) throw new WebError(400, "from must not be after to");
  return {
    from: from ? startOfAlmatyDay(from) : undefined,
    to: to ? startOfAlmatyDay(addDays(to, 1)) : undefined,
  };
}

/** A page of the access log, newest first, with the chat's words for each read. */
const log: WebRoute<Grant> = {
  method: "GET",
  path: "/access-log",
  async handle({ deps, person, query }) {
    const employee = query.get("employee");
    const actor = query.get("actor");
    const filter = {
      kind: "all" as const,
      ...periodOf(query, deps.clock()),
      employeeId: employee ? idOf(employee, "employee") : undefined,
      telegramId: actor ? idOf(actor, "actor") : undefined,
    };
    const size = sizeOf(query, PAGE_SIZE);
    const found = await loadPage((range) => accessLog(deps.db, filter, range), pageOf(query), size);
    return {
      total: found.total,
      page: found.page,
      pageSize: size,
      rows: found.items.map((entry) => ({
        at: entry.at,
        action: entry.action,
        actionText: translateKey(person.t, `privacy.log.action.${entry.action.replace(".", "_")}`, {
          whom: entry.employee ? shortName(entry.employee) : "—",
          subject: entry.subject ?? "",
        }),
        actorId: entry.actorId,
        actorName: entry.actorName || person.t("privacy.log.system"),
        employee: entry.employee && { id: entry.employee.id, name: shortName(entry.employee) },
      })),
    };
  },
};

/** Employees for the log's "by employee" filter: an exact IIN or a surname prefix, anywhere. */
const employees: WebRoute<Grant> = {
  method: "GET",
  path: "/employees",
  async handle({ deps, query }) {
    const search = (query.get("search") ?? "").trim().slice(0, 60);
    if (!search) return { rows: [] };
    const found = await employeesMatching(deps.db, search, 10);
    return { rows: found.map((e) => ({ id: e.id, name: shortName(e) })) };
  },
};

export const ADMIN_ROUTES: WebRoute<Grant>[] = [overview, chart, log, employees];
