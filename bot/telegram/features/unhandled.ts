// Goes last. A button nobody handled (an old message, a forged payload) gets an
// answer so Telegram's spinner stops; stray text gets a hint and the menu.
import { Composer } from "grammy";
import { routes } from "../../routes/index.js";
import type { BotContext } from "../context.js";
import { onRoute } from "../routing.js";
import { showHome } from "./menus.js";

export const unhandledFeature = new Composer<BotContext>();

onRoute(unhandledFeature, routes.noop, (ctx) => ctx.answerCallbackQuery());

unhandledFeature.on("callback_query", async (ctx) => {
  ctx.log.debug({ data: ctx.callbackQuery.data }, "unhandled callback query");
  await ctx.answerCallbackQuery({ text: ctx.t("errors.stale_button"), show_alert: true });
});

unhandledFeature.on("message", async (ctx) => {
  if (ctx.chat.type !== "private") return;
  await ctx.reply(ctx.t("errors.not_understood"));
  await showHome(ctx);
});
