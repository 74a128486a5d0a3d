// Conversation (and session) state in the bot_state table, so a restart or a
// second process picks up a conversation exactly where it was.
import type { Kysely } from "kysely";
import { jsonText } from "../../db/json.js";
import type { Database } from "../../db/types.js";

export interface KeyValueStorage<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

export function databaseStorage<T>(db: Kysely<Database>, prefix: string): KeyValueStorage<T> {
  const k = (key: string) => `${prefix}:${key}`;
  return {
    async read(key) {
      const row = await db
        .selectFrom("bot_state")
        .select("value")
        .where("key", "=", k(key))
        .executeTakeFirst();
      return row?.value as T | undefined;
    },
    async write(key, value) {
      const json = jsonText(value);
      await db
        .insertInto("bot_state")
        .values({ key: k(key), value: json, updated_at: new Date() })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_at: new Date() }))
        .execute();
    },
    async delete(key) {
      await db.deleteFrom("bot_state").where("key", "=", k(key)).execute();
    },
  };
}

/** Conversations are kept under "conversation:<chat id>". */
export const CONVERSATION_STATE_PREFIX = "conversation";

/** A value read ahead of time (with the sender's record, in one round trip). */
export interface PrefetchedState {
  key: string;
  value: unknown;
}

/**
 * The conversations' storage, by chat: the first read of an update takes the state
 * that `identify` fetched along with the person (no round trip of its own); anything
 * else goes to the table. The chat lock guarantees nobody changed it in between.
 */
export function chatStateStorage<
  C extends { chatId?: number; prefetchedState?: PrefetchedState },
  T,
>(db: Kysely<Database>, prefix: string) {
  const table = databaseStorage<T>(db, prefix);
  const keyOf = (ctx: C) => (ctx.chatId === undefined ? undefined : String(ctx.chatId));
  return {
    async read(ctx: C): Promise<T | undefined> {
      const key = keyOf(ctx);
      if (key === undefined) return undefined;
      const prefetched = ctx.prefetchedState;
      if (prefetched?.key === `${prefix}:${key}`) {
        ctx.prefetchedState = undefined;
        return (prefetched.value ?? undefined) as T | undefined;
      }
      return table.read(key);
    },
    async write(ctx: C, value: T) {
      const key = keyOf(ctx);
      if (key !== undefined) await table.write(key, value);
    },
    async delete(ctx: C) {
      const key = keyOf(ctx);
      if (key !== undefined) await table.delete(key);
    },
  };
}
