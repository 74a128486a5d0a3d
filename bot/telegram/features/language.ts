// Language: Kazakh or Russian, chosen once and switched any time with /language.
// The picker is written in both languages, since we do not know which one the
// person reads yet. A /start payload waiting for the choice rides in the button.
import { Composer, InlineKeyboard } from "grammy";
import type { Language } from "../../../db/types.js";
import { translator } from "../../i18n/index.js";
import { routes } from "../../routes/index.js";
import { setLanguage } from "../../services/people.js";
import type { BotContext } from "../context.js";
import { onRoute } from "../routing.js";
import { showHome } from "./menus.js";

const PICKER_TEXT = `${translator("kk")("language.pick")}\n${translator("ru")("language.pick")}`;

/** The longest /start payload that can wait in the button (Telegram's is 64 characters). */
const MAX_WAITING_PAYLOAD = 56;

export async function askLanguage(ctx: BotContext, pendingStartPayload = ""): Promise<void> {
  // A payload no real link carries (too long, odd characters) is not kept.
  const startPayload =
    pendingStartPayload.length <= MAX_WAITING_PAYLOAD && /^[\w-]*$/.test(pendingStartPayload)
      ? pendingStartPayload
      : "";
  const keyboard = new InlineKeyboard()
    .text(translator("kk")("language.name"), routes.language.pack({ language: "kk", startPayload }))
    .text(
      translator("ru")("language.name"),
      routes.language.pack({ language: "ru", startPayload }),
    );
  await ctx.reply(PICKER_TEXT, { reply_markup: keyboard });
}

/** Runs the rest of /start once the language is known (set by start.ts). */
export type AfterLanguageChosen = (ctx: BotContext, startPayload: string) => Promise<void>;

export function languageFeature(afterChosen: AfterLanguageChosen) {
  const feature = new Composer<BotContext>();

  feature.command("language", (ctx) => askLanguage(ctx));
  onRoute(feature, routes.languagePicker, async (ctx) => {
    await ctx.answerCallbackQuery();
    await askLanguage(ctx);
  });

  onRoute(feature, routes.language, async (ctx, { language, startPayload }) => {
    if (!ctx.person) return ctx.answerCallbackQuery();
    await switchLanguage(ctx, language);
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t("language.changed"));
    if (startPayload) await afterChosen(ctx, startPayload);
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
