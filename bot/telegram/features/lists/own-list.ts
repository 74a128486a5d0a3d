// A coordinator's own list of the coming year: the screen, its people (with remove
// buttons), a district's submission (item 7) and a region's approval (item 8).
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { daysUntilDeadline, formatDate, listDeadline } from "../../../rules/index.js";
import {
  approveOwnConsolidated,
  entryInView,
  listKindOf,
  ownList,
  ownListView,
} from "../../../services/coordinator-lists.js";
import { submitList } from "../../../services/lists.js";
import { grantKey } from "../../../services/people.js";
import type { BotContext } from "../../context.js";
import { addPager, paginate } from "../../keyboards.js";
import { deny, refusalText } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { actOf, addFileButtons, entryLine, statusText, type UnitGrant } from "./common.js";
import { LIST_REASON } from "./reason.js";

const PAGE_SIZE = 10;

export const ownListScreens = new Composer<BotContext>();

/** "‹ Back" to the list screen. */
function backToList(ctx: BotContext, grant: UnitGrant): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("menu.back"), routes.listScreen.pack({ grant }));
}

onRoute(ownListScreens, routes.listScreen, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  await showListScreen(ctx, grant);
});

async function showListScreen(ctx: BotContext, grant: UnitGrant): Promise<void> {
  const now = ctx.deps.clock();
  const { list, entries } = await ownListView(ctx.deps.db, grant, actOf(ctx));
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
  const keyboard = new InlineKeyboard()
    .text(ctx.t("lists.entries_button"), routes.listEntries.pack({ grant, page: 0 }))
    .row();
  const editable = list.status === "draft" || list.status === "returned";
  if (editable || list.status === "approved")
    keyboard.text(ctx.t("lists.add_button"), routes.listCandidates.pack({ grant, page: 0 })).row();
  if (grant.role === "district_coordinator" && editable)
    keyboard.text(ctx.t("lists.submit_button"), routes.listSubmit.pack({ grant })).row();
  if (grant.role === "regional_coordinator") {
    keyboard.text(ctx.t("lists.districts_button"), routes.districtLists.pack({ grant })).row();
    if (list.status === "draft")
      keyboard
        .text(ctx.t("lists.approve_button"), routes.consolidatedApprove.pack({ grant }))
        .row();
  }
  addFileButtons(keyboard, grant, list.id);
  keyboard.text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
}

onRoute(ownListScreens, routes.listEntries, async (ctx, { grant, page: asked }) => {
  await ctx.answerCallbackQuery();
  const { list, entries } = await ownListView(ctx.deps.db, grant, actOf(ctx));
  const { items, page, pageCount } = paginate(entries, asked, PAGE_SIZE);
  const first = page * PAGE_SIZE + 1;
  // Own entries can be removed while the list is open; anything, as an amendment, once approved.
  const open = list.status === "draft" || list.status === "returned";
  const keyboard = new InlineKeyboard();
  items.forEach((entry, index) => {
    if (list.status === "approved" || (open && entry.unitId === grant.unitId))
      keyboard.text(
        `✖ ${first + index}`,
        routes.listEntryRemove.pack({ grant, entry: entry.entryId }),
      );
    if (index % 5 === 4) keyboard.row();
  });
  addPager(keyboard.row(), { page, pageCount }, (p) => routes.listEntries.pack({ grant, page: p }));
  keyboard.row().text(ctx.t("menu.back"), routes.listScreen.pack({ grant }));
  const lines = items.map((entry, index) => entryLine(ctx, entry, first + index));
  await ctx.reply([ctx.t("lists.entries_title", { count: entries.length }), ...lines].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
});

onRoute(ownListScreens, routes.listEntryRemove, async (ctx, { grant, entry }) => {
  if (!(await entryInView(ctx.deps.db, grant, actOf(ctx), entry))) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(LIST_REASON, grantKey(grant), "remove", entry);
});

onRoute(ownListScreens, routes.listSubmit, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const act = actOf(ctx);
  const list = await ownList(ctx.deps.db, grant, act);
  const submitted = await submitList(ctx.deps.db, list.id, list.year, act.actor, act.now);
  const back = backToList(ctx, grant);
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

onRoute(ownListScreens, routes.consolidatedApprove, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const approved = await approveOwnConsolidated(ctx.deps.db, grant, actOf(ctx));
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
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: backToList(ctx, grant) });
});
