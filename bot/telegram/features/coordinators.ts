// "👥 Coordinators": admins see every coordinator (by role), regional coordinators the
// coordinators of their districts; each card has a revoke button behind a
// confirmation. The revocation itself is services/memberships.ts.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml, translateKey } from "../../i18n/index.js";
import { almatyDate, formatDate } from "../../rules/index.js";
import {
  type CoordinatorRole,
  coordinatorInScope,
  coordinatorsInScope,
  revocableRoles,
  revokeMembership,
} from "../../services/memberships.js";
import { findGrant, grantKey, type RoleGrant } from "../../services/people.js";
import { actorOf } from "../actor.js";
import type { BotContext } from "../context.js";
import { addPager, callbackData } from "../keyboards.js";
import { doneByText } from "../refusal.js";
import { deny } from "./unit-scope.js";

const PAGE_SIZE = 8;
const FILTERS: Record<string, CoordinatorRole | null> = {
  x: null,
  d: "district_coordinator",
  r: "regional_coordinator",
  p: "provider_coordinator",
};

export const coordinatorsFeature = new Composer<BotContext>();

/** The grant named in callback data, if the person holds it and it may revoke roles. */
function revokingGrant(ctx: BotContext, key: string): RoleGrant | undefined {
  const grant = findGrant(ctx.person?.grants ?? [], key);
  return grant && revocableRoles(grant).length > 0 ? grant : undefined;
}

/** The screen's first filter for a grant: all roles for admins, districts for a region. */
export function coordinatorsScreenData(grant: RoleGrant): string {
  return callbackData("cr", grantKey(grant), grant.role === "admin" ? "x" : "d", 0);
}

coordinatorsFeature.callbackQuery(/^cr:(\w+):([xdrp]):(\d+)$/, async (ctx) => {
  const grant = revokingGrant(ctx, ctx.match[1] ?? "");
  const filter = ctx.match[2] ?? "x";
  const role = FILTERS[filter] ?? null;
  if (!grant || (role && !revocableRoles(grant).includes(role))) return deny(ctx);
  await ctx.answerCallbackQuery();
  const key = grantKey(grant);
  const requested = Number(ctx.match[3]);
  const query = { role, limit: PAGE_SIZE };
  let list = await coordinatorsInScope(ctx.deps.db, grant, {
    ...query,
    offset: requested * PAGE_SIZE,
  });
  const pageCount = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const page = Math.min(requested, pageCount - 1);
  if (page !== requested) {
    list = await coordinatorsInScope(ctx.deps.db, grant, { ...query, offset: page * PAGE_SIZE });
  }

  const keyboard = new InlineKeyboard();
  if (grant.role === "admin") {
    for (const [code, value] of Object.entries(FILTERS)) {
      const label = ctx.t(`access.coordinators.filter.${value ?? "all"}`);
      keyboard.text(code === filter ? `• ${label}` : label, callbackData("cr", key, code, 0));
    }
    keyboard.row();
  }
  for (const c of list.items) {
    const label = `${c.name} · ${c.scopeName[ctx.lang]}`.slice(0, 60);
    keyboard.text(label, callbackData("crv", key, c.id)).row();
  }
  addPager(keyboard, { page, pageCount }, (p) => callbackData("cr", key, filter, p));
  keyboard.row().text(ctx.t("access.buttons.open_links"), callbackData("il", key, 0));
  keyboard.row().text(ctx.t("menu.back"), `m:${key}`);
  const text =
    list.total === 0
      ? ctx.t("access.coordinators.none")
      : ctx.t("access.coordinators.list", { count: list.total });
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
});

/** The card (`confirm` false) or the confirmation (`confirm` true) of one coordinator. */
async function showCoordinator(ctx: BotContext, confirm: boolean) {
  const grant = revokingGrant(ctx, String(ctx.match?.[1] ?? ""));
  const entry = grant && (await coordinatorInScope(ctx.deps.db, grant, Number(ctx.match?.[2])));
  if (!grant || !entry) return deny(ctx);
  await ctx.answerCallbackQuery();
  const key = grantKey(grant);
  const params = {
    name: escapeHtml(entry.name),
    username: entry.username ? ` @${escapeHtml(entry.username)}` : "",
    role: ctx.t(`roles.${entry.role}`),
    scope: escapeHtml(entry.scopeName[ctx.lang]),
    since: formatDate(almatyDate(entry.since)),
  };
  const keyboard = new InlineKeyboard();
  let text: string;
  if (entry.revokedAt) {
    text = `${ctx.t("access.coordinators.card", params)}\n\n${ctx.t("access.coordinators.already_revoked")}`;
  } else if (confirm) {
    text = ctx.t("access.coordinators.confirm", params);
    keyboard.text(ctx.t("access.coordinators.confirm_button"), callbackData("cry", key, entry.id));
    keyboard.row();
  } else {
    text = ctx.t("access.coordinators.card", params);
    keyboard.text(ctx.t("access.coordinators.revoke_button"), callbackData("crr", key, entry.id));
    keyboard.row();
  }
  keyboard.text(ctx.t("access.buttons.to_coordinators"), coordinatorsScreenData(grant));
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
}

coordinatorsFeature.callbackQuery(/^crv:(\w+):(\d+)$/, (ctx) => showCoordinator(ctx, false));
coordinatorsFeature.callbackQuery(/^crr:(\w+):(\d+)$/, (ctx) => showCoordinator(ctx, true));

coordinatorsFeature.callbackQuery(/^cry:(\w+):(\d+)$/, async (ctx) => {
  const grant = revokingGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  const result = await revokeMembership(ctx.deps.db, {
    membershipId: Number(ctx.match[2]),
    actor: actorOf(ctx, grant),
    now: ctx.deps.clock(),
  });
  if (!result.ok && result.reason === "not_found") return deny(ctx);
  await ctx.answerCallbackQuery();
  let text: string;
  if (result.ok) {
    text = ctx.t("access.coordinators.revoked", {
      name: escapeHtml(result.revoked.name),
      role: ctx.t(`roles.${result.revoked.role}`),
      scope: escapeHtml(result.revoked.scopeName[ctx.lang]),
      links: result.linksCancelled,
    });
  } else if (result.done) {
    text = doneByText(ctx, result.done);
  } else {
    text = translateKey(ctx.t, `access.refused.${result.reason}`);
  }
  const keyboard = new InlineKeyboard()
    .text(ctx.t("access.buttons.to_coordinators"), coordinatorsScreenData(grant))
    .row()
    .text(ctx.t("access.buttons.menu"), "mn");
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
});
