// A provider coordinator's certificates: the register (Appendix 2) for a period as
// PDF and XLSX, and one certificate found by its number, to reissue with a
// corrected name or to revoke with a reason (a conversation for each).
import { Composer, type Context, InlineKeyboard, InputFile } from "grammy";
import { renderRegisterPdf, renderRegisterXlsx } from "../../documents/index.js";
import { escapeHtml, type TFunction } from "../../i18n/index.js";
import { almatyYear, formatDate } from "../../rules/index.js";
import { recordAccess } from "../../services/access-log.js";
import { audit } from "../../services/audit.js";
import {
  providerCertificateByNumber,
  reissueCertificate,
  revokeCertificate,
} from "../../services/certificates.js";
import { IMAGE_LIMITS, normalizeImage } from "../../services/images.js";
import { grantKey } from "../../services/people.js";
import { registerOf } from "../../services/register.js";
import { FIELD_LIMITS } from "../../services/text.js";
import type { BotContext } from "../context.js";
import {
  askText as askLine,
  type Convo,
  conversationTranslator,
  remind,
  waitForButton,
} from "../conversations/steps.js";
import { downloadTelegramFile, FileTooLarge } from "../files.js";
import { callbackData } from "../keyboards.js";
import { providerGrant } from "./unit-scope.js";

export const PROVIDER_CERTIFICATE = "provider-certificate";

/** A required line of text. */
async function askText(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  question: string,
  max?: number,
): Promise<string> {
  return (await askLine(conversation, ctx, t, question, { max })) ?? "";
}

export const providerCertificatesFeature = new Composer<BotContext>();

providerCertificatesFeature.callbackQuery(/^rg:(\w+)$/, async (ctx) => {
  const grant = providerGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  await ctx.answerCallbackQuery();
  const year = almatyYear(ctx.deps.clock());
  const key = grantKey(grant);
  const keyboard = new InlineKeyboard()
    .text(String(year), callbackData("rgp", key, year))
    .text(String(year - 1), callbackData("rgp", key, year - 1))
    .row()
    .text(ctx.t("register.all_time"), callbackData("rgp", key, 0))
    .row()
    .text(ctx.t("menu.back"), `m:${key}`);
  await ctx.editMessageText(ctx.t("register.pick_period"), { reply_markup: keyboard });
});

providerCertificatesFeature.callbackQuery(/^rgp:(\w+):(\d+)$/, async (ctx) => {
  const grant = providerGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  await ctx.answerCallbackQuery();
  const year = Number(ctx.match[2]);
  const period = year
    ? { from: `${year}-01-01`, to: `${year}-12-31` }
    : { from: "2000-01-01", to: "2999-12-31" };
  const register = await registerOf(ctx.deps.db, grant.providerId, period, ctx.lang);
  if (register.rows.length === 0) {
    await ctx.reply(ctx.t("register.empty"));
    return;
  }
  const name = `${ctx.t("register.file_name")} ${year || ctx.t("register.all_time")}`;
  await ctx.replyWithChatAction("upload_document");
  await ctx.replyWithDocument(
    new InputFile(await renderRegisterPdf(register, ctx.lang), `${name}.pdf`),
    {
      caption: ctx.t("register.caption", { count: register.rows.length }),
    },
  );
  await ctx.replyWithDocument(
    new InputFile(await renderRegisterXlsx(register, ctx.lang), `${name}.xlsx`),
  );
  // The register carries full IINs (Appendix 2): every download is on record.
  await recordAccess(ctx.deps.db, {
    actor: ctx.from.id,
    action: "register.download",
    subject: `register:${grant.providerId}:${year || "all"}`,
    at: ctx.deps.clock(),
  });
});

providerCertificatesFeature.callbackQuery(/^pc:(\w+)$/, async (ctx) => {
  const grant = providerGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(PROVIDER_CERTIFICATE, grantKey(grant));
});

/** Finds a certificate of the coordinator's organization, then reissues or revokes it. */
export async function providerCertificate(
  conversation: Convo,
  ctx: Context,
  key: string,
): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  const number = await askText(conversation, ctx, t, t("certificates.ask_number"));
  const found = await conversation.external(async (outside) => {
    const grant = providerGrant(outside, key);
    if (!grant) return null;
    const c = await providerCertificateByNumber(outside.deps.db, grant.providerId, number);
    return c
      ? {
          id: c.id,
          number: c.number,
          status: c.status,
          name: [c.holder_last_name, c.holder_first_name, c.holder_patronymic]
            .filter(Boolean)
            .join(" "),
          issuedOn: c.issued_on,
        }
      : null;
  });
  if (!found) {
    await ctx.reply(t("certificates.not_found", { number: escapeHtml(number) }), {
      parse_mode: "HTML",
    });
    return;
  }
  const summary = t("certificates.summary", {
    number: escapeHtml(found.number),
    name: escapeHtml(found.name),
    date: formatDate(found.issuedOn),
    status: t(`certificates.status.${found.status}`),
  });
  if (found.status !== "valid") {
    await ctx.reply(summary, { parse_mode: "HTML" });
    return;
  }
  await ctx.reply(summary, {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard()
      .text(t("certificates.reissue_button"), "pc:reissue")
      .row()
      .text(t("certificates.revoke_button"), "pc:revoke")
      .row()
      .text(t("conversation.cancel_button"), "cancel"),
  });
  const choice = await waitForButton(conversation, t, /^pc:(reissue|revoke)$/);
  if (choice.match[1] === "revoke") return revoke(conversation, ctx, t, key, found.id);
  return reissue(conversation, ctx, t, key, found.id);
}

async function reissue(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  key: string,
  certificateId: number,
) {
  const lastName = await askText(
    conversation,
    ctx,
    t,
    t("certificates.ask_last_name"),
    FIELD_LIMITS.name,
  );
  const firstName = await askText(
    conversation,
    ctx,
    t,
    t("certificates.ask_first_name"),
    FIELD_LIMITS.name,
  );
  const patronymic = await askText(
    conversation,
    ctx,
    t,
    t("certificates.ask_patronymic"),
    FIELD_LIMITS.name,
  );
  const holderName = { lastName, firstName, patronymic: patronymic === "-" ? null : patronymic };
  const result = await conversation.external(async (outside) => {
    const grant = providerGrant(outside, key);
    if (!grant) return null;
    const done = await reissueCertificate(outside.deps.db, {
      certificateId,
      providerId: grant.providerId,
      holderName,
      actor: outside.from?.id ?? 0,
      now: outside.deps.clock(),
    });
    return done ? { old: done.old.number, replacement: done.replacement.number } : null;
  });
  await ctx.reply(
    result
      ? t("certificates.reissued", {
          old: escapeHtml(result.old),
          number: escapeHtml(result.replacement),
        })
      : t("certificates.not_changeable"),
    { parse_mode: "HTML" },
  );
}

async function revoke(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  key: string,
  certificateId: number,
) {
  const reason = await askText(conversation, ctx, t, t("certificates.ask_revoke_reason"));
  const revoked = await conversation.external(async (outside) => {
    const grant = providerGrant(outside, key);
    if (!grant) return null;
    const done = await revokeCertificate(outside.deps.db, {
      certificateId,
      providerId: grant.providerId,
      reason,
      actor: outside.from?.id ?? 0,
      now: outside.deps.clock(),
    });
    return done?.number ?? null;
  });
  await ctx.reply(
    revoked
      ? t("certificates.revoked", { number: escapeHtml(revoked) })
      : t("certificates.not_changeable"),
    {
      parse_mode: "HTML",
    },
  );
}

export const PROVIDER_LOGO = "provider-logo";

providerCertificatesFeature.callbackQuery(/^pl:(\w+)$/, async (ctx) => {
  const grant = providerGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(PROVIDER_LOGO, grantKey(grant));
});

/** The organization's logo for Appendix 1, sent as a photo or a PNG/JPEG file. */
export async function providerLogo(conversation: Convo, ctx: Context, key: string): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  await ctx.reply(t("logo.ask"), {
    reply_markup: new InlineKeyboard()
      .text(t("logo.remove_button"), "pl:remove")
      .row()
      .text(t("conversation.cancel_button"), "cancel"),
  });
  for (;;) {
    const answer = await conversation.waitUntil(
      (c) =>
        c.callbackQuery?.data === "pl:remove" || Boolean(c.message?.photo || c.message?.document),
      { otherwise: (c) => remind(c, t("logo.invalid")) },
    );
    if (answer.callbackQuery) await answer.answerCallbackQuery();
    const fileId =
      answer.message?.photo?.at(-1)?.file_id ?? answer.message?.document?.file_id ?? null;
    const outcome = await conversation.external((outside) => saveLogo(outside, key, fileId));
    if (typeof outcome === "string") {
      await ctx.reply(t(`logo.${outcome}`));
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
  key: string,
  fileId: string | null,
): Promise<"denied" | "saved" | "removed" | LogoRefusal> {
  const grant = providerGrant(ctx, key);
  if (!grant) return "denied";
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
    if (!checked.ok) return { ...checked, refused: checked.problem };
    logo = checked.png;
  }
  const mime = logo ? "image/png" : null;
  const now = ctx.deps.clock();
  await ctx.deps.db
    .updateTable("providers")
    .set({ logo, logo_mime_type: mime, updated_at: now })
    .where("id", "=", grant.providerId)
    .execute();
  await audit(ctx.deps.db, {
    actor: ctx.from?.id ?? 0,
    action: logo ? "provider.logo_set" : "provider.logo_remove",
    entity: "provider",
    entityId: grant.providerId,
    after: { bytes: logo?.length ?? 0, mime },
    at: now,
  });
  return logo ? "saved" : "removed";
}
