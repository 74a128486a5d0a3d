// Small building blocks shared by the conversations.
import type { Conversation } from "@grammyjs/conversations";
import { type Context, InlineKeyboard } from "grammy";
import type { IsoDate } from "../../../db/types.js";
import { type TFunction, translateKey } from "../../i18n/index.js";
import { routes } from "../../routes/index.js";
import { parseDisplayDate } from "../../rules/index.js";
import { cleanLine, FIELD_LIMITS, textLength } from "../../services/text.js";
import type { BotContext, ConversationContext } from "../context.js";

export type Convo = Conversation<BotContext, ConversationContext>;

/** Answers input that does not fit the step: an alert for a button, a reply for a message. */
export async function remind(c: Context, text: string): Promise<void> {
  if (c.callbackQuery) await c.answerCallbackQuery({ text, show_alert: true });
  else await c.reply(text);
}

const MAX_TEXT = FIELD_LIMITS.line;

/**
 * Asks for a line of text (not a command) and returns it cleaned (see
 * services/text.ts: no control or format characters, single spaces) and trimmed;
 * an answer that is empty or longer than `max` characters gets a hint stating the
 * limit and the question stands. `skipLabel` adds a button that
 * returns null instead.
 */
export async function askText(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  question: string,
  options: { skipLabel?: string; max?: number; parseMode?: "HTML" } = {},
): Promise<string | null> {
  const max = options.max ?? MAX_TEXT;
  const keyboard = new InlineKeyboard();
  if (options.skipLabel) keyboard.text(options.skipLabel, routes.skipStep.pack({})).row();
  keyboard.text(t("conversation.cancel_button"), routes.cancel.pack({}));
  await ctx.reply(question, { reply_markup: keyboard, parse_mode: options.parseMode });
  const answer = await conversation.waitUntil(
    (c) => {
      if (options.skipLabel && routes.skipStep.unpack(c.callbackQuery?.data ?? "")) return true;
      const raw = c.message?.text;
      if (raw === undefined || raw.trim().startsWith("/")) return false;
      const text = cleanLine(raw);
      return text.length > 0 && textLength(text) <= max;
    },
    { otherwise: (c) => remind(c, t("conversation.text_expected", { max })) },
  );
  if (answer.callbackQuery) {
    await answer.answerCallbackQuery();
    return null;
  }
  return cleanLine(answer.message?.text ?? "") || null;
}

/**
 * Asks for a date as people write it (dd.MM.yyyy) until it is real and `accept`
 * (returning a locale key of the problem, or null) takes it.
 */
export async function askDate(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  question: string,
  accept: (iso: IsoDate) => string | null,
  invalidKey = "cohorts.problem.date_invalid",
): Promise<IsoDate> {
  for (;;) {
    const iso = parseDisplayDate((await askText(conversation, ctx, t, question)) ?? "");
    const problem = iso === null ? invalidKey : accept(iso);
    if (iso && !problem) return iso;
    await ctx.reply(translateKey(t, problem ?? invalidKey));
  }
}
