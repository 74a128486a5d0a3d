// Telegram refuses an edit that changes nothing ("message is not modified"). A stale
// button pressed again — the language picker, "cancel", a pager at its first page —
// would ask for exactly that. When the pressed message already shows the new text and
// buttons, the edit is skipped: the person sees what they asked for either way.
import type { MiddlewareFn } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import type { BotContext } from "../context.js";

/** The text Telegram shows for HTML we send: tags dropped, the three entities decoded. */
function visibleText(html: string, parseMode: string | undefined): string {
  if (parseMode !== "HTML") return html;
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function keyboardOf(markup: unknown): string {
  const rows = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? [];
  return JSON.stringify(
    rows.map((row) => row.map((b) => [b.text, "callback_data" in b ? b.callback_data : ""])),
  );
}

export const skipUnchangedEdit: MiddlewareFn<BotContext> = async (ctx, next) => {
  const message = ctx.callbackQuery?.message;
  if (message && "text" in message && typeof message.text === "string") {
    const edit = ctx.editMessageText.bind(ctx);
    ctx.editMessageText = (async (text: string, other?: Parameters<typeof edit>[1]) => {
      const shown = message.text?.trim();
      const unchanged =
        (visibleText(text, other?.parse_mode).trim() === shown || text.trim() === shown) &&
        keyboardOf(other?.reply_markup) === keyboardOf(message.reply_markup);
      return unchanged ? true : edit(text, other);
    }) as typeof ctx.editMessageText;
  }
  await next();
};
