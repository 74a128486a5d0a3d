// "🔗 Unused links": the invite links a person may issue that nobody has used yet,
// newest first; each can be cancelled (services/invite-links.ts). Admins see every
// link, district and regional coordinators the employee links of their scope.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml, translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate, formatDateTime } from "../../../rules/index.js";
import {
  cancelInvite,
  type OpenInvite,
  openInvite,
  openInvites,
} from "../../../services/invite-links.js";
import { actorOf } from "../../actor.js";
import type { BotContext } from "../../context.js";
import { addItemButtons, addPager } from "../../keyboards.js";
import { countedTitle, type InvitingGrant, showScreen } from "../../list-screen.js";
import { deny, doneByText } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { loadPage } from "./paged.js";

const PAGE_SIZE = 8;

export const inviteLinksScreens = new Composer<BotContext>();

function label(ctx: BotContext, invite: OpenInvite): string {
  const until = ctx.t("access.links.item_until", {
    until: formatDate(almatyDate(invite.expiresAt)),
  });
  const role = invite.role ? `${ctx.t(`roles.${invite.role}`)}: ` : "";
  const target = `${role}${invite.target[ctx.lang]}`;
  return `${target.slice(0, 60 - until.length - 3)} · ${until}`;
}

/** The list, in place of the screen pressed or (`below`) as a new message under it. */
async function showLinks(ctx: BotContext, grant: InvitingGrant, asked: number, below: boolean) {
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  const list = await loadPage(asked, PAGE_SIZE, (window) =>
    openInvites(ctx.deps.db, grant, { now, ...window }),
  );
  const keyboard = addItemButtons(new InlineKeyboard(), list.items, (invite) => ({
    label: label(ctx, invite),
    data: routes.inviteLinkCard.pack({ grant, invite: invite.id }),
  }));
  addPager(keyboard, list, (page) => routes.inviteLinks.pack({ grant, page }));
  keyboard.row().text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  const text = countedTitle(ctx, list, "access.links.none", "access.links.list");
  await showScreen(ctx, text, keyboard, below);
}

onRoute(inviteLinksScreens, routes.inviteLinks, (ctx, { grant, page }) =>
  showLinks(ctx, grant, page, false),
);
// From under a link just made, which must stay readable: the list comes as a new message.
onRoute(inviteLinksScreens, routes.inviteLinksBelow, (ctx, { grant, page }) =>
  showLinks(ctx, grant, page, true),
);

onRoute(inviteLinksScreens, routes.inviteLinkCard, async (ctx, { grant, invite: id }) => {
  const invite = await openInvite(ctx.deps.db, grant, id, ctx.deps.clock());
  if (!invite) {
    return ctx.answerCallbackQuery({ text: ctx.t("access.refused.not_found"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  const params = {
    target: escapeHtml(invite.target[ctx.lang]),
    role: invite.role ? ctx.t(`roles.${invite.role}`) : "",
    by: escapeHtml(invite.createdBy ?? ctx.t("access.links.unknown_person")),
    at: formatDateTime(invite.createdAt),
    until: formatDate(almatyDate(invite.expiresAt)),
  };
  const text = ctx.t(`access.links.card_${invite.kind}`, params);
  const keyboard = new InlineKeyboard()
    .text(ctx.t("access.links.cancel_button"), routes.inviteLinkCancel.pack({ grant, invite: id }))
    .row()
    .text(ctx.t("access.buttons.to_links"), routes.inviteLinks.pack({ grant, page: 0 }));
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
});

onRoute(inviteLinksScreens, routes.inviteLinkCancel, async (ctx, { grant, invite }) => {
  const result = await cancelInvite(ctx.deps.db, {
    inviteId: invite,
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
    .text(ctx.t("access.buttons.to_links"), routes.inviteLinks.pack({ grant, page: 0 }))
    .row()
    .text(ctx.t("access.buttons.menu"), routes.home.pack({}));
  await ctx.editMessageText(text, { parse_mode: "HTML", reply_markup: keyboard });
});
