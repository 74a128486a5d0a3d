// Who is writing: their Telegram record (created on first contact), their roles
// with scope, and their language — and the chat's saved conversation — in one
// round trip per update (two on the very first, to remember Telegram's language).
import type { MiddlewareFn } from "grammy";
import { isLanguage, translator } from "../../i18n/index.js";
import { identifyPerson, setLanguage, setReachable } from "../../services/people.js";
import type { BotContext } from "../context.js";
import { CONVERSATION_STATE_PREFIX } from "../state-storage.js";

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
  const stateKey = ctx.chatId === undefined ? null : `${CONVERSATION_STATE_PREFIX}:${ctx.chatId}`;
  const { record, grants, state, consent } = await identifyPerson(
    db,
    from,
    clock(),
    config.adminTelegramIds,
    stateKey,
  );
  ctx.person = { telegramId: from.id, record, grants, consent };
  if (stateKey) ctx.prefetchedState = { key: stateKey, value: state };

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
