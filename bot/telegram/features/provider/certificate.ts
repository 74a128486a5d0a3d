// One certificate of the coordinator's organization, found by its number, to
// reissue with a corrected name or to revoke with a reason.
import { Composer } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { formatDate } from "../../../rules/index.js";
import {
  providerCertificateByNumber,
  reissueCertificate,
  revokeCertificate,
} from "../../../services/certificates.js";
import { FIELD_LIMITS } from "../../../services/text.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { askText, type Convo } from "../../conversations/steps.js";
import { backToMenu, buttonGrid, cancelButton } from "../../keyboards.js";
import { waitForRoute } from "../../routing.js";
import { asGrant, asProvider, entersConversation, type ProviderRef, providerRef } from "../area.js";

export const PROVIDER_CERTIFICATE = "provider-certificate";

export const certificateScreens = new Composer<BotContext>();

entersConversation(certificateScreens, routes.certificate, PROVIDER_CERTIFICATE, (_, { grant }) => [
  providerRef(grant),
]);

/** A required line of text. */
async function askLine(
  conversation: Convo,
  ctx: ConversationContext,
  question: string,
  max?: number,
): Promise<string> {
  return (await askText(conversation, ctx, ctx.t, question, { max })) ?? "";
}

/** Finds a certificate of the coordinator's organization, then reissues or revokes it. */
export async function providerCertificate(
  conversation: Convo,
  ctx: ConversationContext,
  provider: ProviderRef,
): Promise<void> {
  const { t } = ctx;
  const back = backToMenu(t, provider);
  const number = await askLine(conversation, ctx, t("certificates.ask_number"));
  const found = await asGrant(conversation, provider, async (outside, grant) => {
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
      reply_markup: back,
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
    await ctx.reply(summary, { parse_mode: "HTML", reply_markup: back });
    return;
  }
  await ctx.reply(summary, {
    parse_mode: "HTML",
    reply_markup: buttonGrid([
      {
        label: t("certificates.reissue_button"),
        data: routes.certificateAction.pack({ action: "reissue" }),
      },
      {
        label: t("certificates.revoke_button"),
        data: routes.certificateAction.pack({ action: "revoke" }),
      },
      cancelButton(t),
    ]),
  });
  const { action } = (await waitForRoute(conversation, routes.certificateAction)).press;
  const text =
    action === "revoke"
      ? await revoke(conversation, ctx, provider, found.id)
      : await reissue(conversation, ctx, provider, found.id);
  await ctx.reply(text ?? t("certificates.not_changeable"), {
    parse_mode: "HTML",
    reply_markup: back,
  });
}

/** The holder's corrected name, then a new certificate in place of the old one. */
async function reissue(
  conversation: Convo,
  ctx: ConversationContext,
  provider: ProviderRef,
  certificateId: number,
): Promise<string | null> {
  const { t } = ctx;
  const lastName = await askLine(
    conversation,
    ctx,
    t("certificates.ask_last_name"),
    FIELD_LIMITS.name,
  );
  const firstName = await askLine(
    conversation,
    ctx,
    t("certificates.ask_first_name"),
    FIELD_LIMITS.name,
  );
  const patronymic = await askLine(
    conversation,
    ctx,
    t("certificates.ask_patronymic"),
    FIELD_LIMITS.name,
  );
  const holderName = { lastName, firstName, patronymic: patronymic === "-" ? null : patronymic };
  const done = await asProvider(conversation, provider, (db, by) =>
    reissueCertificate(db, { certificateId, holderName, ...by }),
  );
  return done
    ? t("certificates.reissued", {
        old: escapeHtml(done.old.number),
        number: escapeHtml(done.replacement.number),
      })
    : null;
}

/** The reason, then the certificate revoked. */
async function revoke(
  conversation: Convo,
  ctx: ConversationContext,
  provider: ProviderRef,
  certificateId: number,
): Promise<string | null> {
  const reason = await askLine(conversation, ctx, ctx.t("certificates.ask_revoke_reason"));
  const done = await asProvider(conversation, provider, (db, by) =>
    revokeCertificate(db, { certificateId, reason, ...by }),
  );
  return done ? ctx.t("certificates.revoked", { number: escapeHtml(done.number) }) : null;
}
