// Who is writing: their Telegram record (created on first contact), their roles
// with scope, and their language. Two queries per update (three on the first).
import type { MiddlewareFn } from "grammy";
import { isLanguage, translator } from "../../i18n/index.js";
import {
  loadRoleGrants,
  setLanguage,
  setReachable,
  touchTelegramUser,
} from "../../services/people.js";
import type { BotContext } from "../context.js";

export const identify: MiddlewareFn<BotContext> = async (ctx, next) => {
  const from = ctx.from;
  if (!from || from.is_bot) return next();
  const { db, config, clock } = ctx.deps;
  const membership = ctx.myChatMember;
  if (membership && membership.chat.type === "private") {
    // The person blocked (kicked) or restarted the bot: reminders stop or resume.
    const blocked = membership.new_chat_member.status === "kicked";
    await setReachable(db, from.id, blocked ? clock() : null);
    return;
  }
  const record = await touchTelegramUser(db, from, clock());
  const grants = await loadRoleGrants(db, from.id, config.adminTelegramIds);
  ctx.person = { telegramId: from.id, record, grants };

  const telegramLanguage = isLanguage(from.language_code) ? from.language_code : null;
  if (record.language === null && telegramLanguage !== null) {
    // Remember Telegram's language from the first contact, so notices use it too.
    await setLanguage(db, from.id, telegramLanguage);
    record.language = telegramLanguage;
  }
  const language = record.language ?? telegramLanguage;
  ctx.lang = language ?? "kk";
  ctx.langKnown = language !== null;
  ctx.t = translator(ctx.lang);
  await next();
};
