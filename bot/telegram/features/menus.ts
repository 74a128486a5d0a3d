// Main menus: one per role. A person with no role is told what to ask for; a
// person with several roles picks which menu to open. Later features add their
// entries to ROLE_MENU_ITEMS.
import { Composer, InlineKeyboard, Keyboard } from "grammy";
import { escapeHtml, type TextKey } from "../../i18n/index.js";
import { routes } from "../../routes/index.js";
import { grantKey, type RoleGrant, type RoleName } from "../../services/people.js";
import type { BotContext } from "../context.js";
import { onRoute } from "../routing.js";
import { showPendingNotice } from "./privacy-notice.js";

interface MenuItem {
  labelKey: TextKey;
  data: (grant: RoleGrant) => string;
}

/** A menu entry for a route that needs the grant the menu is for. */
const item = <R extends RoleName>(
  labelKey: TextKey,
  pack: (grant: Extract<RoleGrant, { role: R }>) => string,
): MenuItem => ({ labelKey, data: (grant) => pack(grant as Extract<RoleGrant, { role: R }>) });

const languageItem: MenuItem = {
  labelKey: "menu.language",
  data: () => routes.languagePicker.pack({}),
};

type Unit = "district_coordinator" | "regional_coordinator";
const unitItems = (list: TextKey): MenuItem[] => [
  item<Unit>(list, (grant) => routes.listScreen.pack({ grant })),
];

export const ROLE_MENU_ITEMS: Record<RoleName, MenuItem[]> = {
  employee: [
    item<"employee">("employee.menu.status", (grant) => routes.employeeStatus.pack({ grant })),
    item<"employee">("employee.menu.cohort", (grant) => routes.employeeCohort.pack({ grant })),
    item<"employee">("employee.menu.agreement", (grant) =>
      routes.employeeAgreement.pack({ grant }),
    ),
    item<"employee">("employee.menu.transfer", (grant) => routes.employeeTransfer.pack({ grant })),
    item<"employee">("employee.menu.documents", (grant) =>
      routes.employeeDocuments.pack({ grant }),
    ),
    { labelKey: "privacy.menu", data: () => routes.myData.pack({}) },
    { labelKey: "menu.about", data: () => routes.about.pack({}) },
    languageItem,
  ],
  district_coordinator: [
    ...unitItems("menu.next_year_list"),
    item<Unit>("menu.employees", (grant) => routes.employees.pack({ grant, page: 0 })),
    item<Unit>("menu.employee_invites", (grant) => routes.employeeInvites.pack({ grant, page: 0 })),
    item<Unit>("menu.overview", (grant) => routes.overview.pack({ grant })),
    item<Unit>("menu.reminders", (grant) => routes.reminders.pack({ grant })),
    languageItem,
  ],
  regional_coordinator: [
    ...unitItems("menu.consolidated_list"),
    item<"regional_coordinator">("menu.district_lists", (grant) =>
      routes.districtLists.pack({ grant }),
    ),
    item<"regional_coordinator">("menu.enrol", (grant) => routes.enrol.pack({ grant })),
    item<"regional_coordinator">("head_orders.menu", (grant) => routes.headOrders.pack({ grant })),
    item<"regional_coordinator">("menu.transfer_requests", (grant) =>
      routes.transferRequests.pack({ grant }),
    ),
    item<"regional_coordinator">("menu.breaches", (grant) => routes.breaches.pack({ grant })),
    item<Unit>("menu.own_employees", (grant) => routes.employees.pack({ grant, page: 0 })),
    item<Unit>("menu.employee_invites", (grant) => routes.employeeInvites.pack({ grant, page: 0 })),
    item<"regional_coordinator">("access.menu.district_coordinators", (grant) =>
      routes.coordinators.pack({ grant, filter: "d", page: 0 }),
    ),
    item<Unit>("menu.overview", (grant) => routes.overview.pack({ grant })),
    item<Unit>("menu.reminders", (grant) => routes.reminders.pack({ grant })),
    languageItem,
  ],
  provider_coordinator: [
    item<"provider_coordinator">("menu.cohorts", (grant) => routes.cohorts.pack({ grant })),
    item<"provider_coordinator">("menu.certificate", (grant) => routes.certificate.pack({ grant })),
    item<"provider_coordinator">("menu.register", (grant) => routes.register.pack({ grant })),
    item<"provider_coordinator">("menu.logo", (grant) => routes.logo.pack({ grant })),
    item<"provider_coordinator">("menu.reminders", (grant) => routes.reminders.pack({ grant })),
    languageItem,
  ],
  admin: [
    item<"admin">("menu.coordinator_invite", (grant) => routes.coordinatorInvite.pack({ grant })),
    item<"admin">("access.menu.coordinators", (grant) =>
      routes.coordinators.pack({ grant, filter: "x", page: 0 }),
    ),
    item<"admin">("access.menu.invite_links", (grant) =>
      routes.inviteLinks.pack({ grant, page: 0 }),
    ),
    item<"admin">("menu.providers", (grant) => routes.providers.pack({ grant })),
    item<"admin">("menu.national_overview", (grant) => routes.nationalOverview.pack({ grant })),
    item<"admin">("menu.reminders", (grant) => routes.reminders.pack({ grant })),
    item<"admin">("privacy.log.menu", (grant) =>
      routes.accessLog.pack({ grant, days: "7", page: 0 }),
    ),
    languageItem,
  ],
};

export function grantTitle(ctx: BotContext, grant: RoleGrant): string {
  const role = ctx.t(`roles.${grant.role}`);
  return "scopeName" in grant ? `${role}: ${grant.scopeName[ctx.lang]}` : role;
}

function roleMenu(ctx: BotContext, grant: RoleGrant, grants: readonly RoleGrant[]) {
  const keyboard = new InlineKeyboard();
  const tables = tablesUrl(ctx, grant);
  if (tables) keyboard.webApp(ctx.t("menu.tables"), tables).row();
  for (const item of ROLE_MENU_ITEMS[grant.role]) {
    keyboard.text(ctx.t(item.labelKey), item.data(grant)).row();
  }
  if (grants.length > 1) keyboard.text(ctx.t("menu.switch_role"), routes.rolePicker.pack({}));
  const text = ctx.t("menu.role_menu", { title: escapeHtml(grantTitle(ctx, grant)) });
  return { text, keyboard };
}

/**
 * The coordinators' tables (the Mini App) opened on this role, when WEBAPP_URL is
 * set; employees have none, their chat screens are the whole of their part.
 */
function tablesUrl(ctx: BotContext, grant: RoleGrant): string | undefined {
  const webapp = ctx.deps.config.webapp;
  if (!webapp || grant.role === "employee") return undefined;
  return `${webapp.url}?grant=${grantKey(grant)}`;
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
    keyboard.text(fitButton(`${icon} ${short}`), routes.roleMenu.pack({ grant })).row();
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
onRoute(menusFeature, routes.home, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showHome(ctx);
});

onRoute(menusFeature, routes.rolePicker, async (ctx) => {
  await ctx.answerCallbackQuery();
  const grants = ctx.person?.grants ?? [];
  if (grants.length === 0 || ctx.person?.heldBack?.length) return showHome(ctx);
  const screen = rolePicker(ctx, grants);
  await ctx.editMessageText(screen.text, { parse_mode: "HTML", reply_markup: screen.keyboard });
});

onRoute(menusFeature, routes.roleMenu, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const screen = roleMenu(ctx, grant, ctx.person?.grants ?? []);
  await ctx.editMessageText(screen.text, { parse_mode: "HTML", reply_markup: screen.keyboard });
});
