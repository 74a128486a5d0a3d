// How long each update takes, by kind, for the operator's metrics (bot_update_duration_seconds).
import type { MiddlewareFn } from "grammy";
import type { Metrics } from "../../core/metrics.js";
import type { BotContext } from "../context.js";

export function timeUpdates(metrics: Metrics): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const kind = ctx.callbackQuery ? "callback_query" : ctx.message ? "message" : "other";
    const done = metrics.updates.startTimer({ kind });
    try {
      await next();
    } finally {
      done();
    }
  };
}
