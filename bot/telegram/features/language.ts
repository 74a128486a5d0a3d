// Language: Kazakh or Russian, chosen once and switched any time with /language.
// The picker is written in both languages, since we do not know which one the
// person reads yet. A /start payload waiting for the choice rides in the button.
import { Composer, InlineKeyboard } from "grammy";
import type { Language } from "../../../db/types.js";
import { isLanguage, translator } from "../../i18n/index.js";
import { setLanguage } from "../../services/people.js";
import type { BotContext } from "../context.js";
import { callbackData } from "../keyboards.js";
import { showHome } from "./menus.js";

const PICKER_TEXT = `${translator("kk")("language.pick")}\n${translator("ru")("language.pick")}`;

export async function askLanguage(ctx: BotContext, pendingStartPayload = ""): Promise<void> {
  const keyboard = new InlineKeyboard()
    .text(translator("kk")("language.name"), callbackData("lang", "kk", pendingStartPayload))
    .text(translator("ru")("language.name"), callbackData("lang", "ru", pendingStartPayload));
  await ctx.reply(PICKER_TEXT, { reply_markup: keyboard });
}

/** Runs the rest of /start once the language is known (set by start.ts). */
export type AfterLanguageChosen = (ctx: BotContext, startPayload: string) => Promise<void>;

export function languageFeature(afterChosen: AfterLanguageChosen) {
  const feature = new Composer<BotContext>();

  feature.command("language", (ctx) => askLanguage(ctx));
  feature.callbackQuery("lang:ask", async (ctx) => {
    await ctx.answerCallbackQuery();
    await askLanguage(ctx);
  });

  feature.callbackQuery(/^lang:(\w+):?(.*)$/, async (ctx) => {
    const [, chosen, payload = ""] = ctx.match;
    if (!isLanguage(chosen) || !ctx.person) {
      await ctx.answerCallbackQuery();
      return;
    }
    await switchLanguage(ctx, chosen);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language.changed"));
    if (payload) await afterChosen(ctx, payload);
    else await showHome(ctx);
  });
  return feature;
}

async function switchLanguage(ctx: BotContext, language: Language): Promise<void> {
  if (!ctx.person) return;
  await setLanguage(ctx.deps.db, ctx.person.telegramId, language);
  ctx.person.record.language = language;
  ctx.lang = language;
  ctx.langKnown = true;
  ctx.t = translator(language);
}
