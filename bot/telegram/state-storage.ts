// Conversation (and session) state in the bot_state table, so a restart or a
// second process picks up a conversation exactly where it was.
import type { Kysely } from "kysely";
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
      const json = JSON.stringify(value);
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
