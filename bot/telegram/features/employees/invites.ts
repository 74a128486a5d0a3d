// Coordinators invite the employees of their scope who have not joined yet: a
// paginated list, and for each a one-time link to forward to the person.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate } from "../../../rules/index.js";
import {
  employeeName,
  employeesNotJoined,
  fullName,
  shortName,
} from "../../../services/employee-directory.js";
import { issueInvite } from "../../../services/invite-links.js";
import { inviteLink } from "../../../services/invites.js";
import { loadPage } from "../../../services/paging.js";
import { employeeInScope, unitIdsInScope } from "../../../services/scope.js";
import { actorOf } from "../../actor.js";
import type { BotContext } from "../../context.js";
import { addItemButtons, addPager } from "../../keyboards.js";
import {
  addLinksAndBack,
  countedTitle,
  type InvitingGrant,
  showScreen,
} from "../../list-screen.js";
import { deny } from "../../refusal.js";
import { type CallbackContext, onRoute } from "../../routing.js";

const PAGE_SIZE = 8;

export const inviteScreens = new Composer<BotContext>();

/** The employees to invite, a page of them: in place, or `below` a link just made (which must stay). */
async function showNotJoined(
  ctx: CallbackContext,
  grant: InvitingGrant,
  requested: number,
  below: boolean,
) {
  await ctx.answerCallbackQuery();
  const { db } = ctx.deps;
  const units = await unitIdsInScope(db, grant);
  const list = await loadPage(
    (range) => employeesNotJoined(db, units, range),
    requested,
    PAGE_SIZE,
  );
  const { page, pageCount } = list;

  const keyboard = addItemButtons(new InlineKeyboard(), list.items, (employee) => ({
    label: shortName(employee),
    data: routes.employeeInviteLink.pack({ grant, employee: employee.id }),
  }));
  addPager(keyboard, { page, pageCount }, (p) => routes.employeeInvites.pack({ grant, page: p }));
  addLinksAndBack(keyboard, ctx.t, grant);
  const text = countedTitle(ctx, list, "invites.employees.all_joined", "invites.employees.list");
  await showScreen(ctx, text, keyboard, below);
}

onRoute(inviteScreens, routes.employeeInvites, (ctx, { grant, page }) =>
  showNotJoined(ctx, grant, page, false),
);
onRoute(inviteScreens, routes.employeeInvitesBelow, (ctx, { grant, page }) =>
  showNotJoined(ctx, grant, page, true),
);

onRoute(inviteScreens, routes.employeeInviteLink, async (ctx, { grant, employee: employeeId }) => {
  const { db, clock, config } = ctx.deps;
  if (!(await employeeInScope(db, grant, employeeId))) return deny(ctx);
  const employee = await employeeName(db, employeeId);
  if (!employee?.active || employee.joined) {
    return ctx.answerCallbackQuery({
      text: ctx.t("invites.employees.already_joined"),
      show_alert: true,
    });
  }
  await ctx.answerCallbackQuery();
  const invite = await issueInvite(
    db,
    actorOf(ctx, grant),
    { kind: "employee", employeeId },
    { now: clock(), ttlDays: config.inviteTtlDays },
  );
  if (!invite.ok) return ctx.reply(ctx.t("access.refused.role_revoked"));
  const keyboard = new InlineKeyboard()
    .text(
      ctx.t("access.buttons.to_employees_to_invite"),
      routes.employeeInvitesBelow.pack({ grant, page: 0 }),
    )
    .row()
    // The links' screen comes as a new message, so the link above stays to be copied.
    .text(ctx.t("access.buttons.open_links"), routes.inviteLinksBelow.pack({ grant, page: 0 }))
    .row()
    .text(ctx.t("access.buttons.menu"), routes.home.pack({}));
  await ctx.reply(
    ctx.t("invites.employees.link", {
      name: escapeHtml(fullName(employee)),
      link: inviteLink(ctx.me.username, invite.payload),
      until: formatDate(almatyDate(invite.expiresAt)),
    }),
    { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: keyboard },
  );
});
