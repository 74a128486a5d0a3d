// Keyboard helpers: grids, pages, back and cancel buttons. A button's data always comes
// from a route of bot/routes/ (`routes.x.pack(...)`), which writes ids only, never personal
// data, and refuses anything over Telegram's 64 bytes; nothing here spells data itself.
import { InlineKeyboard } from "grammy";
import type { TFunction } from "../i18n/index.js";
import { type GrantRef, routes } from "../routes/index.js";

export interface Button {
  label: string;
  data: string;
}

/** Lays buttons out `perRow` to a row. */
export function buttonGrid(buttons: readonly Button[], perRow = 1): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  buttons.forEach((button, index) => {
    if (index > 0 && index % perRow === 0) keyboard.row();
    keyboard.text(button.label, button.data);
  });
  return keyboard;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
}

export function paginate<T>(all: readonly T[], page: number, pageSize: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  return {
    items: all.slice(current * pageSize, (current + 1) * pageSize),
    page: current,
    pageCount,
  };
}

/**
 * A list screen's buttons: one for each item, each on its own row (the row closed
 * after it, so what is added next starts a new one).
 */
export function addItemButtons<T>(
  keyboard: InlineKeyboard,
  items: readonly T[],
  button: (item: T) => Button,
): InlineKeyboard {
  for (const item of items) {
    const { label, data } = button(item);
    keyboard.text(label, data).row();
  }
  return keyboard;
}

/** Adds "‹ n/m ›" buttons when there is more than one page. */
export function addPager(
  keyboard: InlineKeyboard,
  page: { page: number; pageCount: number },
  dataFor: (page: number) => string,
): InlineKeyboard {
  if (page.pageCount <= 1) return keyboard;
  keyboard.row();
  if (page.page > 0) keyboard.text("‹", dataFor(page.page - 1));
  // The page counter does nothing when pressed; the unhandled feature answers it.
  keyboard.text(`${page.page + 1}/${page.pageCount}`, routes.noop.pack({}));
  if (page.page < page.pageCount - 1) keyboard.text("›", dataFor(page.page + 1));
  return keyboard;
}

/** "‹ Back" to the menu of the role the screen belongs to. */
export function backToMenu(t: TFunction, grant: GrantRef): InlineKeyboard {
  return new InlineKeyboard().text(t("menu.back"), routes.roleMenu.pack({ grant }));
}

/** The "Cancel" button of a conversation's step. */
export function cancelButton(t: TFunction): Button {
  return { label: t("conversation.cancel_button"), data: routes.cancel.pack({}) };
}

/** "🏠 Menu": the home screen as a new message, the message above left as it is. */
export function homeKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard().text(t("access.buttons.menu"), routes.home.pack({}));
}
