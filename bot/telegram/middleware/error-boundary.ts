// Whatever goes wrong while handling an update is logged (without secrets) and the
// person gets a short apology in their language, never a stack trace.
import type { MiddlewareFn } from "grammy";
import { databaseTrouble } from "../../../db/database.js";
import type { BotContext } from "../context.js";

export const errorBoundary: MiddlewareFn<BotContext> = async (ctx, next) => {
  try {
    await next();
  } catch (error) {
    // Database trouble gets its own words in the log: the operator should see at once
    // that the database timed out or went away, not only a stack trace.
    const trouble = databaseTrouble(error);
    ctx.log.error(
      { err: error, updateId: ctx.update.update_id, ...(trouble ? { database: trouble } : {}) },
      trouble ? `update failed: database ${trouble.replace("_", " ")}` : "update failed",
    );
    await apologize(ctx).catch((replyError: unknown) =>
      ctx.log.warn({ err: replyError }, "could not send the apology"),
    );
  }
};

async function apologize(ctx: BotContext): Promise<void> {
  const text = ctx.t("errors.unexpected");
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text, show_alert: true }).catch(() => undefined);
    return;
  }
  if (ctx.chat) await ctx.reply(text);
}
