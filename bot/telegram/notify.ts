// Tells a person something outside of their own conversation (a decision, a new
// request). Written in the recipient's language. Delivery problems never undo the
// change that caused the notice: a blocked bot marks the person unreachable, other
// failures are logged. (Reminders go through the outbox; see bot/reminders.)
import { type Api, GrammyError, type InlineKeyboard } from "grammy";
import type { Kysely } from "kysely";
import type { Database, Language } from "../../db/types.js";
import type { Logger } from "../core/logger.js";
import { translator } from "../i18n/index.js";

type Params = Record<string, string | number>;

export interface Notice {
  key: string;
  /** Parameters, or a function giving them in the recipient's language (names of units…). */
  params?: Params | ((language: Language) => Params);
  keyboard?: (t: ReturnType<typeof translator>) => InlineKeyboard;
}

export async function notify(
  api: Api,
  db: Kysely<Database>,
  logger: Logger,
  telegramId: number,
  notice: Notice,
): Promise<boolean> {
  const user = await db
    .selectFrom("telegram_users")
    .select(["language"])
    .where("telegram_id", "=", telegramId)
    .executeTakeFirst();
  const language = user?.language ?? "kk";
  const t = translator(language);
  const params = typeof notice.params === "function" ? notice.params(language) : notice.params;
  try {
    await api.sendMessage(telegramId, t(notice.key, params), {
      parse_mode: "HTML",
      reply_markup: notice.keyboard?.(t),
    });
    return true;
  } catch (error) {
    // Blocked, or the account is gone: the person cannot be reached until they write again.
    if (
      error instanceof GrammyError &&
      (error.error_code === 403 || /chat not found/.test(error.description))
    ) {
      await db
        .updateTable("telegram_users")
        .set({ unreachable_at: new Date() })
        .where("telegram_id", "=", telegramId)
        .execute();
    }
    logger.warn({ err: error, key: notice.key }, "notice not delivered");
    return false;
  }
}
