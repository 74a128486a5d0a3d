// Next year's lists in the bot. A district coordinator sees the proposed list,
// removes (with a reason) or adds people, submits it (items 7). A regional
// coordinator reviews the district lists — accept, or return with a reason — and
// approves the consolidated list (item 8), after which changes are amendments.
import { Composer, type Context, InlineKeyboard, InputFile } from "grammy";
import type { Language } from "../../../db/types.js";
import { type ListDocument, renderListPdf, renderListXlsx } from "../../documents/index.js";
import { escapeHtml, translateKey } from "../../i18n/index.js";
import {
  almatyDate,
  daysUntilDeadline,
  formatDate,
  listDeadline,
  listYearFor,
} from "../../rules/index.js";
import { recordAccess } from "../../services/access-log.js";
import { searchEmployees } from "../../services/employees.js";
import {
  acceptList,
  addEntry,
  approveConsolidated,
  districtListsOfRegion,
  type EntryView,
  entriesOf,
  type ListInfo,
  listById,
  openList,
  removeEntry,
  returnList,
  submitList,
} from "../../services/lists.js";
import { doneBy } from "../../services/outcome.js";
import { grantKey } from "../../services/people.js";
import type { BotContext } from "../context.js";
import { askText, type Convo, conversationTranslator } from "../conversations/steps.js";
import { addPager, callbackData } from "../keyboards.js";
import { doneByText, refusalText } from "../refusal.js";
import { deny, regionalGrant, type UnitGrant, unitGrant } from "./unit-scope.js";

export const LIST_REASON = "list-reason";
const PAGE_SIZE = 10;

export const listsFeature = new Composer<BotContext>();

const kindOf = (grant: UnitGrant) =>
  grant.role === "district_coordinator" ? "district" : "regional";

/** The grant's own list of the coming year (created from the rules on first use). */
function ownList(ctx: BotContext, grant: UnitGrant): Promise<ListInfo> {
  const now = ctx.deps.clock();
  return openList(
    ctx.deps.db,
    grant.unitId,
    listYearFor(now),
    kindOf(grant),
    ctx.from?.id ?? 0,
    now,
  );
}

/** The lists a grant's list screens show: a district's own; a region's own plus accepted district lists. */
async function listsInView(ctx: BotContext, grant: UnitGrant, list: ListInfo): Promise<number[]> {
  if (grant.role === "district_coordinator") return [list.id];
  const districts = await districtListsOfRegion(ctx.deps.db, grant.unitId, list.year);
  return [list.id, ...districts.flatMap((d) => (d.list?.status === "accepted" ? [d.list.id] : []))];
}

function statusText(ctx: BotContext, list: ListInfo): string {
  const status = ctx.t(`lists.status.${list.status}`);
  return list.late ? `${status} (${ctx.t("lists.late")})` : status;
}

listsFeature.callbackQuery(/^ls:(\w+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  await ctx.answerCallbackQuery();
  await showListScreen(ctx, grant);
});

export async function showListScreen(ctx: BotContext, grant: UnitGrant): Promise<void> {
  const list = await ownList(ctx, grant);
  const key = grantKey(grant);
  const now = ctx.deps.clock();
  const kind = kindOf(grant);
  const entries = await entriesOf(ctx.deps.db, await listsInView(ctx, grant, list));
  const days = daysUntilDeadline(kind, list.year, now);
  const lines = [
    ctx.t(`lists.title_${kind}`, { year: list.year, unit: escapeHtml(grant.scopeName[ctx.lang]) }),
    ctx.t("lists.status_line", { status: statusText(ctx, list) }),
    ctx.t("lists.count", { count: entries.length }),
    ctx.t(days >= 0 ? "lists.deadline" : "lists.deadline_passed", {
      date: formatDate(listDeadline(kind, list.year)),
      days: Math.abs(days),
    }),
  ];
  if (list.status === "returned" && list.returnReason) {
    lines.push(ctx.t("lists.returned_reason", { reason: escapeHtml(list.returnReason) }));
  }
  const keyboard = new InlineKeyboard()
    .text(ctx.t("lists.entries_button"), callbackData("lsv", key, 0))
    .row();
  const editable = list.status === "draft" || list.status === "returned";
  if (editable || list.status === "approved")
    keyboard.text(ctx.t("lists.add_button"), callbackData("lsa", key, 0)).row();
  if (kind === "district" && editable)
    keyboard.text(ctx.t("lists.submit_button"), callbackData("lss", key)).row();
  if (kind === "regional") {
    keyboard.text(ctx.t("lists.districts_button"), callbackData("rd", key)).row();
    if (list.status === "draft")
      keyboard.text(ctx.t("lists.approve_button"), callbackData("rca", key)).row();
  }
  keyboard
    .text("PDF", callbackData("lsd", key, list.id, "p"))
    .text("XLSX", callbackData("lsd", key, list.id, "x"))
    .row();
  keyboard.text(ctx.t("menu.back"), `m:${key}`);
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
}

function reasonText(ctx: BotContext, entry: EntryView): string {
  return ctx.t(`lists.reason.${entry.reason}`, {
    date: entry.dueOn ? formatDate(entry.dueOn) : "",
  });
}

listsFeature.callbackQuery(/^lsv:(\w+):(\d+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  await ctx.answerCallbackQuery();
  const list = await ownList(ctx, grant);
  const entries = await entriesOf(ctx.deps.db, await listsInView(ctx, grant, list));
  const pageCount = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const page = Math.min(Number(ctx.match[2]), pageCount - 1);
  const shown = entries.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const key = grantKey(grant);
  // Own entries can be removed while the list is open; anything, as an amendment, once approved.
  const removable = (e: EntryView) =>
    list.status === "approved" ||
    ((list.status === "draft" || list.status === "returned") && e.unitId === grant.unitId);
  const keyboard = new InlineKeyboard();
  shown.forEach((entry, index) => {
    if (removable(entry))
      keyboard.text(`✖ ${page * PAGE_SIZE + index + 1}`, callbackData("lsr", key, entry.entryId));
    if (index % 5 === 4) keyboard.row();
  });
  addPager(keyboard.row(), { page, pageCount }, (p) => callbackData("lsv", key, p));
  keyboard.row().text(ctx.t("menu.back"), callbackData("ls", key));
  const lines = shown.map((e, index) =>
    ctx.t("lists.entry_line", {
      n: page * PAGE_SIZE + index + 1,
      name: escapeHtml(e.fullName),
      reason: reasonText(ctx, e),
    }),
  );
  await ctx.reply([ctx.t("lists.entries_title", { count: entries.length }), ...lines].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
});

listsFeature.callbackQuery(/^lsr:(\w+):(\d+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  const list = await ownList(ctx, grant);
  const entryId = Number(ctx.match[2]);
  const inView = await entriesOf(ctx.deps.db, await listsInView(ctx, grant, list));
  if (!inView.some((e) => e.entryId === entryId)) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(LIST_REASON, grantKey(grant), "remove", entryId);
});

listsFeature.callbackQuery(/^lsa:(\w+):(\d+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  await ctx.answerCallbackQuery();
  const list = await ownList(ctx, grant);
  const onList = new Set(
    (await entriesOf(ctx.deps.db, await listsInView(ctx, grant, list))).map((e) => e.employeeId),
  );
  const all = await searchEmployees(ctx.deps.db, [grant.unitId], { offset: 0, limit: 10_000 });
  const candidates = all.items.filter((e) => !onList.has(e.id));
  const pageCount = Math.max(1, Math.ceil(candidates.length / PAGE_SIZE));
  const page = Math.min(Number(ctx.match[2]), pageCount - 1);
  const key = grantKey(grant);
  const keyboard = new InlineKeyboard();
  for (const e of candidates.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE)) {
    keyboard.text([e.lastName, e.firstName].join(" "), callbackData("lsad", key, e.id)).row();
  }
  addPager(keyboard, { page, pageCount }, (p) => callbackData("lsa", key, p));
  keyboard.row().text(ctx.t("menu.back"), callbackData("ls", key));
  await ctx.reply(ctx.t(candidates.length ? "lists.add_pick" : "lists.add_none"), {
    reply_markup: keyboard,
  });
});

listsFeature.callbackQuery(/^lsad:(\w+):(\d+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  const employeeId = Number(ctx.match[2]);
  const all = grant
    ? await searchEmployees(ctx.deps.db, [grant.unitId], { offset: 0, limit: 10_000 })
    : undefined;
  if (!grant || !all?.items.some((e) => e.id === employeeId)) return deny(ctx);
  await ctx.answerCallbackQuery();
  const list = await ownList(ctx, grant);
  if (list.status === "approved") {
    await ctx.conversation.enter(LIST_REASON, grantKey(grant), "amend_add", employeeId);
    return;
  }
  const result = await addEntry(ctx.deps.db, {
    listId: list.id,
    employeeId,
    note: null,
    actor: ctx.from.id,
    now: ctx.deps.clock(),
  });
  await ctx.reply(ctx.t(result.ok ? "lists.added" : `lists.refused.${result.reason}`));
});

listsFeature.callbackQuery(/^lss:(\w+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  if (grant?.role !== "district_coordinator") return deny(ctx);
  await ctx.answerCallbackQuery();
  const list = await ownList(ctx, grant);
  const submitted = await submitList(
    ctx.deps.db,
    list.id,
    list.year,
    ctx.from.id,
    ctx.deps.clock(),
  );
  const back = backTo(ctx, callbackData("ls", grantKey(grant)));
  if (!submitted.ok) {
    await ctx.reply(refusalText(ctx, "lists.refused", submitted), {
      parse_mode: "HTML",
      reply_markup: back,
    });
    return;
  }
  const { late, count } = submitted.list;
  await ctx.reply(ctx.t(late ? "lists.submitted_late" : "lists.submitted", { count }), {
    reply_markup: back,
  });
});

/** A single "back" button to the screen the person came from. */
function backTo(ctx: BotContext, data: string) {
  return new InlineKeyboard().text(ctx.t("menu.back"), data);
}

listsFeature.callbackQuery(/^rca:(\w+)$/, async (ctx) => {
  const grant = regionalGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  await ctx.answerCallbackQuery();
  const list = await ownList(ctx, grant);
  const districts = await districtListsOfRegion(ctx.deps.db, grant.unitId, list.year);
  const approved = await approveConsolidated(
    ctx.deps.db,
    list.id,
    list.year,
    ctx.from.id,
    ctx.deps.clock(),
  );
  const back = backTo(ctx, callbackData("ls", grantKey(grant)));
  if (!approved.ok) {
    await ctx.reply(refusalText(ctx, "lists.refused", approved), {
      parse_mode: "HTML",
      reply_markup: back,
    });
    return;
  }
  const pending = districts
    .filter((d) => d.list?.status !== "accepted")
    .map((d) => d.name[ctx.lang]);
  const total = (await entriesOf(ctx.deps.db, await listsInView(ctx, grant, approved.list))).length;
  await ctx.reply(
    [
      ctx.t(approved.list.late ? "lists.approved_late" : "lists.approved", { count: total }),
      pending.length
        ? ctx.t("lists.approved_without", { districts: escapeHtml(pending.join(", ")) })
        : "",
    ]
      .filter(Boolean)
      .join("\n"),
    { parse_mode: "HTML", reply_markup: back },
  );
});

/** Regional: each district's list of the coming year at a glance. */
listsFeature.callbackQuery(/^rd:(\w+)$/, async (ctx) => {
  const grant = regionalGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  await ctx.answerCallbackQuery();
  const year = listYearFor(ctx.deps.clock());
  const districts = await districtListsOfRegion(ctx.deps.db, grant.unitId, year);
  const key = grantKey(grant);
  const keyboard = new InlineKeyboard();
  const lines = districts.map((d) => {
    if (d.list && d.list.status !== "draft")
      keyboard.text(d.name[ctx.lang], callbackData("rdv", key, d.list.id)).row();
    const status = d.list ? statusText(ctx, d.list) : ctx.t("lists.not_started");
    return ctx.t("lists.district_line", {
      name: escapeHtml(d.name[ctx.lang]),
      status,
      count: d.list?.count ?? 0,
    });
  });
  keyboard.text(ctx.t("menu.back"), callbackData("ls", key));
  await ctx.reply([ctx.t("lists.districts_title", { year }), ...lines].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
});

/** A district list of the coordinator's region, if it is one. */
async function districtListInRegion(ctx: BotContext, listId: number, regionId: number) {
  const list = await listById(ctx.deps.db, listId);
  if (list?.kind !== "district") return undefined;
  const unit = await ctx.deps.db
    .selectFrom("units")
    .select(["parent_id", "name_kk", "name_ru"])
    .where("id", "=", list.unitId)
    .executeTakeFirst();
  return unit?.parent_id === regionId
    ? { list, name: { kk: unit.name_kk, ru: unit.name_ru } }
    : undefined;
}

listsFeature.callbackQuery(/^rdv:(\w+):(\d+)$/, async (ctx) => {
  const grant = regionalGrant(ctx, ctx.match[1] ?? "");
  const found = grant && (await districtListInRegion(ctx, Number(ctx.match[2]), grant.unitId));
  if (!grant || !found) return deny(ctx);
  await ctx.answerCallbackQuery();
  const { list, name } = found;
  const entries = await entriesOf(ctx.deps.db, [list.id]);
  const key = grantKey(grant);
  const lines = [
    ctx.t("lists.title_district", { year: list.year, unit: escapeHtml(name[ctx.lang]) }),
    ctx.t("lists.status_line", { status: statusText(ctx, list) }),
    ...entries.slice(0, 40).map((e, i) =>
      ctx.t("lists.entry_line", {
        n: i + 1,
        name: escapeHtml(e.fullName),
        reason: reasonText(ctx, e),
      }),
    ),
  ];
  if (entries.length > 40) lines.push(ctx.t("lists.more_in_file", { count: entries.length - 40 }));
  const keyboard = new InlineKeyboard();
  if (list.status === "submitted") {
    keyboard
      .text(ctx.t("lists.accept_button"), callbackData("rda", key, list.id))
      .text(ctx.t("lists.return_button"), callbackData("rdr", key, list.id))
      .row();
  }
  keyboard
    .text("PDF", callbackData("lsd", key, list.id, "p"))
    .text("XLSX", callbackData("lsd", key, list.id, "x"))
    .row();
  keyboard.text(ctx.t("menu.back"), callbackData("rd", key));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

listsFeature.callbackQuery(/^rda:(\w+):(\d+)$/, async (ctx) => {
  const grant = regionalGrant(ctx, ctx.match[1] ?? "");
  const found = grant && (await districtListInRegion(ctx, Number(ctx.match[2]), grant.unitId));
  if (!grant || !found) return deny(ctx);
  const accepted = await acceptList(ctx.deps.db, found.list.id, ctx.from.id, ctx.deps.clock());
  await ctx.answerCallbackQuery();
  await ctx.reply(
    accepted.ok
      ? ctx.t("lists.accepted", { unit: escapeHtml(found.name[ctx.lang]) })
      : refusalText(ctx, "lists.refused", accepted),
    { parse_mode: "HTML", reply_markup: backTo(ctx, callbackData("rd", grantKey(grant))) },
  );
});

listsFeature.callbackQuery(/^rdr:(\w+):(\d+)$/, async (ctx) => {
  const grant = regionalGrant(ctx, ctx.match[1] ?? "");
  const found = grant && (await districtListInRegion(ctx, Number(ctx.match[2]), grant.unitId));
  if (!grant || !found) return deny(ctx);
  await ctx.answerCallbackQuery();
  if (found.list.status !== "submitted") {
    // A stale button: the list was decided meanwhile, perhaps by another coordinator.
    const { actor, at } = found.list.lastMove;
    const done = await doneBy(ctx.deps.db, actor, at);
    await ctx.reply(done ? doneByText(ctx, done) : ctx.t("lists.refused.decided"), {
      parse_mode: "HTML",
      reply_markup: backTo(ctx, callbackData("rd", grantKey(grant))),
    });
    return;
  }
  await ctx.conversation.enter(LIST_REASON, grantKey(grant), "return", found.list.id);
});

listsFeature.callbackQuery(/^lsd:(\w+):(\d+):([px])$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  const listId = Number(ctx.match[2]);
  const document = grant && (await listDocument(ctx, grant, listId));
  if (!grant || !document) return deny(ctx);
  await ctx.answerCallbackQuery();
  const pdf = ctx.match[3] === "p";
  const bytes = pdf
    ? await renderListPdf(document, ctx.lang)
    : await renderListXlsx(document, ctx.lang);
  const title = ctx.t(`lists.file_${document.kind}`, {
    year: document.year,
    unit: document.unitName,
  });
  const name = `${title}.${pdf ? "pdf" : "xlsx"}`;
  await ctx.replyWithDocument(new InputFile(bytes, name));
  await recordAccess(ctx.deps.db, {
    actor: ctx.from.id,
    action: "list.download",
    subject: `list:${listId}:${pdf ? "pdf" : "xlsx"}`,
    at: ctx.deps.clock(),
  });
});

/** The list as a document, if the grant may see it: its own, or (regional) a district list of its region. */
async function listDocument(
  ctx: BotContext,
  grant: UnitGrant,
  listId: number,
): Promise<ListDocument | undefined> {
  const own = await ownList(ctx, grant);
  const lang: Language = ctx.lang;
  if (listId === own.id) {
    const entries = await entriesOf(ctx.deps.db, await listsInView(ctx, grant, own));
    return buildDocument(ctx, own, grant.scopeName[lang], entries, grant.unitId);
  }
  if (grant.role !== "regional_coordinator") return undefined;
  const found = await districtListInRegion(ctx, listId, grant.unitId);
  if (!found) return undefined;
  return buildDocument(
    ctx,
    found.list,
    found.name[lang],
    await entriesOf(ctx.deps.db, [found.list.id]),
    found.list.unitId,
  );
}

async function buildDocument(
  ctx: BotContext,
  list: ListInfo,
  unitName: string,
  entries: EntryView[],
  ownUnitId: number,
): Promise<ListDocument> {
  const units = await ctx.deps.db
    .selectFrom("units")
    .select(["id", "name_kk", "name_ru"])
    .where("id", "in", [ownUnitId, ...entries.map((e) => e.unitId)])
    .execute();
  const nameOf = new Map(units.map((u) => [u.id, ctx.lang === "kk" ? u.name_kk : u.name_ru]));
  const groups = [...new Set(entries.map((e) => e.unitId))]
    .sort((a, b) =>
      a === ownUnitId
        ? 1
        : b === ownUnitId
          ? -1
          : (nameOf.get(a) ?? "").localeCompare(nameOf.get(b) ?? ""),
    )
    .map((unitId) => ({
      name: list.kind === "regional" && unitId === ownUnitId ? null : (nameOf.get(unitId) ?? ""),
      rows: entries
        .filter((e) => e.unitId === unitId)
        .map((e) => ({
          fullName: e.fullName,
          iin: e.iin,
          position: e.position,
          reason: e.reason,
          dueOn: e.dueOn,
        })),
    }));
  const statusDate = list.approvedAt ?? list.submittedAt;
  return {
    kind: list.kind,
    year: list.year,
    unitName,
    status: list.status,
    late: list.late,
    statusDate: statusDate ? almatyDate(statusDate) : null,
    groups,
    // The Rules ask for no IIN in the lists (items 7–8): the least IIN in a file (Law No. 94-V).
    showFullIin: false,
  };
}

/**
 * Asks for the reason of a change that needs one: removing someone from a list,
 * returning a district list, or amending an approved consolidated list.
 */
export async function listReason(
  conversation: Convo,
  ctx: Context,
  key: string,
  action: "remove" | "return" | "amend_add",
  targetId: number,
): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  const reason =
    (await askText(conversation, ctx, t, t(`lists.ask_reason_${action}`), { max: 500 })) ?? "";
  const answer = await conversation.external((outside) =>
    applyWithReason(outside, key, action, targetId, reason),
  );
  await ctx.reply(answer, {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text(
      t("menu.back"),
      callbackData(action === "return" ? "rd" : "ls", key),
    ),
  });
}

async function applyWithReason(
  ctx: BotContext,
  key: string,
  action: "remove" | "return" | "amend_add",
  targetId: number,
  reason: string,
) {
  const grant = unitGrant(ctx, key);
  if (!grant) return ctx.t("errors.no_access");
  const { db, clock } = ctx.deps;
  const actor = ctx.from?.id ?? 0;
  if (action === "return") {
    const found =
      grant.role === "regional_coordinator"
        ? await districtListInRegion(ctx, targetId, grant.unitId)
        : undefined;
    if (!found) return ctx.t("errors.no_access");
    const returned = await returnList(db, found.list.id, reason, actor, clock());
    return returned.ok ? ctx.t("lists.returned") : refusalText(ctx, "lists.refused", returned);
  }
  const list = await ownList(ctx, grant);
  const amendment = list.status === "approved";
  if (action === "amend_add") {
    const result = await addEntry(db, {
      listId: list.id,
      employeeId: targetId,
      note: reason,
      actor,
      now: clock(),
      amendment,
    });
    return ctx.t(result.ok ? "lists.amended" : `lists.refused.${result.reason}`);
  }
  const entries = await entriesOf(db, await listsInView(ctx, grant, list));
  const entry = entries.find((e) => e.entryId === targetId);
  if (!entry) return ctx.t("errors.no_access");
  const holder = await db
    .selectFrom("list_entries")
    .select("list_id")
    .where("id", "=", targetId)
    .executeTakeFirstOrThrow();
  const result = await removeEntry(db, {
    listId: holder.list_id,
    entryId: targetId,
    reason,
    actor,
    now: clock(),
    amendment,
  });
  return ctx.t(
    result.ok ? (amendment ? "lists.amended" : "lists.removed") : `lists.refused.${result.reason}`,
  );
}
