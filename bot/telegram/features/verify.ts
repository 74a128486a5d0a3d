// /verify <number or code> [IIN], and the QR deep link t.me/<bot>?start=v-<code>:
// anyone may check a certificate; see bot/services/verification.ts for what is shown.
import { Composer } from "grammy";
import { escapeHtml } from "../../i18n/index.js";
import { formatDate, formatDateTime } from "../../rules/index.js";
import {
  type CertificateView,
  VERIFY_LIMITS,
  verifyCertificate,
} from "../../services/verification.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../keyboards.js";

export const verifyFeature = new Composer<BotContext>();

verifyFeature.command("verify", async (ctx) => {
  const [query, iin] = ctx.match.trim().split(/\s+/).filter(Boolean);
  if (!query) {
    await ctx.reply(ctx.t("verify.how"), { parse_mode: "HTML", reply_markup: homeKeyboard(ctx.t) });
    return;
  }
  await showVerification(ctx, query, iin);
});

export async function showVerification(
  ctx: BotContext,
  query: string,
  iin?: string,
): Promise<void> {
  if (!ctx.from) return;
  const now = ctx.deps.clock();
  const result = await verifyCertificate(ctx.deps.db, { query, iin, checker: ctx.from.id, now });
  if (result.kind === "slowed") {
    await ctx.reply(ctx.t("limits.verify.slowed", limitParams(result.minutes)), {
      reply_markup: homeKeyboard(ctx.t),
    });
    return;
  }
  if (result.kind === "busy") {
    const key = result.byNumber ? "limits.verify.busy_by_number" : "limits.verify.busy";
    await ctx.reply(ctx.t(key, { minutes: result.minutes }), { reply_markup: homeKeyboard(ctx.t) });
    return;
  }
  if (result.kind === "not_found") {
    await ctx.reply(ctx.t("verify.not_found", { query: escapeHtml(query.slice(0, 40)) }), {
      parse_mode: "HTML",
      reply_markup: homeKeyboard(ctx.t),
    });
    return;
  }
  const lines = [
    ...viewLines(ctx, result.view),
    ctx.t("verify.checked_at", { at: formatDateTime(now) }),
  ];
  if (result.iinMismatch) lines.push(ctx.t("verify.iin_mismatch"));
  if (result.iinPaused) lines.push(ctx.t("limits.verify.iin_paused"));
  if (!result.view.maskedName && !result.view.full) lines.push(ctx.t("limits.verify.name_hidden"));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: homeKeyboard(ctx.t) });
}

function limitParams(minutes: number) {
  return {
    minutes,
    perHour: VERIFY_LIMITS.perAccountPerHour,
    failures: VERIFY_LIMITS.failuresPerAccount,
    window: VERIFY_LIMITS.failureWindowMinutes,
  };
}

function statusLine(ctx: BotContext, view: CertificateView): string {
  switch (view.status) {
    case "valid":
      return ctx.t("verify.status.valid");
    case "replaced":
      return ctx.t("verify.status.replaced", { number: escapeHtml(view.replacedBy ?? "—") });
    case "revoked":
      return ctx.t("verify.status.revoked", { reason: escapeHtml(view.revokedReason ?? "—") });
  }
}

function viewLines(ctx: BotContext, view: CertificateView): string[] {
  const lines = [ctx.t("verify.title", { number: escapeHtml(view.number) }), statusLine(ctx, view)];
  const holder = view.full?.name ?? view.maskedName;
  if (holder) lines.push(ctx.t("verify.holder", { name: escapeHtml(holder) }));
  if (view.full) {
    lines.push(
      ctx.t("verify.workplace", {
        workplace: escapeHtml(view.full.workplace[ctx.lang]),
        position: escapeHtml(view.full.position),
      }),
    );
  }
  if (view.program)
    lines.push(ctx.t("verify.program", { program: escapeHtml(view.program[ctx.lang]) }));
  lines.push(
    ctx.t("verify.hours", { hours: view.hours }),
    ctx.t("verify.provider", { provider: escapeHtml(view.provider[ctx.lang]) }),
    ctx.t("verify.issued", { date: formatDate(view.issuedOn) }),
  );
  return lines;
}
