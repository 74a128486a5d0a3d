// Roles wait for the personal-data notice (Law No. 94-V): an employee's menu opens
// once they agreed to the current version of the employee notice, a coordinator's
// once they agreed to the coordinator notice. Until then those roles are held back
// and the home screen shows the notice; a new version of a text asks again.
import type { MiddlewareFn } from "grammy";
import type { ConsentSubject } from "../../../db/types.js";
import { type Route, routes } from "../../routes/index.js";
import { type ConsentState, consentStates } from "../../services/consent.js";
import { loadRoleGrants, type RoleGrant } from "../../services/people.js";
import type { BotContext } from "../context.js";
import { showHome } from "../features/menus.js";

export function consentSubject(grant: RoleGrant): ConsentSubject | null {
  if (grant.role === "employee") return "employee";
  return grant.role === "admin" ? null : "coordinator";
}

/**
 * Splits the person's grants into those usable now and those waiting for consent,
 * by their answers as `identify` read them, or read afresh (`known` absent) after
 * something in this update may have changed them.
 */
export async function applyConsentGate(
  ctx: BotContext,
  known?: Record<ConsentSubject, ConsentState>,
): Promise<void> {
  const person = ctx.person;
  if (!person) return;
  const all = [...person.grants, ...(person.heldBack ?? [])];
  const states = known ?? (await consentStates(ctx.deps.db, person.telegramId));
  const allowed = (g: RoleGrant) => {
    const subject = consentSubject(g);
    return subject === null || states[subject] === "agreed";
  };
  person.consent = states;
  person.grants = all.filter(allowed);
  person.heldBack = all.filter((g) => !allowed(g));
}

/** After the person gained a role (an invite, their contact): their grants read again and gated. */
export async function reloadGrants(ctx: BotContext): Promise<void> {
  const person = ctx.person;
  if (!person) return;
  const { db, config } = ctx.deps;
  person.grants = await loadRoleGrants(db, person.telegramId, config.adminTelegramIds);
  person.heldBack = [];
  await applyConsentGate(ctx);
}

/**
 * Buttons that work before consent: the notice itself, language, home, about, and
 * "My data" (a copy and a correction are the person's right whatever they answered).
 */
const OPEN_ROUTES: readonly Pick<Route, "owns">[] = [
  routes.privacyNotice,
  routes.privacyAnswer,
  routes.language,
  routes.languagePicker,
  routes.roleMenu,
  routes.rolePicker,
  routes.about,
  routes.noop,
  routes.myData,
  routes.myDataFile,
  routes.myDataCorrection,
];
const isOpen = (data: string) => OPEN_ROUTES.some((route) => route.owns(data));

export const consentGate: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (!ctx.person) return next();
  await applyConsentGate(ctx, ctx.person.consent);
  const waiting = ctx.person.heldBack ?? [];
  const data = ctx.callbackQuery?.data;
  if (waiting.length > 0 && ctx.person.grants.length === 0 && data && !isOpen(data)) {
    // An old button (or a reminder's) of a role that waits for consent: show the notice.
    await ctx.answerCallbackQuery();
    return showHome(ctx);
  }
  await next();
};
