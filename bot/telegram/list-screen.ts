// What the paged list screens (coordinators, invite links, employees to invite)
// share: a title that says the list is empty or counts it, the way a screen is
// shown, in place of the one pressed or as a new message below a message that
// must stay readable (an invite link just made), and the buttons under them.
import type { InlineKeyboard } from "grammy";
import type { TextKey, TFunction } from "../i18n/index.js";
import { routes } from "../routes/index.js";
import type { RoleGrant } from "../services/people.js";
import type { BotContext } from "./context.js";

/** Who makes invite links and sees the unused ones (services/invite-links.ts). */
export type InvitingGrant = Extract<
  RoleGrant,
  { role: "district_coordinator" | "regional_coordinator" | "admin" }
>;

/** `none` for an empty list, else `some` with the count. */
export function countedTitle(
  ctx: BotContext,
  list: { total: number },
  none: TextKey,
  some: TextKey,
): string {
  return list.total === 0 ? ctx.t(none) : ctx.t(some, { count: list.total });
}

/** The screen in place of the one pressed, or (`below`) as a new message under it. */
export async function showScreen(
  ctx: BotContext,
  text: string,
  keyboard: InlineKeyboard,
  below: boolean,
): Promise<void> {
  const options = { parse_mode: "HTML" as const, reply_markup: keyboard };
  if (below) await ctx.reply(text, options);
  else await ctx.editMessageText(text, options);
}

/**
 * Under the lists invites are made from (coordinators, employees to invite): the
 * button to the unused links, then back to the role's menu.
 */
export function addLinksAndBack(
  keyboard: InlineKeyboard,
  t: TFunction,
  grant: InvitingGrant | Extract<RoleGrant, { role: "regional_coordinator" | "admin" }>,
): void {
  keyboard.row().text(t("access.buttons.open_links"), routes.inviteLinks.pack({ grant, page: 0 }));
  keyboard.row().text(t("menu.back"), routes.roleMenu.pack({ grant }));
}
