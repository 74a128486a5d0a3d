// Coordinators invite the employees of their scope who have not joined yet: a
// paginated list, and for each a one-time link to forward to the person.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../i18n/index.js";
import { almatyDate, formatDate } from "../../rules/index.js";
import {
  employeeName,
  employeesNotJoined,
  fullName,
  shortName,
} from "../../services/employee-directory.js";
import { issueInvite } from "../../services/invite-links.js";
import { inviteLink } from "../../services/invites.js";
import { findGrant, grantKey, type RoleGrant } from "../../services/people.js";
import { employeeInScope, unitIdsInScope } from "../../services/scope.js";
import { actorOf } from "../actor.js";
import type { BotContext } from "../context.js";
import { addPager, callbackData } from "../keyboards.js";

const PAGE_SIZE = 8;
const INVITING_ROLES = new Set(["district_coordinator", "regional_coordinator", "admin"]);

export const employeeInvitesFeature = new Composer<BotContext>();

/** The grant named in callback data, if the person really holds it and it may invite. */
function invitingGrant(ctx: BotContext, key: string): RoleGrant | undefined {
  const grant = findGrant(ctx.person?.grants ?? [], key);
  return grant && INVITING_ROLES.has(grant.role) ? grant : undefined;
}

// "ei:<grant>:<page>" edits the screen; with ":n" it comes as a new message, from
// under a link just made (which must stay readable to be forwarded).
employeeInvitesFeature.callbackQuery(/^ei:(\w+):(\d+)(:n)?$/, async (ctx) => {
  const grant = invitingGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  await ctx.answerCallbackQuery();

  const { db } = ctx.deps;
  const requested = Number(ctx.match[2]);
  const units = await unitIdsInScope(db, grant);
  let list = await employeesNotJoined(db, units, {
    offset: requested * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const pageCount = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const page = Math.min(requested, pageCount - 1);
  if (page !== requested) {
    list = await employeesNotJoined(db, units, { offset: page * PAGE_SIZE, limit: PAGE_SIZE });
  }

  const key = grantKey(grant);
  const keyboard = new InlineKeyboard();
  for (const employee of list.items) {
    keyboard.text(shortName(employee), callbackData("eg", key, employee.id)).row();
  }
  addPager(keyboard, { page, pageCount }, (p) => callbackData("ei", key, p));
  keyboard.row().text(ctx.t("access.buttons.open_links"), callbackData("il", key, 0));
  keyboard.row().text(ctx.t("menu.back"), `m:${key}`);
  const text =
    list.total === 0
      ? ctx.t("invites.employees.all_joined")
      : ctx.t("invites.employees.list", { count: list.total });
  const options = { parse_mode: "HTML" as const, reply_markup: keyboard };
  if (ctx.match[3]) await ctx.reply(text, options);
  else await ctx.editMessageText(text, options);
});

employeeInvitesFeature.callbackQuery(/^eg:(\w+):(\d+)$/, async (ctx) => {
  const grant = invitingGrant(ctx, ctx.match[1] ?? "");
  const employeeId = Number(ctx.match[2]);
  const { db, clock, config } = ctx.deps;
  if (!grant || !(await employeeInScope(db, grant, employeeId))) {
    return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  }
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
  const key = grantKey(grant);
  const keyboard = new InlineKeyboard()
    .text(ctx.t("access.buttons.to_employees_to_invite"), callbackData("ei", key, 0, "n"))
    .row()
    .text(ctx.t("access.buttons.open_links"), callbackData("il", key, 0, "n"))
    .row()
    .text(ctx.t("access.buttons.menu"), "mn");
  await ctx.reply(
    ctx.t("invites.employees.link", {
      name: escapeHtml(fullName(employee)),
      link: inviteLink(ctx.me.username, invite.payload),
      until: formatDate(almatyDate(invite.expiresAt)),
    }),
    { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: keyboard },
  );
});
