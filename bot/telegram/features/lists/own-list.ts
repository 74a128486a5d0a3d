// A coordinator's own list of the current or the coming year (rules/list-years.ts):
// the screen, named by its year, with a button to the other year's list; its people
// (with remove buttons), a district's submission (item 7) and a region's approval
// (item 8), late ones marked late.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import {
  canAmendList,
  daysUntilDeadline,
  formatDate,
  listDeadline,
  otherListYear,
} from "../../../rules/index.js";
import {
  approveOwnConsolidated,
  defaultYearOf,
  entryInView,
  listKindOf,
  ownList,
  ownListView,
} from "../../../services/coordinator-lists.js";
import { submitList } from "../../../services/district-lists.js";
import { amendmentsOf, lateDistrictLists } from "../../../services/list-amendments.js";
import { grantKey } from "../../../services/people.js";
import type { BotContext } from "../../context.js";
import { addPager, paginate } from "../../keyboards.js";
import { deny, refusalText } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import {
  actOf,
  addFileButtons,
  backToList,
  entryLine,
  replyClosed,
  statusText,
  type UnitGrant,
} from "./common.js";
import { LIST_REASON } from "./reason.js";

const PAGE_SIZE = 10;

export const ownListScreens = new Composer<BotContext>();

onRoute(ownListScreens, routes.listScreen, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  await showListScreen(ctx, grant, await defaultYearOf(ctx.deps.db, grant, ctx.deps.clock()));
});

onRoute(ownListScreens, routes.listOfYear, async (ctx, { grant, year }) => {
  await ctx.answerCallbackQuery();
  await showListScreen(ctx, grant, year);
});

/** What a region's approved list adds to its screen: amendments, late district lists. */
async function approvedLines(ctx: BotContext, grant: UnitGrant, listId: number, year: number) {
  const amendments = await amendmentsOf(ctx.deps.db, listId);
  const late = await lateDistrictLists(ctx.deps.db, grant.unitId, year);
  const lines = amendments.length
    ? [ctx.t("lists.amendments_count", { count: amendments.length })]
    : [];
  if (late.length)
    lines.push(
      ctx.t("lists.late_districts", {
        districts: escapeHtml(late.map((d) => `${d.name[ctx.lang]} (${d.count})`).join(", ")),
      }),
    );
  return { lines, late };
}

async function showListScreen(ctx: BotContext, grant: UnitGrant, year: number): Promise<void> {
  const now = ctx.deps.clock();
  const view = await ownListView(ctx.deps.db, grant, { ...actOf(ctx), year });
  if (!view) return replyClosed(ctx, grant, year);
  const { list, entries } = view;
  const kind = listKindOf(grant);
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
  const approved = list.status === "approved";
  const extra = approved ? await approvedLines(ctx, grant, list.id, year) : { lines: [], late: [] };
  lines.push(...extra.lines);
  const keyboard = new InlineKeyboard()
    .text(ctx.t("lists.entries_button"), routes.listEntries.pack({ grant, year, page: 0 }))
    .row();
  const editable = list.status === "draft" || list.status === "returned";
  if (editable || (approved && canAmendList(year, now)))
    keyboard
      .text(ctx.t("lists.add_button"), routes.listCandidates.pack({ grant, year, page: 0 }))
      .row();
  if (grant.role === "district_coordinator" && editable)
    keyboard.text(ctx.t("lists.submit_button"), routes.listSubmit.pack({ grant, year })).row();
  if (grant.role === "regional_coordinator") {
    keyboard
      .text(ctx.t("lists.districts_button"), routes.districtListsOfYear.pack({ grant, year }))
      .row();
    if (list.status === "draft")
      keyboard
        .text(ctx.t("lists.approve_button"), routes.consolidatedApprove.pack({ grant, year }))
        .row();
    for (const late of extra.late)
      keyboard
        .text(late.name[ctx.lang], routes.districtListReview.pack({ grant, list: late.listId }))
        .row();
  }
  addFileButtons(keyboard, grant, list.id);
  const other = otherListYear(year, now);
  keyboard
    .text(
      ctx.t("lists.other_year_button", { year: other }),
      routes.listOfYear.pack({ grant, year: other }),
    )
    .row();
  keyboard.text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
}

onRoute(ownListScreens, routes.listEntries, async (ctx, { grant, year, page: asked }) => {
  await ctx.answerCallbackQuery();
  const view = await ownListView(ctx.deps.db, grant, { ...actOf(ctx), year });
  if (!view) return replyClosed(ctx, grant, year);
  const { list, entries } = view;
  const { items, page, pageCount } = paginate(entries, asked, PAGE_SIZE);
  const first = page * PAGE_SIZE + 1;
  // Own entries can be removed while the list is open; anything, as an amendment, once approved.
  const open = list.status === "draft" || list.status === "returned";
  const amendable = list.status === "approved" && canAmendList(year, ctx.deps.clock());
  const keyboard = new InlineKeyboard();
  items.forEach((entry, index) => {
    if (amendable || (open && entry.unitId === grant.unitId))
      keyboard.text(
        `✖ ${first + index}`,
        routes.listEntryRemove.pack({ grant, year, entry: entry.entryId }),
      );
    if (index % 5 === 4) keyboard.row();
  });
  addPager(keyboard.row(), { page, pageCount }, (p) =>
    routes.listEntries.pack({ grant, year, page: p }),
  );
  keyboard.row().text(ctx.t("menu.back"), routes.listOfYear.pack({ grant, year }));
  const lines = items.map((entry, index) => entryLine(ctx, entry, first + index));
  await ctx.reply([ctx.t("lists.entries_title", { count: entries.length }), ...lines].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
});

onRoute(ownListScreens, routes.listEntryRemove, async (ctx, { grant, year, entry }) => {
  if (!(await entryInView(ctx.deps.db, grant, { ...actOf(ctx), year }, entry))) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(LIST_REASON, grantKey(grant), "remove", entry, year);
});

onRoute(ownListScreens, routes.listSubmit, async (ctx, { grant, year }) => {
  await ctx.answerCallbackQuery();
  const act = actOf(ctx);
  const list = await ownList(ctx.deps.db, grant, { ...act, year });
  if (!list) return replyClosed(ctx, grant, year);
  const submitted = await submitList(ctx.deps.db, list.id, list.year, act.actor, act.now);
  const back = backToList(ctx, grant, year);
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

onRoute(ownListScreens, routes.consolidatedApprove, async (ctx, { grant, year }) => {
  await ctx.answerCallbackQuery();
  const approved = await approveOwnConsolidated(ctx.deps.db, grant, { ...actOf(ctx), year });
  if (!approved.ok && approved.reason === "closed") return replyClosed(ctx, grant, year);
  const text = approved.ok
    ? [
        ctx.t(approved.list.late ? "lists.approved_late" : "lists.approved", {
          count: approved.total,
        }),
        approved.without.length
          ? ctx.t("lists.approved_without", {
              districts: escapeHtml(approved.without.map((name) => name[ctx.lang]).join(", ")),
            })
          : "",
      ]
        .filter(Boolean)
        .join("\n")
    : refusalText(ctx, "lists.refused", approved);
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: backToList(ctx, grant, year) });
});
