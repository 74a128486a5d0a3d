// "👥 Coordinators": admins see every coordinator (by role), regional coordinators the
// coordinators of their districts; each card has a revoke button behind a
// confirmation. The revocation itself is services/memberships.ts.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml, translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate } from "../../../rules/index.js";
import {
  type CoordinatorRole,
  coordinatorInScope,
  coordinatorsInScope,
  revocableRoles,
  revokeMembership,
} from "../../../services/memberships.js";
import type { RoleGrant } from "../../../services/people.js";
import { actorOf } from "../../actor.js";
import type { BotContext } from "../../context.js";
import { addItemButtons, addPager } from "../../keyboards.js";
import { addLinksAndBack, countedTitle } from "../../list-screen.js";
import { deny, doneByText } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { loadPage } from "./paged.js";

const PAGE_SIZE = 8;
const FILTERS = {
  x: null,
  d: "district_coordinator",
  r: "regional_coordinator",
  p: "provider_coordinator",
} as const satisfies Record<string, CoordinatorRole | null>;

type RevokingGrant = Extract<RoleGrant, { role: "regional_coordinator" | "admin" }>;

export const coordinatorsScreens = new Composer<BotContext>();

/** The screen's first filter for a grant: all roles for admins, districts for a region. */
function coordinatorsScreenData(grant: RevokingGrant): string {
  return routes.coordinators.pack({ grant, filter: grant.role === "admin" ? "x" : "d", page: 0 });
}

onRoute(coordinatorsScreens, routes.coordinators, async (ctx, { grant, filter, page: asked }) => {
  const role = FILTERS[filter];
  if (role && !revocableRoles(grant).includes(role)) return deny(ctx);
  await ctx.answerCallbackQuery();
  const list = await loadPage(asked, PAGE_SIZE, (window) =>
    coordinatorsInScope(ctx.deps.db, grant, { role, ...window }),
  );
  const keyboard = new InlineKeyboard();
  if (grant.role === "admin") {
    for (const [code, value] of Object.entries(FILTERS) as [
      keyof typeof FILTERS,
      CoordinatorRole | null,
    ][]) {
      const label = ctx.t(`access.coordinators.filter.${value ?? "all"}`);
      const data = routes.coordinators.pack({ grant, filter: code, page: 0 });
      keyboard.text(code === filter ? `• ${label}` : label, data);
    }
    keyboard.row();
  }
  addItemButtons(keyboard, list.items, (c) => ({
    label: `${c.name} · ${c.scopeName[ctx.lang]}`.slice(0, 60),
    data: routes.coordinatorCard.pack({ grant, membership: c.id }),
  }));
  addPager(keyboard, list, (page) => routes.coordinators.pack({ grant, filter, page }));
  addLinksAndBack(keyboard, ctx.t, grant);
  const text = countedTitle(ctx, list, "access.coordinators.none", "access.coordinators.list");
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
});

/** The card (`confirm` false) or the confirmation (`confirm` true) of one coordinator. */
async function showCoordinator(
  ctx: BotContext,
  grant: RevokingGrant,
  membership: number,
  confirm: boolean,
) {
  const entry = await coordinatorInScope(ctx.deps.db, grant, membership);
  if (!entry) return deny(ctx);
  await ctx.answerCallbackQuery();
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
    const data = routes.coordinatorRevokeConfirmed.pack({ grant, membership: entry.id });
    keyboard.text(ctx.t("access.coordinators.confirm_button"), data).row();
  } else {
    text = ctx.t("access.coordinators.card", params);
    const data = routes.coordinatorRevoke.pack({ grant, membership: entry.id });
    keyboard.text(ctx.t("access.coordinators.revoke_button"), data).row();
  }
  keyboard.text(ctx.t("access.buttons.to_coordinators"), coordinatorsScreenData(grant));
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
}

onRoute(coordinatorsScreens, routes.coordinatorCard, (ctx, { grant, membership }) =>
  showCoordinator(ctx, grant, membership, false),
);
onRoute(coordinatorsScreens, routes.coordinatorRevoke, (ctx, { grant, membership }) =>
  showCoordinator(ctx, grant, membership, true),
);

onRoute(coordinatorsScreens, routes.coordinatorRevokeConfirmed, async (ctx, press) => {
  const { grant } = press;
  const result = await revokeMembership(ctx.deps.db, {
    membershipId: press.membership,
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
    .text(ctx.t("access.buttons.menu"), routes.home.pack({}));
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
});
