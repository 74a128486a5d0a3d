// A region's view of its district lists (item 7): each district at a glance, one
// district's list, accepting it or returning it with a reason.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { listYearFor } from "../../../rules/index.js";
import { districtListInRegion } from "../../../services/coordinator-lists.js";
import { acceptList, districtListsOfRegion, entriesOf } from "../../../services/lists.js";
import { doneBy } from "../../../services/outcome.js";
import { grantKey, type RoleGrant } from "../../../services/people.js";
import type { BotContext } from "../../context.js";
import { deny, doneByText, refusalText } from "../../refusal.js";
import { type CallbackContext, onRoute } from "../../routing.js";
import { actOf, addFileButtons, entryLine, statusText } from "./common.js";
import { LIST_REASON } from "./reason.js";

/** Lines of a district list shown in chat; the rest is in its file. */
const SHOWN_ENTRIES = 40;

type RegionalGrant = Extract<RoleGrant, { role: "regional_coordinator" }>;

export const districtListScreens = new Composer<BotContext>();

/** "‹ Back" to the region's district lists. */
function backToDistricts(ctx: BotContext, grant: RegionalGrant): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("menu.back"), routes.districtLists.pack({ grant }));
}

onRoute(districtListScreens, routes.districtLists, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const year = listYearFor(ctx.deps.clock());
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
  keyboard.text(ctx.t("menu.back"), routes.listScreen.pack({ grant }));
  await ctx.reply([ctx.t("lists.districts_title", { year }), ...lines].join("\n"), {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
});

/** The district list a press names, if it is one of the grant's region; else the press is refused. */
async function districtListOf(ctx: CallbackContext, grant: RegionalGrant, listId: number) {
  const found = await districtListInRegion(ctx.deps.db, listId, grant.unitId);
  if (!found) await deny(ctx);
  else await ctx.answerCallbackQuery();
  return found;
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
  addFileButtons(keyboard, grant, list.id);
  keyboard.text(ctx.t("menu.back"), routes.districtLists.pack({ grant }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

onRoute(districtListScreens, routes.districtListAccept, async (ctx, { grant, list: listId }) => {
  const found = await districtListOf(ctx, grant, listId);
  if (!found) return;
  const { actor, now } = actOf(ctx);
  const accepted = await acceptList(ctx.deps.db, found.list.id, actor, now);
  await ctx.reply(
    accepted.ok
      ? ctx.t("lists.accepted", { unit: escapeHtml(found.name[ctx.lang]) })
      : refusalText(ctx, "lists.refused", accepted),
    { parse_mode: "HTML", reply_markup: backToDistricts(ctx, grant) },
  );
});

onRoute(districtListScreens, routes.districtListReturn, async (ctx, { grant, list: listId }) => {
  const found = await districtListOf(ctx, grant, listId);
  if (!found) return;
  if (found.list.status !== "submitted") {
    // A stale button: the list was decided meanwhile, perhaps by another coordinator.
    const { actor, at } = found.list.lastMove;
    const done = await doneBy(ctx.deps.db, actor, at);
    await ctx.reply(done ? doneByText(ctx, done) : ctx.t("lists.refused.decided"), {
      parse_mode: "HTML",
      reply_markup: backToDistricts(ctx, grant),
    });
    return;
  }
  await ctx.conversation.enter(LIST_REASON, grantKey(grant), "return", found.list.id);
});
