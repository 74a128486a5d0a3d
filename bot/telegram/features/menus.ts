// Main menus: one per role. A person with no role is told what to ask for; a
// person with several roles picks which menu to open. Later features add their
// entries to ROLE_MENU_ITEMS.
import { Composer, InlineKeyboard, Keyboard } from "grammy";
import { escapeHtml, type TextKey } from "../../i18n/index.js";
import { findGrant, grantKey, type RoleGrant, type RoleName } from "../../services/people.js";
import type { BotContext } from "../context.js";
import { callbackData } from "../keyboards.js";
import { showPendingNotice } from "./privacy-notice.js";

interface MenuItem {
  labelKey: TextKey;
  data: (grant: RoleGrant) => string;
}

const languageItem: MenuItem = { labelKey: "menu.language", data: () => "lang:ask" };

export const ROLE_MENU_ITEMS: Record<RoleName, MenuItem[]> = {
  employee: [
    { labelKey: "employee.menu.status", data: () => "es" },
    { labelKey: "employee.menu.cohort", data: () => "ec" },
    { labelKey: "employee.menu.agreement", data: () => "ea" },
    { labelKey: "employee.menu.transfer", data: () => "et" },
    { labelKey: "employee.menu.documents", data: () => "ed" },
    { labelKey: "privacy.menu", data: () => "md" },
    { labelKey: "menu.about", data: () => "about" },
    languageItem,
  ],
  district_coordinator: [
    { labelKey: "menu.next_year_list", data: (g) => callbackData("ls", grantKey(g)) },
    { labelKey: "menu.employees", data: (g) => callbackData("em", grantKey(g), 0) },
    { labelKey: "menu.employee_invites", data: (g) => callbackData("ei", grantKey(g), 0) },
    { labelKey: "menu.overview", data: (g) => callbackData("ro", grantKey(g)) },
    { labelKey: "menu.reminders", data: (g) => callbackData("rm", grantKey(g)) },
    languageItem,
  ],
  regional_coordinator: [
    { labelKey: "menu.consolidated_list", data: (g) => callbackData("ls", grantKey(g)) },
    { labelKey: "menu.district_lists", data: (g) => callbackData("rd", grantKey(g)) },
    { labelKey: "menu.enrol", data: (g) => callbackData("en", grantKey(g)) },
    { labelKey: "head_orders.menu", data: (g) => callbackData("ho", grantKey(g)) },
    { labelKey: "menu.transfer_requests", data: (g) => callbackData("tq", grantKey(g)) },
    { labelKey: "menu.breaches", data: (g) => callbackData("br", grantKey(g)) },
    { labelKey: "menu.own_employees", data: (g) => callbackData("em", grantKey(g), 0) },
    { labelKey: "menu.employee_invites", data: (g) => callbackData("ei", grantKey(g), 0) },
    {
      labelKey: "access.menu.district_coordinators",
      data: (g) => callbackData("cr", grantKey(g), "d", 0),
    },
    { labelKey: "menu.overview", data: (g) => callbackData("ro", grantKey(g)) },
    { labelKey: "menu.reminders", data: (g) => callbackData("rm", grantKey(g)) },
    languageItem,
  ],
  provider_coordinator: [
    { labelKey: "menu.cohorts", data: (g) => callbackData("co", grantKey(g)) },
    { labelKey: "menu.certificate", data: (g) => callbackData("pc", grantKey(g)) },
    { labelKey: "menu.register", data: (g) => callbackData("rg", grantKey(g)) },
    { labelKey: "menu.logo", data: (g) => callbackData("pl", grantKey(g)) },
    { labelKey: "menu.reminders", data: (g) => callbackData("rm", grantKey(g)) },
    languageItem,
  ],
  admin: [
    { labelKey: "menu.coordinator_invite", data: () => "ci" },
    { labelKey: "access.menu.coordinators", data: () => "cr:a:x:0" },
    { labelKey: "access.menu.invite_links", data: () => "il:a:0" },
    { labelKey: "menu.providers", data: () => "ap" },
    { labelKey: "menu.national_overview", data: () => "ao" },
    { labelKey: "menu.reminders", data: () => "rm:a" },
    { labelKey: "privacy.log.menu", data: () => "al:7:0" },
    languageItem,
  ],
};

export function grantTitle(ctx: BotContext, grant: RoleGrant): string {
  const role = ctx.t(`roles.${grant.role}`);
  return "scopeName" in grant ? `${role}: ${grant.scopeName[ctx.lang]}` : role;
}

function roleMenu(ctx: BotContext, grant: RoleGrant, grants: readonly RoleGrant[]) {
  const keyboard = new InlineKeyboard();
  for (const item of ROLE_MENU_ITEMS[grant.role]) {
    keyboard.text(ctx.t(item.labelKey), item.data(grant)).row();
  }
  if (grants.length > 1) keyboard.text(ctx.t("menu.switch_role"), "m:home");
  const text = ctx.t("menu.role_menu", { title: escapeHtml(grantTitle(ctx, grant)) });
  return { text, keyboard };
}

const ROLE_ICONS: Record<RoleGrant["role"], string> = {
  employee: "👤",
  district_coordinator: "🏘",
  regional_coordinator: "🏛",
  provider_coordinator: "🏫",
  admin: "🛡",
};

/** What a phone shows of a full-width button on one line. */
export const BUTTON_MAX_CHARS = 30;

/** Shortens a label to what fits a button, on a word boundary where it can. */
export function fitButton(label: string, max = BUTTON_MAX_CHARS): string {
  const chars = [...label];
  if (chars.length <= max) return label;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * Unit and organization names are long, so the message lists each role in full and
 * the buttons carry the part that tells them apart: the role's icon and its scope.
 */
function rolePicker(ctx: BotContext, grants: readonly RoleGrant[]) {
  const keyboard = new InlineKeyboard();
  const lines = grants.map((grant) => {
    const icon = ROLE_ICONS[grant.role];
    const short = "scopeName" in grant ? grant.scopeName[ctx.lang] : ctx.t(`roles.${grant.role}`);
    keyboard.text(fitButton(`${icon} ${short}`), `m:${grantKey(grant)}`).row();
    return `${icon} ${escapeHtml(grantTitle(ctx, grant))}`;
  });
  return { text: `${ctx.t("menu.pick_role")}\n\n${lines.join("\n")}`, keyboard };
}

/** Sends the person's home screen as a new message (or the personal-data notice first). */
export async function showHome(ctx: BotContext): Promise<void> {
  if (await showPendingNotice(ctx)) return;
  const grants = ctx.person?.grants ?? [];
  if (grants.length === 0) {
    const keyboard = new Keyboard().requestContact(ctx.t("menu.share_contact")).resized().oneTime();
    await ctx.reply(ctx.t("menu.no_role"), { parse_mode: "HTML", reply_markup: keyboard });
    return;
  }
  const [only] = grants;
  const screen =
    grants.length === 1 && only ? roleMenu(ctx, only, grants) : rolePicker(ctx, grants);
  await ctx.reply(screen.text, { parse_mode: "HTML", reply_markup: screen.keyboard });
}

export const menusFeature = new Composer<BotContext>();

menusFeature.command("menu", showHome);

// "🏠 Menu" under a message that should stay as it is (an invite link, a result):
// the home screen comes as a new message instead of replacing it.
menusFeature.callbackQuery("mn", async (ctx) => {
  await ctx.answerCallbackQuery();
  await showHome(ctx);
});

menusFeature.callbackQuery(/^m:(\w+)$/, async (ctx) => {
  const grants = ctx.person?.grants ?? [];
  const key = ctx.match[1] ?? "";
  const grant = findGrant(grants, key);
  if (key !== "home" && !grant) {
    await ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  if (grants.length === 0 || (key === "home" && ctx.person?.heldBack?.length)) return showHome(ctx);
  const screen = grant ? roleMenu(ctx, grant, grants) : rolePicker(ctx, grants);
  await ctx.editMessageText(screen.text, { parse_mode: "HTML", reply_markup: screen.keyboard });
});
