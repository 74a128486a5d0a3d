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
import { createInvite, inviteLink } from "../../services/invites.js";
import { findGrant, grantKey, type RoleGrant } from "../../services/people.js";
import { employeeInScope, unitIdsInScope } from "../../services/scope.js";
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

employeeInvitesFeature.callbackQuery(/^ei:(\w+):(\d+)$/, async (ctx) => {
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
  keyboard.row().text(ctx.t("menu.back"), `m:${key}`);
  const text =
    list.total === 0
      ? ctx.t("invites.employees.all_joined")
      : ctx.t("invites.employees.list", { count: list.total });
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
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
  const invite = await createInvite(
    db,
    { kind: "employee", employeeId },
    { createdBy: ctx.person?.telegramId ?? 0, now: clock(), ttlDays: config.inviteTtlDays },
  );
  await ctx.reply(
    ctx.t("invites.employees.link", {
      name: escapeHtml(fullName(employee)),
      link: inviteLink(ctx.me.username, invite.payload),
      until: formatDate(almatyDate(invite.expiresAt)),
    }),
    { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
  );
});
