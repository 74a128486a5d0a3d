// Admin entry points. Admins come from ADMIN_TELEGRAM_IDS (or an admin membership).
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { COORDINATOR_INVITE } from "../conversations/coordinator-invite.js";

export const adminFeature = new Composer<BotContext>();

const isAdmin = (ctx: BotContext) => ctx.person?.grants.some((g) => g.role === "admin") ?? false;

adminFeature.callbackQuery("ci", async (ctx) => {
  if (!isAdmin(ctx)) {
    return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(COORDINATOR_INVITE);
});
