// The regional coordinator's lists (items 7, 8): the district lists board (accept or
// return a district's list, take in one accepted after approval), a district list's
// file, and the consolidated list as a table (approve; after approval amendments
// only, each with a reason). The same services as the chat's list screens.
import type { ListEntryReason } from "../../../db/types.js";
import { renderListPdf, renderListXlsx } from "../../documents/index.js";
import { canAmendList, formatDate, otherListYear, reachableListYears } from "../../rules/index.js";
import { recordAccess, recordAccesses } from "../../services/access-log.js";
import {
  addToOwnList,
  approveOwnConsolidated,
  districtListInRegion,
  listCandidates,
  listDocumentFor,
  removeFromOwnList,
  takeInLateList,
} from "../../services/coordinator-lists.js";
import { acceptList, returnList } from "../../services/district-lists.js";
import { lateDistrictLists } from "../../services/list-amendment-views.js";
import { entriesOf } from "../../services/lists.js";
import { consolidatedTable, districtBoard } from "../../services/region-tables.js";
import { cleanLine, textLength } from "../../services/text.js";
import { plainText, refused } from "../refusals.js";
import { idOf, WebError, type WebPerson, type WebRoute } from "../web-route.js";
import {
  actOf,
  formatOf,
  MIME,
  OUT_OF_SCOPE,
  pageOf,
  type RegionGrant,
  type RegionRequest,
  say,
  textOf,
  yearOf,
} from "./region-common.js";

const PAGE_SIZE = 50;
const REASON_MAX = 500;
const REASONS: ListEntryReason[] = [
  "overdue",
  "due",
  "never_trained",
  "retest",
  "added_by_coordinator",
];

function statusText(person: WebPerson, list: { status: string; late: boolean }): string {
  const status = say(person, `lists.status.${list.status}`);
  return list.late ? `${status} (${say(person, "lists.late")})` : status;
}

/** The district list a path names, if it is one of the grant's region; else 403. */
async function districtList(request: RegionRequest) {
  const found = await districtListInRegion(
    request.deps.db,
    idOf(request.params.listId, "list"),
    request.grant.unitId,
  );
  if (!found) throw new WebError(403, OUT_OF_SCOPE);
  return found;
}

/** Item 7: each district with its list of the year, against the deadlines. */
const board: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/lists",
  async handle(request) {
    const { deps, grant, person, query } = request;
    const year = await yearOf(request, query.get("year"));
    const found = await districtBoard(deps.db, grant, { ...actOf(request), year });
    if (!found) throw new WebError(409, person.t("lists.closed", { year }));
    const lang = person.language;
    return {
      year,
      years: reachableListYears(deps.clock()),
      otherYear: otherListYear(year, deps.clock()),
      districtDeadline: found.districtDeadline,
      regionalDeadline: found.regionalDeadline,
      consolidated: { ...found.consolidated, statusText: statusText(person, found.consolidated) },
      districts: found.districts.map((d) => ({
        unitId: d.unitId,
        name: d.name[lang],
        overdue: d.overdue,
        list: d.list && {
          ...d.list,
          statusText: statusText(person, d.list),
          statusName: say(person, `lists.status.${d.list.status}`),
        },
      })),
    };
  },
};

/** Item 7: the region accepts a district's list (refused when decided meanwhile, with who and when). */
const accept: WebRoute<RegionGrant> = {
  method: "POST",
  path: "/lists/:listId/accept",
  async handle(request) {
    const { deps, grant, person } = request;
    const found = await districtList(request);
    const { actor, now } = actOf(request);
    const accepted = await acceptList(deps.db, found.list.id, actor, now);
    if (!accepted.ok) throw refused(person, "lists.refused", accepted);
    const late = (await lateDistrictLists(deps.db, grant.unitId, found.list.year)).find(
      (l) => l.listId === found.list.id,
    );
    const lines = [person.t("lists.accepted", { unit: found.name[person.language] })];
    if (late)
      lines.push(person.t("lists.not_on_approved", { year: found.list.year, count: late.count }));
    return { message: plainText(lines.join("\n")), waitsTakeIn: Boolean(late) };
  },
};

/** Item 7: the region returns a district's list with a reason the district sees. */
const giveBack: WebRoute<RegionGrant> = {
  method: "POST",
  path: "/lists/:listId/return",
  async handle(request) {
    const { deps, person, body } = request;
    const reason = textOf(body.reason, REASON_MAX, person.t("lists.ask_reason_return"), person);
    const found = await districtList(request);
    const { actor, now } = actOf(request);
    const returned = await returnList(deps.db, found.list.id, reason, actor, now);
    if (!returned.ok) throw refused(person, "lists.refused", returned);
    return { message: plainText(person.t("lists.returned")) };
  },
};

/** Item 8: a district list accepted after approval joins the approved list by an amendment. */
const takeIn: WebRoute<RegionGrant> = {
  method: "POST",
  path: "/lists/:listId/take-in",
  async handle(request) {
    const { deps, grant, person, body } = request;
    const reason = textOf(body.reason, REASON_MAX, person.t("lists.ask_reason_take_in"), person);
    const listId = idOf(request.params.listId, "list");
    const taken = await takeInLateList(deps.db, grant.unitId, {
      ...actOf(request),
      listId,
      reason,
    });
    if (!taken.ok && taken.reason === "out_of_scope") throw new WebError(403, OUT_OF_SCOPE);
    if (!taken.ok) throw refused(person, "lists.refused", taken);
    return { message: plainText(person.t("lists.taken_in", { count: taken.added })) };
  },
};

/** Item 7: a district list's people, as the region reviews it before deciding; full IINs, on record. */
const entries: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/lists/:listId/entries",
  async handle(request) {
    const { deps, person } = request;
    const found = await districtList(request);
    const people = await entriesOf(deps.db, [found.list.id]);
    const at = deps.clock();
    await recordAccesses(
      deps.db,
      people.map((e) => ({
        actor: person.telegramId,
        action: "employee.iin" as const,
        employeeId: e.employeeId,
        subject: "webapp",
        at,
      })),
    );
    return {
      rows: people.map((e) => ({
        entryId: e.entryId,
        fullName: e.fullName,
        iin: e.iin,
        position: e.position,
        reasonText: say(person, `lists.reason.${e.reason}`, {
          date: e.dueOn ? formatDate(e.dueOn) : "",
        }),
      })),
    };
  },
};

/** A list as PDF or XLSX, as the chat sends it: the region's own, or a district's of the region. */
const listFile: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/lists/:listId/file/:format",
  async handle(request) {
    const { deps, grant, person, params } = request;
    const format = formatOf(params.format, ["pdf", "xlsx"]);
    const listId = idOf(params.listId, "list");
    const document = await listDocumentFor(deps.db, grant, listId, person.language);
    if (!document) throw new WebError(403, OUT_OF_SCOPE);
    const bytes =
      format === "pdf"
        ? await renderListPdf(document, person.language)
        : await renderListXlsx(document, person.language);
    const title = person.t(`lists.file_${document.kind}`, {
      year: document.year,
      unit: document.unitName,
    });
    await recordAccess(deps.db, {
      actor: person.telegramId,
      action: "list.download",
      subject: `list:${listId}:${format}`,
      at: deps.clock(),
    });
    return { file: { name: `${title}.${format}`, mimeType: MIME[format], bytes } };
  },
};

/** Item 8: the consolidated list, filtered by district and by reason; full IINs, on record. */
const consolidated: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/consolidated",
  async handle(request) {
    const { deps, grant, person, query } = request;
    const year = await yearOf(request, query.get("year"));
    const act = { ...actOf(request), year };
    const reasonAsked = query.get("reason") || undefined;
    if (reasonAsked && !REASONS.includes(reasonAsked as ListEntryReason))
      throw new WebError(400, "unknown reason");
    const page = pageOf(query);
    const district = query.get("district");
    const unitId = district ? idOf(district, "district") : undefined;
    const table = await consolidatedTable(
      deps.db,
      grant,
      act,
      { unitId, reason: reasonAsked as ListEntryReason | undefined },
      { offset: page * PAGE_SIZE, limit: PAGE_SIZE },
    );
    if (!table) throw new WebError(409, person.t("lists.closed", { year }));
    // The district asked for must be one of the region's units.
    if (unitId !== undefined && !table.units.some((u) => u.id === unitId))
      throw new WebError(403, OUT_OF_SCOPE);
    await recordAccesses(
      deps.db,
      table.entries.map((e) => ({
        actor: person.telegramId,
        action: "employee.iin" as const,
        employeeId: e.employeeId,
        subject: "webapp",
        at: act.now,
      })),
    );
    const lang = person.language;
    const unitName = new Map(table.units.map((u) => [u.id, u.name[lang]]));
    const { list } = table;
    return {
      year,
      years: reachableListYears(act.now),
      list: {
        id: list.id,
        status: list.status,
        statusText: statusText(person, list),
        count: list.count,
        canApprove: list.status === "draft",
        amendable: list.status === "approved" && canAmendList(year, act.now),
        editable: list.status === "draft",
      },
      units: table.units.map((u) => ({ id: u.id, name: u.name[lang] })),
      reasons: REASONS,
      total: table.total,
      page,
      pageSize: PAGE_SIZE,
      rows: table.entries.map((e) => ({
        entryId: e.entryId,
        employeeId: e.employeeId,
        fullName: e.fullName,
        iin: e.iin,
        position: e.position,
        unit: unitName.get(e.unitId) ?? "",
        own: e.unitId === grant.unitId,
        reason: e.reason,
        reasonText: say(person, `lists.reason.${e.reason}`, {
          date: e.dueOn ? formatDate(e.dueOn) : "",
        }),
      })),
      amendments: table.amendments.map((a) => ({
        on: a.on,
        kind: a.kind,
        fullName: a.fullName,
        unit: unitName.get(a.unitId) ?? "",
        reason: a.reason,
      })),
      lateLists: table.lateLists.map((l) => ({
        listId: l.listId,
        name: l.name[lang],
        count: l.count,
      })),
    };
  },
};

/** Item 8: the region approves its consolidated list as it stands. */
const approve: WebRoute<RegionGrant> = {
  method: "POST",
  path: "/consolidated/approve",
  async handle(request) {
    const { deps, grant, person, body } = request;
    const year = await yearOf(request, body.year ?? "");
    const approved = await approveOwnConsolidated(deps.db, grant, { ...actOf(request), year });
    if (!approved.ok && approved.reason === "closed")
      throw new WebError(409, person.t("lists.closed", { year }));
    if (!approved.ok) throw refused(person, "lists.refused", approved);
    const lines = [
      person.t(approved.list.late ? "lists.approved_late" : "lists.approved", {
        count: approved.total,
      }),
    ];
    if (approved.without.length)
      lines.push(
        person.t("lists.approved_without", {
          districts: approved.without.map((n) => n[person.language]).join(", "),
        }),
      );
    return { message: plainText(lines.join("\n")) };
  },
};

/** Employees of the region's own unit not on its list: whom "add" may put on it. */
const candidates: WebRoute<RegionGrant> = {
  method: "GET",
  path: "/consolidated/candidates",
  async handle(request) {
    const { deps, grant, query } = request;
    const year = await yearOf(request, query.get("year"));
    const page = pageOf(query);
    const found = await listCandidates(
      deps.db,
      grant,
      { ...actOf(request), year },
      { offset: page * PAGE_SIZE, limit: PAGE_SIZE },
    );
    return {
      total: found.total,
      page,
      pageSize: PAGE_SIZE,
      rows: found.items.map((e) => ({ id: e.id, fullName: `${e.lastName} ${e.firstName}` })),
    };
  },
};

/** A change refused: the list's own reasons in the chat's words. */
function changeRefused(person: WebPerson, reason: string): WebError {
  if (reason === "out_of_scope") return new WebError(403, OUT_OF_SCOPE);
  if (reason === "needs_reason") return new WebError(400, person.t("lists.ask_reason_amend_add"));
  return new WebError(409, say(person, `lists.refused.${reason}`), { reason });
}

/** Puts a person of the region's own unit on the list; once approved, an amendment with a reason. */
const add: WebRoute<RegionGrant> = {
  method: "POST",
  path: "/consolidated/add",
  async handle(request) {
    const { deps, grant, person, body } = request;
    const year = await yearOf(request, body.year ?? "");
    const employeeId = idOf(body.employeeId, "employee");
    const given = typeof body.reason === "string" ? cleanLine(body.reason) : "";
    if (textLength(given) > REASON_MAX)
      throw new WebError(400, person.t("webapp_region.errors.too_long", { max: REASON_MAX }));
    const added = await addToOwnList(deps.db, grant, {
      ...actOf(request),
      year,
      employeeId,
      reason: given || null,
    });
    if (!added.ok) throw changeRefused(person, added.reason);
    return { message: plainText(person.t(added.amendment ? "lists.amended" : "lists.added")) };
  },
};

/** Takes a person off the list with a reason; once approved, as an amendment. */
const remove: WebRoute<RegionGrant> = {
  method: "POST",
  path: "/consolidated/remove",
  async handle(request) {
    const { deps, grant, person, body } = request;
    const year = await yearOf(request, body.year ?? "");
    const entryId = idOf(body.entryId, "entry");
    const reason = textOf(body.reason, REASON_MAX, person.t("lists.ask_reason_remove"), person);
    const removed = await removeFromOwnList(deps.db, grant, {
      ...actOf(request),
      year,
      entryId,
      reason,
    });
    if (!removed.ok) throw changeRefused(person, removed.reason);
    return { message: plainText(person.t(removed.amendment ? "lists.amended" : "lists.removed")) };
  },
};

export const REGION_LIST_ROUTES: WebRoute<RegionGrant>[] = [
  board,
  accept,
  giveBack,
  takeIn,
  entries,
  listFile,
  consolidated,
  approve,
  candidates,
  add,
  remove,
];
