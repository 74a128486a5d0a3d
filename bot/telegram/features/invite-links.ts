// "🔗 Unused links": the invite links a person may issue that nobody has used yet,
// newest first; each can be cancelled (services/invite-links.ts). Admins see every
// link, district and regional coordinators the employee links of their scope.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml, translateKey } from "../../i18n/index.js";
import { almatyDate, formatDate, formatDateTime } from "../../rules/index.js";
import {
  cancelInvite,
  type OpenInvite,
  openInvite,
  openInvites,
} from "../../services/invite-links.js";
import { findGrant, grantKey, type RoleGrant } from "../../services/people.js";
import { actorOf } from "../actor.js";
import type { BotContext } from "../context.js";
import { addPager, callbackData } from "../keyboards.js";
import { doneByText } from "../refusal.js";
import { deny } from "./unit-scope.js";

const PAGE_SIZE = 8;
const ISSUING_ROLES = new Set(["district_coordinator", "regional_coordinator", "admin"]);

export const inviteLinksFeature = new Composer<BotContext>();

function issuingGrant(ctx: BotContext, key: string): RoleGrant | undefined {
  const grant = findGrant(ctx.person?.grants ?? [], key);
  return grant && ISSUING_ROLES.has(grant.role) ? grant : undefined;
}

function label(ctx: BotContext, invite: OpenInvite): string {
  const until = ctx.t("access.links.item_until", {
    until: formatDate(almatyDate(invite.expiresAt)),
  });
  const role = invite.role ? `${ctx.t(`roles.${invite.role}`)}: ` : "";
  const target = `${role}${invite.target[ctx.lang]}`;
  return `${target.slice(0, 60 - until.length - 3)} · ${until}`;
}

// "il:<grant>:<page>" edits the screen in place; with ":n" it comes as a new message
// (from under a link just made, which must stay readable).
inviteLinksFeature.callbackQuery(/^il:(\w+):(\d+)(:n)?$/, async (ctx) => {
  const grant = issuingGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  await ctx.answerCallbackQuery();
  const { db, clock } = ctx.deps;
  const requested = Number(ctx.match[2]);
  const now = clock();
  let list = await openInvites(db, grant, { now, offset: requested * PAGE_SIZE, limit: PAGE_SIZE });
  const pageCount = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const page = Math.min(requested, pageCount - 1);
  if (page !== requested) {
    list = await openInvites(db, grant, { now, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
  }
  const key = grantKey(grant);
  const keyboard = new InlineKeyboard();
  for (const invite of list.items) {
    keyboard.text(label(ctx, invite), callbackData("ilv", key, invite.id)).row();
  }
  addPager(keyboard, { page, pageCount }, (p) => callbackData("il", key, p));
  keyboard.row().text(ctx.t("menu.back"), `m:${key}`);
  const text =
    list.total === 0
      ? ctx.t("access.links.none")
      : ctx.t("access.links.list", { count: list.total });
  const options = { parse_mode: "HTML" as const, reply_markup: keyboard };
  if (ctx.match[3]) await ctx.reply(text, options);
  else await ctx.editMessageText(text, options);
});

inviteLinksFeature.callbackQuery(/^ilv:(\w+):(\d+)$/, async (ctx) => {
  const grant = issuingGrant(ctx, ctx.match[1] ?? "");
  const { db, clock } = ctx.deps;
  const invite = grant && (await openInvite(db, grant, Number(ctx.match[2]), clock()));
  if (!grant || !invite) {
    return ctx.answerCallbackQuery({ text: ctx.t("access.refused.not_found"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  const key = grantKey(grant);
  const params = {
    target: escapeHtml(invite.target[ctx.lang]),
    role: invite.role ? ctx.t(`roles.${invite.role}`) : "",
    by: escapeHtml(invite.createdBy ?? ctx.t("access.links.unknown_person")),
    at: formatDateTime(invite.createdAt),
    until: formatDate(almatyDate(invite.expiresAt)),
  };
  const text = ctx.t(`access.links.card_${invite.kind}`, params);
  const keyboard = new InlineKeyboard()
    .text(ctx.t("access.links.cancel_button"), callbackData("ilc", key, invite.id))
    .row()
    .text(ctx.t("access.buttons.to_links"), callbackData("il", key, 0));
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
});

inviteLinksFeature.callbackQuery(/^ilc:(\w+):(\d+)$/, async (ctx) => {
  const grant = issuingGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  const result = await cancelInvite(ctx.deps.db, {
    inviteId: Number(ctx.match[2]),
    actor: actorOf(ctx, grant),
    now: ctx.deps.clock(),
  });
  if (!result.ok && result.reason === "not_found") return deny(ctx);
  await ctx.answerCallbackQuery();
  let text: string;
  if (result.ok) text = ctx.t("access.links.cancelled");
  else if (result.done) text = doneByText(ctx, result.done);
  else if (result.reason === "role_revoked") text = ctx.t("access.refused.role_revoked");
  else text = translateKey(ctx.t, `access.links.refused.${result.reason}`);
  const keyboard = new InlineKeyboard()
    .text(ctx.t("access.buttons.to_links"), callbackData("il", grantKey(grant), 0))
    .row()
    .text(ctx.t("access.buttons.menu"), "mn");
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
});
