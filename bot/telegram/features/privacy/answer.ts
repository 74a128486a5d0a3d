// The person's answer to a personal-data notice (agree, decline, read it again).
import { Composer, InlineKeyboard } from "grammy";
import { NOTICE_VERSION } from "../../../i18n/notice-versions.js";
import { routes } from "../../../routes/index.js";
import { formatDateTime } from "../../../rules/index.js";
import { recordConsent } from "../../../services/consent.js";
import type { BotContext } from "../../context.js";
import { applyConsentGate } from "../../middleware/consent-gate.js";
import { deny } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { showHome } from "../menus.js";
import { agreeToEmployeeNotice, sendNotice } from "../privacy-notice.js";
import { ownEmployeeId } from "./own-record.js";

export const noticeAnswers = new Composer<BotContext>();

onRoute(noticeAnswers, routes.privacyNotice, async (ctx, { subject }) => {
  await ctx.answerCallbackQuery();
  await sendNotice(ctx, subject);
});

onRoute(noticeAnswers, routes.privacyAnswer, async (ctx, { answer, subject }) => {
  const person = ctx.person;
  const decision = answer === "agree" ? "agreed" : "declined";
  const holdsRole = [...(person?.grants ?? []), ...(person?.heldBack ?? [])].some((g) =>
    subject === "employee" ? g.role === "employee" : g.role !== "employee" && g.role !== "admin",
  );
  // Coordinators cannot decline their notice: the role needs it (the button is not offered).
  if (!person || !holdsRole || (subject === "coordinator" && decision === "declined")) {
    return deny(ctx);
  }
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  if (person.consent?.[subject] !== decision) {
    await recordConsent(ctx.deps.db, {
      telegramId: person.telegramId,
      subject,
      employeeId: subject === "employee" ? (ownEmployeeId(ctx) ?? null) : null,
      decision,
      language: ctx.lang,
      now,
    });
  }
  await applyConsentGate(ctx);
  const date = formatDateTime(now);
  if (decision === "declined") {
    await ctx.reply(ctx.t("privacy.declined", { date }), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(ctx.t("privacy.agree_button"), agreeToEmployeeNotice),
    });
    return;
  }
  await ctx.reply(ctx.t("privacy.agreed", { date, version: NOTICE_VERSION[subject] }));
  await showHome(ctx);
});
