// What the list screens share: who acts, a list's status and an entry's line.
import { InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { formatDate } from "../../../rules/index.js";
import type { EntryView, ListInfo } from "../../../services/lists.js";
import type { RoleGrant } from "../../../services/people.js";
import type { BotContext } from "../../context.js";

/** The grant of a coordinator with a list: a district's, or a region-level unit's. */
export type UnitGrant = Extract<
  RoleGrant,
  { role: "district_coordinator" | "regional_coordinator" }
>;

/** The person pressing, and the moment (the list is created from the rules on first use). */
export function actOf(ctx: BotContext): { actor: number; now: Date } {
  return { actor: ctx.from?.id ?? 0, now: ctx.deps.clock() };
}

export function statusText(ctx: BotContext, list: ListInfo): string {
  const status = ctx.t(`lists.status.${list.status}`);
  return list.late ? `${status} (${ctx.t("lists.late")})` : status;
}

/** "n. Name — why on the list". */
export function entryLine(ctx: BotContext, entry: EntryView, n: number): string {
  return ctx.t("lists.entry_line", {
    n,
    name: escapeHtml(entry.fullName),
    reason: ctx.t(`lists.reason.${entry.reason}`, {
      date: entry.dueOn ? formatDate(entry.dueOn) : "",
    }),
  });
}

/** The list's "PDF" and "XLSX" buttons, on a row of their own. */
export function addFileButtons(keyboard: InlineKeyboard, grant: UnitGrant, list: number) {
  return keyboard
    .text("PDF", routes.listFile.pack({ grant, list, format: "pdf" }))
    .text("XLSX", routes.listFile.pack({ grant, list, format: "xlsx" }))
    .row();
}

/** "‹ Back" to the list of the year. */
export function backToList(ctx: BotContext, grant: UnitGrant, year: number): InlineKeyboard {
  return new InlineKeyboard().text(ctx.t("menu.back"), routes.listOfYear.pack({ grant, year }));
}

/** A list of a year the screens no longer reach (a stale button): said so, with a way on. */
export async function replyClosed(ctx: BotContext, grant: UnitGrant, year: number): Promise<void> {
  await ctx.reply(ctx.t("lists.closed", { year }), {
    reply_markup: new InlineKeyboard().text(ctx.t("menu.back"), routes.listScreen.pack({ grant })),
  });
}
