// An admin creates an invite link for a coordinator: the role, then the scope
// (region, district or provider), then the link. Every picker has a way back to the
// step before it. State lives in the database, so the admin may finish after a
// restart of the bot; the admin's role is checked again when the link is written.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate } from "../../../rules/index.js";
import {
  listActiveProviders,
  listDistricts,
  listRegions,
  type NamedItem,
} from "../../../services/directory.js";
import { issueInvite } from "../../../services/invite-links.js";
import { inviteLink } from "../../../services/invites.js";
import { ADMIN_GRANT, actorOf } from "../../actor.js";
import type { BotContext, ConversationContext } from "../../context.js";
import type { Convo } from "../../conversations/steps.js";
import { buttonGrid, cancelButton } from "../../keyboards.js";
import { onRoute, waitForRoute, withGrant } from "../../routing.js";

export const COORDINATOR_INVITE = "coordinator-invite";

const ROLES = routes.coordinatorInviteRole.params.role;
type CoordinatorRole = (typeof ROLES)[number];
const ADMIN = { role: "admin" } as const;
const BACK = "back";

/** The message a step edits: the context of the button pressed to get there. */
type Step = ConversationContext;
type Picked = { item: NamedItem; step: Step };

export const coordinatorInviteEntry = new Composer<BotContext>();

onRoute(coordinatorInviteEntry, routes.coordinatorInvite, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(COORDINATOR_INVITE);
});

export async function coordinatorInvite(conversation: Convo, ctx: ConversationContext) {
  let previous: Step | undefined;
  for (;;) {
    const { role, step } = await pickRole(conversation, ctx, previous);
    const scope =
      role === "provider_coordinator"
        ? await pickProvider(conversation, step)
        : await pickUnit(conversation, step, role);
    if (scope === undefined) return;
    if (scope === BACK) {
      previous = step;
      continue;
    }
    return showLink(conversation, ctx, role, scope);
  }
}

async function pickRole(conversation: Convo, ctx: ConversationContext, previous?: Step) {
  const { t } = ctx;
  const text = t("invites.coordinator.pick_role");
  const keyboard = buttonGrid([
    ...ROLES.map((role) => ({
      label: t(`invites.coordinator.role_button.${role}`),
      data: routes.coordinatorInviteRole.pack({ role }),
    })),
    cancelButton(t),
  ]);
  if (previous) await previous.editMessageText(text, { reply_markup: keyboard });
  else await ctx.reply(text, { reply_markup: keyboard });
  const { ctx: step, press } = await waitForRoute(conversation, routes.coordinatorInviteRole);
  return { role: press.role, step };
}

async function showLink(
  conversation: Convo,
  ctx: ConversationContext,
  role: CoordinatorRole,
  scope: Picked,
) {
  const { t, lang } = ctx;
  const invite = await withGrant(conversation, "a", ["admin"], async (outside) => {
    const { db, clock, config } = outside.deps;
    const created = await issueInvite(
      db,
      actorOf(outside, ADMIN_GRANT),
      {
        kind: "coordinator",
        role,
        unitId: role === "provider_coordinator" ? undefined : scope.item.id,
        providerId: role === "provider_coordinator" ? scope.item.id : undefined,
      },
      { now: clock(), ttlDays: config.inviteTtlDays },
    );
    if (!created.ok) return null;
    return { payload: created.payload, until: formatDate(almatyDate(created.expiresAt)) };
  });
  const home = routes.home.pack({});
  if (!invite) {
    await scope.step.editMessageText(t("access.refused.role_revoked"), {
      reply_markup: new InlineKeyboard().text(t("access.buttons.menu"), home),
    });
    return;
  }
  const keyboard = new InlineKeyboard()
    .text(t("access.buttons.invite_another"), routes.coordinatorInvite.pack({ grant: ADMIN }))
    .row()
    .text(t("access.buttons.open_links"), routes.inviteLinksBelow.pack({ grant: ADMIN, page: 0 }))
    .row()
    .text(t("access.buttons.menu"), home);
  await scope.step.editMessageText(
    t("invites.coordinator.link", {
      role: t(`roles.${role}`),
      scope: escapeHtml(scope.item.name[lang]),
      link: inviteLink(ctx.me.username, invite.payload),
      until: invite.until,
    }),
    { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: keyboard },
  );
}

/** Shows the items as buttons with "back" and "cancel"; returns the pick or the "back" press. */
async function pickFrom(
  conversation: Convo,
  previous: Step,
  prompt: string,
  items: NamedItem[],
): Promise<Picked | { back: Step }> {
  const { t, lang } = previous;
  await previous.editMessageText(prompt, {
    reply_markup: buttonGrid(
      [
        ...items.map((item) => ({
          label: item.name[lang],
          data: routes.coordinatorInviteScope.pack({ item: item.id }),
        })),
        { label: t("menu.back"), data: routes.coordinatorInviteBack.pack({}) },
        cancelButton(t),
      ],
      2,
    ),
  });
  for (;;) {
    const step = await waitForRoute(
      conversation,
      routes.coordinatorInviteScope,
      routes.coordinatorInviteBack,
    );
    if (step.route === routes.coordinatorInviteBack) return { back: step.ctx };
    const picked = "item" in step.press ? step.press.item : undefined;
    const item = items.find((i) => i.id === picked);
    if (item) return { item, step: step.ctx };
  }
}

async function pickProvider(conversation: Convo, previous: Step) {
  const { t } = previous;
  const providers = await conversation.external((outside) => listActiveProviders(outside.deps.db));
  if (providers.length === 0) {
    const keyboard = new InlineKeyboard()
      .text(t("access.buttons.organizations"), routes.providers.pack({ grant: ADMIN }))
      .row()
      .text(t("access.buttons.menu"), routes.home.pack({}));
    await previous.editMessageText(t("invites.coordinator.no_providers"), {
      reply_markup: keyboard,
    });
    return undefined;
  }
  const picked = await pickFrom(
    conversation,
    previous,
    t("invites.coordinator.pick_provider"),
    providers,
  );
  return "back" in picked ? BACK : picked;
}

/** A region, then (for a district coordinator) one of its districts; "back" goes one step up. */
async function pickUnit(
  conversation: Convo,
  previous: Step,
  role: CoordinatorRole,
): Promise<Picked | typeof BACK> {
  const { t } = previous;
  const regions = await conversation.external((outside) => listRegions(outside.deps.db));
  let from = previous;
  for (;;) {
    const region = await pickFrom(
      conversation,
      from,
      t("invites.coordinator.pick_region"),
      regions,
    );
    if ("back" in region) return BACK;
    if (role === "regional_coordinator") return region;
    const districts = await conversation.external((outside) =>
      listDistricts(outside.deps.db, region.item.id),
    );
    const district = await pickFrom(
      conversation,
      region.step,
      t("invites.coordinator.pick_district"),
      districts,
    );
    if (!("back" in district)) return district;
    from = district.back;
  }
}
