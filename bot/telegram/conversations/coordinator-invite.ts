// An admin creates an invite link for a coordinator: the role, then the scope
// (region, district or provider), then the link. State lives in the database, so
// the admin may finish after a restart of the bot.
import type { Context } from "grammy";
import type { Role } from "../../../db/types.js";
import { escapeHtml, type TFunction } from "../../i18n/index.js";
import { almatyDate, formatDate } from "../../rules/index.js";
import {
  listActiveProviders,
  listDistricts,
  listRegions,
  type NamedItem,
} from "../../services/directory.js";
import { createInvite, inviteLink } from "../../services/invites.js";
import { buttonGrid, callbackData } from "../keyboards.js";
import { type Convo, conversationTranslator, waitForButton } from "./steps.js";

export const COORDINATOR_INVITE = "coordinator-invite";

type CoordinatorRole = Extract<Role, `${string}_coordinator`>;

const ROLE_BY_CODE: Record<string, CoordinatorRole> = {
  d: "district_coordinator",
  r: "regional_coordinator",
  p: "provider_coordinator",
};

export async function coordinatorInvite(conversation: Convo, ctx: Context): Promise<void> {
  const { lang, t } = await conversationTranslator(conversation);

  await ctx.reply(t("invites.coordinator.pick_role"), {
    reply_markup: buttonGrid([
      ...Object.entries(ROLE_BY_CODE).map(([code, role]) => ({
        label: t(`invites.coordinator.role_button.${role}`),
        data: callbackData("ci", "role", code),
      })),
      { label: t("conversation.cancel_button"), data: "cancel" },
    ]),
  });
  const roleStep = await waitForButton(conversation, t, /^ci:role:([drp])$/);
  const role = ROLE_BY_CODE[roleStep.match[1] ?? ""] as CoordinatorRole;

  const scope =
    role === "provider_coordinator"
      ? await pickProvider(conversation, t, roleStep, lang)
      : await pickUnit(conversation, t, roleStep, lang, role);
  if (!scope) return;

  const invite = await conversation.external(async (outside) => {
    const { db, clock, config } = outside.deps;
    const created = await createInvite(
      db,
      {
        kind: "coordinator",
        role,
        unitId: role === "provider_coordinator" ? undefined : scope.item.id,
        providerId: role === "provider_coordinator" ? scope.item.id : undefined,
      },
      { createdBy: outside.person?.telegramId ?? 0, now: clock(), ttlDays: config.inviteTtlDays },
    );
    return { payload: created.payload, until: formatDate(almatyDate(created.expiresAt)) };
  });
  await scope.step.editMessageText(
    t("invites.coordinator.link", {
      role: t(`roles.${role}`),
      scope: escapeHtml(scope.item.name[lang]),
      link: inviteLink(ctx.me.username, invite.payload),
      until: invite.until,
    }),
    { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
  );
}

type Step = Awaited<ReturnType<typeof waitForButton>>;

async function pickFrom(
  conversation: Convo,
  t: TFunction,
  previous: Step,
  prompt: string,
  items: NamedItem[],
  lang: "kk" | "ru",
): Promise<{ item: NamedItem; step: Step }> {
  await previous.editMessageText(prompt, {
    reply_markup: buttonGrid(
      [
        ...items.map((item) => ({
          label: item.name[lang],
          data: callbackData("ci", "s", item.id),
        })),
        { label: t("conversation.cancel_button"), data: "cancel" },
      ],
      2,
    ),
  });
  for (;;) {
    const step = await waitForButton(conversation, t, /^ci:s:(\d+)$/);
    const item = items.find((i) => i.id === Number(step.match[1]));
    if (item) return { item, step };
  }
}

async function pickProvider(conversation: Convo, t: TFunction, previous: Step, lang: "kk" | "ru") {
  const providers = await conversation.external((outside) => listActiveProviders(outside.deps.db));
  if (providers.length === 0) {
    await previous.editMessageText(t("invites.coordinator.no_providers"));
    return undefined;
  }
  return pickFrom(
    conversation,
    t,
    previous,
    t("invites.coordinator.pick_provider"),
    providers,
    lang,
  );
}

async function pickUnit(
  conversation: Convo,
  t: TFunction,
  previous: Step,
  lang: "kk" | "ru",
  role: Role,
) {
  const regions = await conversation.external((outside) => listRegions(outside.deps.db));
  const region = await pickFrom(
    conversation,
    t,
    previous,
    t("invites.coordinator.pick_region"),
    regions,
    lang,
  );
  if (role === "regional_coordinator") return region;
  const districts = await conversation.external((outside) =>
    listDistricts(outside.deps.db, region.item.id),
  );
  return pickFrom(
    conversation,
    t,
    region.step,
    t("invites.coordinator.pick_district"),
    districts,
    lang,
  );
}
