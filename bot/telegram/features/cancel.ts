// /cancel and the "Cancel" button leave whatever conversation is running. Installed
// before the conversations themselves so it always gets through.
import { Composer } from "grammy";
import { routes } from "../../routes/index.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../keyboards.js";
import { onRoute } from "../routing.js";

export const cancelFeature = new Composer<BotContext>();

async function leaveConversations(ctx: BotContext): Promise<boolean> {
  const active = Object.keys(ctx.conversation.active()).length > 0;
  if (active) await ctx.conversation.exitAll();
  return active;
}

cancelFeature.command("cancel", async (ctx) => {
  const left = await leaveConversations(ctx);
  await ctx.reply(ctx.t(left ? "conversation.cancelled" : "conversation.nothing_to_cancel"), {
    reply_markup: homeKeyboard(ctx.t),
  });
});

onRoute(cancelFeature, routes.cancel, async (ctx) => {
  await leaveConversations(ctx);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("conversation.cancelled"), {
    reply_markup: homeKeyboard(ctx.t),
  });
});
