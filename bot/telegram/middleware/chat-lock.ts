// Updates of one chat are handled one at a time: in this process by the runner's
// sequentialize, and across processes by a PostgreSQL advisory lock held while the
// update is handled. Different chats still run in parallel.
import { sequentialize } from "@grammyjs/runner";
import type { Context, MiddlewareFn } from "grammy";
import type { DatabaseHandle } from "../../../db/database.js";

function chatKey(ctx: Context): string | undefined {
  const id = ctx.chatId ?? ctx.from?.id;
  return id === undefined ? undefined : String(id);
}

/** `waited` hears how long each update waited for its chat (in this process and across). */
export function chatLock<C extends Context>(
  database: DatabaseHandle,
  waited: (seconds: number) => void = () => {},
): MiddlewareFn<C> {
  const oneAtATimeInProcess = sequentialize<C>(chatKey);
  return (ctx, next) => {
    const arrived = performance.now();
    return oneAtATimeInProcess(ctx, async () => {
      const key = chatKey(ctx);
      if (key === undefined) return next();
      const unlock = await database.lockKey(`chat:${key}`);
      waited((performance.now() - arrived) / 1000);
      try {
        await next();
      } finally {
        await unlock();
      }
    });
  };
}
