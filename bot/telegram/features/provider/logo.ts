// The organization's logo for Appendix 1, sent as a photo or a PNG/JPEG file: the
// image is decoded completely and re-encoded before it is kept.
import { Composer } from "grammy";
import { routes } from "../../../routes/index.js";
import { IMAGE_LIMITS, normalizeImage } from "../../../services/images.js";
import type { RoleGrant } from "../../../services/people.js";
import { setProviderLogo } from "../../../services/providers.js";
import { actorOf } from "../../actor.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { type Convo, remind } from "../../conversations/steps.js";
import { downloadTelegramFile, FileTooLarge } from "../../files.js";
import { backToMenu, buttonGrid, cancelButton } from "../../keyboards.js";
import { asGrant, entersConversation, type ProviderRef, providerRef } from "../area.js";

export const PROVIDER_LOGO = "provider-logo";

export const logoScreens = new Composer<BotContext>();

entersConversation(logoScreens, routes.logo, PROVIDER_LOGO, (_, { grant }) => [providerRef(grant)]);

export async function providerLogo(
  conversation: Convo,
  ctx: ConversationContext,
  provider: ProviderRef,
): Promise<void> {
  const { t } = ctx;
  await ctx.reply(t("logo.ask"), {
    reply_markup: buttonGrid([
      { label: t("logo.remove_button"), data: routes.logoRemove.pack({}) },
      cancelButton(t),
    ]),
  });
  for (;;) {
    const answer = await conversation.waitUntil(
      (c) =>
        routes.logoRemove.unpack(c.callbackQuery?.data ?? "") !== null ||
        Boolean(c.message?.photo || c.message?.document),
      { otherwise: (c) => remind(c, t("logo.invalid")) },
    );
    if (answer.callbackQuery) await answer.answerCallbackQuery();
    const fileId =
      answer.message?.photo?.at(-1)?.file_id ?? answer.message?.document?.file_id ?? null;
    const outcome =
      (await asGrant(conversation, provider, (outside, grant) =>
        saveLogo(outside, grant, fileId),
      )) ?? "denied";
    if (typeof outcome === "string") {
      await ctx.reply(t(`logo.${outcome}`), { reply_markup: backToMenu(t, provider) });
      return;
    }
    await ctx.reply(t(`limits.image.${outcome.refused}`, imageLimitParams(outcome)));
  }
}

type LogoRefusal = { refused: "too_large" | "not_image" | "broken" | "too_many_pixels" } & {
  width?: number;
  height?: number;
};

function imageLimitParams(refusal: LogoRefusal) {
  return {
    mb: IMAGE_LIMITS.logoBytes / 1024 / 1024,
    side: IMAGE_LIMITS.maxSide,
    megapixels: Math.floor(IMAGE_LIMITS.maxPixels / 1_000_000),
    width: refusal.width ?? 0,
    height: refusal.height ?? 0,
  };
}

/** Checks the image (decoded completely, re-encoded) and stores it, or says why not. */
async function saveLogo(
  ctx: BotContext,
  grant: Extract<RoleGrant, { role: "provider_coordinator" }>,
  fileId: string | null,
): Promise<"denied" | "saved" | "removed" | LogoRefusal> {
  let logo: Buffer | null = null;
  if (fileId) {
    const bytes = await downloadTelegramFile(ctx.api, ctx.deps, fileId, IMAGE_LIMITS.logoBytes)
      .then((b) => ({ ok: true as const, bytes: b }))
      .catch((error: unknown) => {
        if (error instanceof FileTooLarge) return { ok: false as const };
        throw error;
      });
    if (!bytes.ok) return { refused: "too_large" };
    const checked = await normalizeImage(bytes.bytes);
    if (!checked.ok) return { ...checked, refused: checked.reason };
    logo = checked.png;
  }
  const saved = await setProviderLogo(ctx.deps.db, {
    providerId: grant.providerId,
    logo,
    actor: actorOf(ctx, grant),
    now: ctx.deps.clock(),
  });
  if (!saved.ok) return "denied";
  return logo ? "saved" : "removed";
}
