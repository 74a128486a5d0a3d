// Small building blocks shared by the conversations.
import type { Conversation } from "@grammyjs/conversations";
import type { Context } from "grammy";
import { type TFunction, translator } from "../../i18n/index.js";
import type { BotContext } from "../context.js";

export type Convo = Conversation<BotContext, Context>;

/** Answers input that does not fit the step: an alert for a button, a reply for a message. */
export async function remind(c: Context, text: string): Promise<void> {
  if (c.callbackQuery) await c.answerCallbackQuery({ text, show_alert: true });
  else await c.reply(text);
}

/**
 * Waits for a press of one of this step's buttons and answers it; anything else
 * is told to use the buttons (or /cancel) and the step keeps waiting.
 */
export async function waitForButton(conversation: Convo, t: TFunction, pattern: RegExp) {
  const step = await conversation.waitForCallbackQuery(pattern, {
    otherwise: (c) => remind(c, t("conversation.use_buttons")),
  });
  await step.answerCallbackQuery();
  return step;
}

/** The language of the person, read once from the outside context. */
export async function conversationTranslator(conversation: Convo) {
  const lang = await conversation.external((outside) => outside.lang);
  return { lang, t: translator(lang) };
}
