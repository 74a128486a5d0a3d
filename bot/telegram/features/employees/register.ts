// A coordinator's employee register (district coordinators: their district;
// regional coordinators: the region-level unit's own staff): a paginated list with
// search by surname or IIN, and the ways in to add, import and find people.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { maskIin } from "../../../rules/index.js";
import { type ConsentState, employeeConsentStates } from "../../../services/consent.js";
import { shortName } from "../../../services/employee-directory.js";
import { searchEmployees } from "../../../services/employees.js";
import { grantKey, type RoleGrant } from "../../../services/people.js";
import type { BotContext } from "../../context.js";
import { addPager } from "../../keyboards.js";
import { onRoute } from "../../routing.js";

export const EMPLOYEE_FORM = "employee-form";
export const EMPLOYEE_SEARCH = "employee-search";
export const EMPLOYEE_IMPORT = "employee-import";
const PAGE_SIZE = 8;

/** The grant of a coordinator with an employee register. */
export type UnitGrant = Extract<
  RoleGrant,
  { role: "district_coordinator" | "regional_coordinator" }
>;

export const registerScreens = new Composer<BotContext>();

/** ✉️ not joined the bot, 🚫 declined the personal-data notice, ❔ not answered it yet. */
function consentMark(joined: boolean, state: ConsentState | undefined): string {
  if (!joined) return " ✉️";
  return state === "declined" ? " 🚫" : state === "agreed" ? "" : " ❔";
}

/** An IIN typed as a search is echoed masked, like every IIN in chat. */
function shownQuery(search: string): string {
  return /^\d{12}$/.test(search) ? maskIin(search) : search;
}

/**
 * The employees page; `search` narrows it to a surname prefix or an IIN, `notAgreed`
 * to those who joined but have not agreed to the personal-data notice.
 */
export async function showEmployees(
  ctx: BotContext,
  grant: UnitGrant,
  page: number,
  search?: string,
  notAgreed = false,
) {
  const { db } = ctx.deps;
  const result = await searchEmployees(db, [grant.unitId], {
    search,
    notAgreed,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const consents = await employeeConsentStates(
    db,
    result.items.map((e) => e.id),
  );
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const keyboard = new InlineKeyboard();
  for (const e of result.items) {
    // Search results carry the masked IIN, to tell namesakes apart.
    const label = `${shortName(e)}${search ? ` · ${maskIin(e.iin)}` : ""}${consentMark(e.joined, consents.get(e.id))}`;
    keyboard.text(label, routes.employeeCard.pack({ grant, employee: e.id })).row();
  }
  const pages = notAgreed ? routes.employeesNotAgreed : routes.employees;
  if (!search) addPager(keyboard, { page, pageCount }, (p) => pages.pack({ grant, page: p }));
  keyboard
    .row()
    .text(ctx.t("employees.search_button"), routes.employeeSearch.pack({ grant }))
    .text(ctx.t("employees.add_button"), routes.employeeNew.pack({ grant }))
    .row()
    .text(ctx.t("employees.import_button"), routes.employeeImport.pack({ grant }))
    .row()
    .text(ctx.t("privacy.not_agreed_button"), routes.employeesNotAgreed.pack({ grant, page: 0 }))
    .row()
    .text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  const text = search
    ? ctx.t("employees.found", { count: result.total, query: escapeHtml(shownQuery(search)) })
    : notAgreed
      ? ctx.t("privacy.not_agreed_list", { count: result.total })
      : `${ctx.t("employees.list", { count: result.total })}\n${ctx.t("privacy.marks")}`;
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

onRoute(registerScreens, routes.employees, async (ctx, { grant, page }) => {
  await ctx.answerCallbackQuery();
  await showEmployees(ctx, grant, page);
});

onRoute(registerScreens, routes.employeesNotAgreed, async (ctx, { grant, page }) => {
  await ctx.answerCallbackQuery();
  await showEmployees(ctx, grant, page, undefined, true);
});

for (const [route, conversation, ...args] of [
  [routes.employeeImport, EMPLOYEE_IMPORT],
  [routes.employeeSearch, EMPLOYEE_SEARCH],
  [routes.employeeNew, EMPLOYEE_FORM, null, null],
] as const) {
  onRoute(registerScreens, route, async (ctx, { grant }) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(conversation, grantKey(grant), ...args);
  });
}
