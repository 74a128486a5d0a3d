// An admin creates an invite link for a coordinator: the role, then the scope
// (region, district or provider), then the link. Every picker has a way back to the
// step before it. State lives in the database, so the admin may finish after a
// restart of the bot; the admin's role is checked again when the link is written.
import { type Context, InlineKeyboard } from "grammy";
import type { Role } from "../../../db/types.js";
import { escapeHtml, type TFunction } from "../../i18n/index.js";
import { almatyDate, formatDate } from "../../rules/index.js";
import {
  listActiveProviders,
  listDistricts,
  listRegions,
  type NamedItem,
} from "../../services/directory.js";
import { issueInvite } from "../../services/invite-links.js";
import { inviteLink } from "../../services/invites.js";
import { ADMIN_GRANT, actorOf } from "../actor.js";
import { buttonGrid, callbackData } from "../keyboards.js";
import { type Convo, conversationTranslator, waitForButton } from "./steps.js";

export const COORDINATOR_INVITE = "coordinator-invite";

type CoordinatorRole = Extract<Role, `${string}_coordinator`>;

const ROLE_BY_CODE: Record<string, CoordinatorRole> = {
  d: "district_coordinator",
  r: "regional_coordinator",
  p: "provider_coordinator",
};
const BACK = "back";

type Step = Awaited<ReturnType<typeof waitForButton>>;
type Lang = "kk" | "ru";

export async function coordinatorInvite(conversation: Convo, ctx: Context): Promise<void> {
  const { lang, t } = await conversationTranslator(conversation);
  let previous: Step | undefined;
  for (;;) {
    const roleStep = await pickRole(conversation, ctx, t, previous);
    const role = ROLE_BY_CODE[roleStep.match[1] ?? ""] as Role;
    const scope =
      role === "provider_coordinator"
        ? await pickProvider(conversation, t, roleStep, lang)
        : await pickUnit(conversation, t, roleStep, lang, role);
    if (scope === undefined) return;
    if (scope === BACK) {
      previous = roleStep;
      continue;
    }
    return showLink(conversation, ctx, t, lang, role, scope);
  }
}

async function pickRole(conversation: Convo, ctx: Context, t: TFunction, previous?: Step) {
  const text = t("invites.coordinator.pick_role");
  const keyboard = buttonGrid([
    ...Object.entries(ROLE_BY_CODE).map(([code, role]) => ({
      label: t(`invites.coordinator.role_button.${role}`),
      data: callbackData("ci", "role", code),
    })),
    { label: t("conversation.cancel_button"), data: "cancel" },
  ]);
  if (previous) await previous.editMessageText(text, { reply_markup: keyboard });
  else await ctx.reply(text, { reply_markup: keyboard });
  return waitForButton(conversation, t, /^ci:role:([drp])$/);
}

async function showLink(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  lang: Lang,
  role: Role,
  scope: { item: NamedItem; step: Step },
) {
  const invite = await conversation.external(async (outside) => {
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
    if (!created.ok) return undefined;
    return { payload: created.payload, until: formatDate(almatyDate(created.expiresAt)) };
  });
  const keyboard = new InlineKeyboard();
  if (!invite) {
    keyboard.text(t("access.buttons.menu"), "mn");
    await scope.step.editMessageText(t("access.refused.role_revoked"), { reply_markup: keyboard });
    return;
  }
  keyboard
    .text(t("access.buttons.invite_another"), "ci")
    .row()
    .text(t("access.buttons.open_links"), callbackData("il", "a", 0, "n"))
    .row()
    .text(t("access.buttons.menu"), "mn");
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

/** Shows the items as buttons with "back" and "cancel"; returns the pick or BACK. */
async function pickFrom(
  conversation: Convo,
  t: TFunction,
  previous: Step,
  prompt: string,
  items: NamedItem[],
  lang: Lang,
): Promise<{ item: NamedItem; step: Step } | { back: Step }> {
  await previous.editMessageText(prompt, {
    reply_markup: buttonGrid(
      [
        ...items.map((item) => ({
          label: item.name[lang],
          data: callbackData("ci", "s", item.id),
        })),
        { label: t("menu.back"), data: callbackData("ci", BACK) },
        { label: t("conversation.cancel_button"), data: "cancel" },
      ],
      2,
    ),
  });
  for (;;) {
    const step = await waitForButton(conversation, t, /^ci:(?:s:(\d+)|back)$/);
    if (step.match[1] === undefined) return { back: step };
    const item = items.find((i) => i.id === Number(step.match[1]));
    if (item) return { item, step };
  }
}

async function pickProvider(conversation: Convo, t: TFunction, previous: Step, lang: Lang) {
  const providers = await conversation.external((outside) => listActiveProviders(outside.deps.db));
  if (providers.length === 0) {
    const keyboard = new InlineKeyboard()
      .text(t("access.buttons.organizations"), "ap")
      .row()
      .text(t("access.buttons.menu"), "mn");
    await previous.editMessageText(t("invites.coordinator.no_providers"), {
      reply_markup: keyboard,
    });
    return undefined;
  }
  const picked = await pickFrom(
    conversation,
    t,
    previous,
    t("invites.coordinator.pick_provider"),
    providers,
    lang,
  );
  return "back" in picked ? BACK : picked;
}

/** A region, then (for a district coordinator) one of its districts; "back" goes one step up. */
async function pickUnit(
  conversation: Convo,
  t: TFunction,
  previous: Step,
  lang: Lang,
  role: Role,
): Promise<{ item: NamedItem; step: Step } | typeof BACK> {
  const regions = await conversation.external((outside) => listRegions(outside.deps.db));
  let from = previous;
  for (;;) {
    const region = await pickFrom(
      conversation,
      t,
      from,
      t("invites.coordinator.pick_region"),
      regions,
      lang,
    );
    if ("back" in region) return BACK;
    if (role === "regional_coordinator") return region;
    const districts = await conversation.external((outside) =>
      listDistricts(outside.deps.db, region.item.id),
    );
    const district = await pickFrom(
      conversation,
      t,
      region.step,
      t("invites.coordinator.pick_district"),
      districts,
      lang,
    );
    if (!("back" in district)) return district;
    from = district.back;
  }
}
