// Putting people on the list: the employees of the unit not on it yet, a page of
// them; a press adds one (an approved list asks for the reason of the amendment).
import { Composer, InlineKeyboard } from "grammy";
import { routes } from "../../../routes/index.js";
import { addToOwnList, listCandidates } from "../../../services/coordinator-lists.js";
import { loadPage } from "../../../services/paging.js";
import { grantKey } from "../../../services/people.js";
import type { BotContext } from "../../context.js";
import { addPager } from "../../keyboards.js";
import { deny } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { actOf, backToList } from "./common.js";
import { LIST_REASON } from "./reason.js";

const PAGE_SIZE = 10;

export const addToListScreens = new Composer<BotContext>();

onRoute(addToListScreens, routes.listCandidates, async (ctx, { grant, year, page: asked }) => {
  await ctx.answerCallbackQuery();
  const act = { ...actOf(ctx), year };
  const candidates = await loadPage(
    (range) => listCandidates(ctx.deps.db, grant, act, range),
    asked,
    PAGE_SIZE,
  );
  const { page, pageCount } = candidates;
  const keyboard = new InlineKeyboard();
  for (const e of candidates.items) {
    keyboard
      .text(
        [e.lastName, e.firstName].join(" "),
        routes.listAdd.pack({ grant, year, employee: e.id }),
      )
      .row();
  }
  addPager(keyboard, { page, pageCount }, (p) =>
    routes.listCandidates.pack({ grant, year, page: p }),
  );
  keyboard.row().text(ctx.t("menu.back"), routes.listOfYear.pack({ grant, year }));
  await ctx.reply(ctx.t(candidates.total ? "lists.add_pick" : "lists.add_none"), {
    reply_markup: keyboard,
  });
});

onRoute(addToListScreens, routes.listAdd, async (ctx, { grant, year, employee }) => {
  const added = await addToOwnList(ctx.deps.db, grant, {
    ...actOf(ctx),
    year,
    employeeId: employee,
    reason: null,
  });
  if (!added.ok && added.reason === "out_of_scope") return deny(ctx);
  await ctx.answerCallbackQuery();
  if (!added.ok && added.reason === "needs_reason") {
    await ctx.conversation.enter(LIST_REASON, grantKey(grant), "amend_add", employee, year);
    return;
  }
  await ctx.reply(ctx.t(added.ok ? "lists.added" : `lists.refused.${added.reason}`), {
    reply_markup: backToList(ctx, grant, year),
  });
});
