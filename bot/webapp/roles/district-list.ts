// The district's list of the coming year in the tables (item 7: sent to the region by
// 1 November): the list of a year the chat's screens reach, its people, adding from
// the register, removing with a reason, sending it — through the chat's services,
// with the chat's texts and refusals ("already done by X at T").
import { translateKey } from "../../i18n/index.js";
import { daysUntilDeadline, listDeadline, otherListYear } from "../../rules/index.js";
import {
  addToOwnList,
  defaultYearOf,
  listCandidates,
  ownList,
  ownListView,
  removeFromOwnList,
} from "../../services/coordinator-lists.js";
import { submitList } from "../../services/district-lists.js";
import { loadPage } from "../../services/paging.js";
import type { RoleGrant } from "../../services/people.js";
import { lineOf, pageOf, sizeOf, yearOf } from "../params.js";
import { plainText, refused } from "../refusals.js";
import { idOf, WebError, type WebPerson, type WebRequest, type WebRoute } from "../web-route.js";

type DistrictGrant = Extract<RoleGrant, { role: "district_coordinator" }>;

const PAGE_SIZE = 50;
/** A reason is a line, as the chat asks for it (lists/reason.ts). */
const REASON_MAX = 500;

/** Who acts and on which year's list: the one asked for, else the one the chat opens on. */
async function actOf({ deps, grant, person }: WebRequest<DistrictGrant>, asked: unknown) {
  const now = deps.clock();
  const year = yearOf(asked) ?? (await defaultYearOf(deps.db, grant, now));
  return { actor: person.telegramId, now, year };
}

/** A year the screens no longer reach: the chat's words. */
const closed = (person: WebPerson, year: number) =>
  new WebError(409, plainText(person.t("lists.closed", { year })), { reason: "closed" });

const notYours = () => new WebError(403, "not on your unit's list");

/** The list of the year: its status, deadline and people, a page of them. */
const list: WebRoute<DistrictGrant> = {
  method: "GET",
  path: "/list",
  async handle(request) {
    const { deps, grant, person, query } = request;
    const act = await actOf(request, query.get("year"));
    const view = await ownListView(deps.db, grant, act);
    if (!view) throw closed(person, act.year);
    const size = sizeOf(query, PAGE_SIZE);
    const entries = await loadPage(
      async (range) => ({
        total: view.entries.length,
        items: view.entries.slice(range.offset, range.offset + range.limit),
      }),
      pageOf(query),
      size,
    );
    const { list } = view;
    return {
      year: list.year,
      otherYear: otherListYear(list.year, act.now),
      unit: grant.scopeName[person.language],
      status: list.status,
      late: list.late,
      returnReason: list.returnReason,
      submittedAt: list.submittedAt,
      deadline: listDeadline("district", list.year),
      daysLeft: daysUntilDeadline("district", list.year, act.now),
      editable: list.status === "draft" || list.status === "returned",
      total: entries.total,
      page: entries.page,
      pageSize: size,
      // No IIN: the Rules ask for none in the lists (items 7–8), and the files show none.
      rows: entries.items.map((e) => ({
        entryId: e.entryId,
        employeeId: e.employeeId,
        fullName: e.fullName,
        position: e.position,
        reason: e.reason,
        dueOn: e.dueOn,
      })),
    };
  },
};

/** The unit's active employees on no list of the year yet: whom «Add» may put on it. */
const candidates: WebRoute<DistrictGrant> = {
  method: "GET",
  path: "/list/candidates",
  async handle(request) {
    const { deps, grant, query } = request;
    const act = await actOf(request, query.get("year"));
    const size = sizeOf(query, PAGE_SIZE);
    const found = await loadPage(
      (range) => listCandidates(deps.db, grant, act, range),
      pageOf(query),
      size,
    );
    return {
      year: act.year,
      total: found.total,
      page: found.page,
      pageSize: size,
      rows: found.items,
    };
  },
};

/** A change's refusal: outside the unit 403, a closed year or the list's own reason 409. */
function changeRefused(person: WebPerson, year: number, reason: string): WebError {
  if (reason === "out_of_scope") return notYours();
  if (reason === "closed") return closed(person, year);
  return refused(person, "lists.refused", { reason });
}

const add: WebRoute<DistrictGrant> = {
  method: "POST",
  path: "/list/add",
  async handle(request) {
    const { deps, grant, person, body } = request;
    const act = await actOf(request, body.year);
    const added = await addToOwnList(deps.db, grant, {
      ...act,
      employeeId: idOf(body.employeeId, "employeeId"),
      reason: null,
    });
    if (!added.ok) {
      // Only an approved (consolidated) list asks for a reason; a district's never is.
      if (added.reason === "needs_reason")
        throw new WebError(400, plainText(person.t("lists.ask_reason_amend_add")));
      throw changeRefused(person, act.year, added.reason);
    }
    return { message: person.t(added.amendment ? "lists.amended" : "lists.added") };
  },
};

/** Taking someone off the list needs a reason, as in the chat. */
const remove: WebRoute<DistrictGrant> = {
  method: "POST",
  path: "/list/remove",
  async handle(request) {
    const { deps, grant, person, body } = request;
    const reason = lineOf(
      body.reason,
      REASON_MAX,
      person.t("employees.problem.too_long", { max: REASON_MAX }),
    );
    if (!reason) throw new WebError(400, person.t("lists.ask_reason_remove"), { reason: "reason" });
    const act = await actOf(request, body.year);
    const removed = await removeFromOwnList(deps.db, grant, {
      ...act,
      entryId: idOf(body.entryId, "entryId"),
      reason,
    });
    if (!removed.ok) throw changeRefused(person, act.year, removed.reason);
    return { message: person.t(removed.amendment ? "lists.amended" : "lists.removed") };
  },
};

/** Item 7: the list goes to the region; after 1 November it is marked late. */
const submit: WebRoute<DistrictGrant> = {
  method: "POST",
  path: "/list/submit",
  async handle(request) {
    const { deps, grant, person, body } = request;
    const act = await actOf(request, body.year);
    const own = await ownList(deps.db, grant, act);
    if (!own) throw closed(person, act.year);
    const submitted = await submitList(deps.db, own.id, own.year, act.actor, act.now);
    if (!submitted.ok) throw refused(person, "lists.refused", submitted);
    const { late, count } = submitted.list;
    return {
      message: translateKey(person.t, late ? "lists.submitted_late" : "lists.submitted", {
        count,
      }),
    };
  },
};

export const DISTRICT_LIST_ROUTES: WebRoute<DistrictGrant>[] = [
  list,
  candidates,
  add,
  remove,
  submit,
];
