// A region's view of its district lists (item 7) of the current or the coming year:
// each district at a glance, one district's list, accepting it or returning it with
// a reason. A list accepted after the consolidated list's approval is not on it
// until the region takes it in by an amendment with a reason (item 8).
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { isReachableListYear, otherListYear } from "../../../rules/index.js";
import { districtListsOfRegion } from "../../../services/consolidated-list.js";
import { defaultYearOf, districtListInRegion } from "../../../services/coordinator-lists.js";
import { acceptList } from "../../../services/district-lists.js";
import { lateDistrictLists } from "../../../services/list-amendments.js";
import { entriesOf } from "../../../services/lists.js";
import { doneBy } from "../../../services/outcome.js";
import { grantKey, type RoleGrant } from "../../../services/people.js";
import type { BotContext } from "../../context.js";
import { deny, doneByText, refusalText } from "../../refusal.js";
import { type CallbackContext, onRoute } from "../../routing.js";
import { actOf, addFileButtons, entryLine, replyClosed, statusText } from "./common.js";
import { LIST_REASON } from "./reason.js";

/** Lines of a district list shown in chat; the rest is in its file. */
const SHOWN_ENTRIES = 40;

type RegionalGrant = Extract<RoleGrant, { role: "regional_coordinator" }>;

export const districtListScreens = new Composer<BotContext>();

/** "‹ Back" to the region's district lists of the year. */
function backToDistricts(ctx: BotContext, grant: RegionalGrant, year: number): InlineKeyboard {
  return new InlineKeyboard().text(
    ctx.t("menu.back"),
    routes.districtListsOfYear.pack({ grant, year }),
  );
}

onRoute(districtListScreens, routes.districtLists, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  await showDistricts(ctx, grant, await defaultYearOf(ctx.deps.db, grant, ctx.deps.clock()));
});

onRoute(districtListScreens, routes.districtListsOfYear, async (ctx, { grant, year }) => {
  await ctx.answerCallbackQuery();
  if (!isReachableListYear(year, ctx.deps.clock())) return replyClosed(ctx, grant, year);
  await showDistricts(ctx, grant, year);
});

async function showDistricts(ctx: BotContext, grant: RegionalGrant, year: number) {
  const districts = await districtListsOfRegion(ctx.deps.db, grant.unitId, year);
  const keyboard = new InlineKeyboard();
  const lines = districts.map((d) => {
    if (d.list && d.list.status !== "draft")
      keyboard
        .text(d.name[ctx.lang], routes.districtListReview.pack({ grant, list: d.list.id }))
        .row();
    const status = d.list ? statusText(ctx, d.list) : ctx.t("lists.not_started");
    return ctx.t("lists.district_line", {
      name: escapeHtml(d.name[ctx.lang]),
      status,
      count: d.list?.count ?? 0,
    });
  });
  const other = otherListYear(year, ctx.deps.clock());
  keyboard
    .text(
      ctx.t("lists.other_year_button", { year: other }),
      routes.districtListsOfYear.pack({ grant, year: other }),
    )
    .row();
  keyboard.text(ctx.t("menu.back"), routes.listOfYear.pack({ grant, year }));
  await ctx.reply([ctx.t("lists.districts_title", { year }), ...lines].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
}

/** The district list a press names, if it is one of the grant's region; else the press is refused. */
async function districtListOf(ctx: CallbackContext, grant: RegionalGrant, listId: number) {
  const found = await districtListInRegion(ctx.deps.db, listId, grant.unitId);
  if (!found) await deny(ctx);
  else await ctx.answerCallbackQuery();
  return found;
}

/** Whether the list was accepted after the consolidated list's approval and waits to be taken in. */
async function waitsToBeTakenIn(
  ctx: BotContext,
  grant: RegionalGrant,
  list: { id: number; year: number },
) {
  const late = await lateDistrictLists(ctx.deps.db, grant.unitId, list.year);
  return late.find((l) => l.listId === list.id);
}

/** The "➕ Take into the consolidated list" button of a list accepted late. */
function takeInButton(
  ctx: BotContext,
  keyboard: InlineKeyboard,
  grant: RegionalGrant,
  list: number,
) {
  keyboard
    .text(ctx.t("lists.take_in_button"), routes.districtListTakeIn.pack({ grant, list }))
    .row();
}

onRoute(districtListScreens, routes.districtListReview, async (ctx, { grant, list: listId }) => {
  const found = await districtListOf(ctx, grant, listId);
  if (!found) return;
  const { list, name } = found;
  const entries = await entriesOf(ctx.deps.db, [list.id]);
  const lines = [
    ctx.t("lists.title_district", { year: list.year, unit: escapeHtml(name[ctx.lang]) }),
    ctx.t("lists.status_line", { status: statusText(ctx, list) }),
    ...entries.slice(0, SHOWN_ENTRIES).map((e, i) => entryLine(ctx, e, i + 1)),
  ];
  if (entries.length > SHOWN_ENTRIES)
    lines.push(ctx.t("lists.more_in_file", { count: entries.length - SHOWN_ENTRIES }));
  const keyboard = new InlineKeyboard();
  if (list.status === "submitted") {
    keyboard
      .text(ctx.t("lists.accept_button"), routes.districtListAccept.pack({ grant, list: list.id }))
      .text(ctx.t("lists.return_button"), routes.districtListReturn.pack({ grant, list: list.id }))
      .row();
  }
  const late = await waitsToBeTakenIn(ctx, grant, list);
  if (late) {
    lines.push("", ctx.t("lists.not_on_approved", { year: list.year, count: late.count }));
    takeInButton(ctx, keyboard, grant, list.id);
  }
  addFileButtons(keyboard, grant, list.id);
  keyboard.text(ctx.t("menu.back"), routes.districtListsOfYear.pack({ grant, year: list.year }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

onRoute(districtListScreens, routes.districtListAccept, async (ctx, { grant, list: listId }) => {
  const found = await districtListOf(ctx, grant, listId);
  if (!found) return;
  const { actor, now } = actOf(ctx);
  const accepted = await acceptList(ctx.deps.db, found.list.id, actor, now);
  const keyboard = backToDistricts(ctx, grant, found.list.year);
  const lines = [
    accepted.ok
      ? ctx.t("lists.accepted", { unit: escapeHtml(found.name[ctx.lang]) })
      : refusalText(ctx, "lists.refused", accepted),
  ];
  const late = accepted.ok && (await waitsToBeTakenIn(ctx, grant, found.list));
  if (late) {
    lines.push(ctx.t("lists.not_on_approved", { year: found.list.year, count: late.count }));
    keyboard.row();
    takeInButton(ctx, keyboard, grant, found.list.id);
  }
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

/** A stale press on a decided list: who decided it, and when. */
async function replyDone(
  ctx: BotContext,
  grant: RegionalGrant,
  year: number,
  move: { actor: number | null; at: Date | null },
) {
  const done = await doneBy(ctx.deps.db, move.actor, move.at);
  await ctx.reply(done ? doneByText(ctx, done) : ctx.t("lists.refused.decided"), {
    parse_mode: "HTML",
    reply_markup: backToDistricts(ctx, grant, year),
  });
}

onRoute(districtListScreens, routes.districtListReturn, async (ctx, { grant, list: listId }) => {
  const found = await districtListOf(ctx, grant, listId);
  if (!found) return;
  // A stale button: the list was decided meanwhile, perhaps by another coordinator.
  if (found.list.status !== "submitted")
    return replyDone(ctx, grant, found.list.year, found.list.lastMove);
  await ctx.conversation.enter(LIST_REASON, grantKey(grant), "return", found.list.id, 0);
});

onRoute(districtListScreens, routes.districtListTakeIn, async (ctx, { grant, list: listId }) => {
  const found = await districtListOf(ctx, grant, listId);
  if (!found) return;
  if (found.list.takenIn) return replyDone(ctx, grant, found.list.year, found.list.takenIn);
  if (!(await waitsToBeTakenIn(ctx, grant, found.list))) {
    await ctx.reply(ctx.t("lists.refused.not_late"), {
      reply_markup: backToDistricts(ctx, grant, found.list.year),
    });
    return;
  }
  await ctx.conversation.enter(LIST_REASON, grantKey(grant), "take_in", found.list.id, 0);
});
