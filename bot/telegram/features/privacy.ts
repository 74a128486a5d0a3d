// The person's side of personal data: answering the notice (agree, decline, read it
// again), "🔒 My data" (a PDF of everything held about them, a correction request,
// withdrawing consent), and the coordinator's "Done" on a correction request.
import { Composer, type Context, InlineKeyboard, InputFile } from "grammy";
import type { ConsentSubject } from "../../../db/types.js";
import { renderMyDataPdf } from "../../documents/index.js";
import { formatDateTime } from "../../rules/index.js";
import { recordAccess } from "../../services/access-log.js";
import { consentHistory, NOTICE_VERSION, recordConsent } from "../../services/consent.js";
import {
  CORRECTION_MAX_LENGTH,
  requestCorrection,
  resolveCorrection,
} from "../../services/correction-requests.js";
import { myData } from "../../services/my-data.js";
import type { BotContext } from "../context.js";
import { askText, type Convo, conversationTranslator } from "../conversations/steps.js";
import { applyConsentGate } from "../middleware/consent-gate.js";
import { showHome } from "./menus.js";
import { sendNotice } from "./privacy-notice.js";

export const CORRECTION_REQUEST = "correction-request";

export const privacyFeature = new Composer<BotContext>();

/** The employee record of the person, whether its menu is open or waits for consent. */
function ownEmployeeId(ctx: BotContext): number | undefined {
  const all = [...(ctx.person?.grants ?? []), ...(ctx.person?.heldBack ?? [])];
  const grant = all.find((g) => g.role === "employee");
  return grant?.role === "employee" ? grant.employeeId : undefined;
}

function subjectOf(letter: string | undefined): ConsentSubject {
  return letter === "c" ? "coordinator" : "employee";
}

privacyFeature.callbackQuery(/^pd:n:([ec])$/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await sendNotice(ctx, subjectOf(ctx.match[1]));
});

privacyFeature.callbackQuery(/^pd:([ad]):([ec])$/, async (ctx) => {
  const person = ctx.person;
  const subject = subjectOf(ctx.match[2]);
  const decision = ctx.match[1] === "a" ? "agreed" : "declined";
  const employeeId = ownEmployeeId(ctx);
  const holdsRole = [...(person?.grants ?? []), ...(person?.heldBack ?? [])].some((g) =>
    subject === "employee" ? g.role === "employee" : g.role !== "employee" && g.role !== "admin",
  );
  // Coordinators cannot decline their notice: the role needs it (the button is not offered).
  if (!person || !holdsRole || (subject === "coordinator" && decision === "declined")) {
    return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  if (person.consent?.[subject] !== decision) {
    await recordConsent(ctx.deps.db, {
      telegramId: person.telegramId,
      subject,
      employeeId: subject === "employee" ? (employeeId ?? null) : null,
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
      reply_markup: new InlineKeyboard().text(ctx.t("privacy.agree_button"), "pd:a:e"),
    });
    return;
  }
  await ctx.reply(ctx.t("privacy.agreed", { date, version: NOTICE_VERSION[subject] }));
  await showHome(ctx);
});

privacyFeature.callbackQuery("md", async (ctx) => {
  const employeeId = ownEmployeeId(ctx);
  if (employeeId === undefined) {
    return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  const state = ctx.person?.consent?.employee ?? "pending";
  const latest = (await consentHistory(ctx.deps.db, employeeId)).at(-1);
  const consent = ctx.t(`privacy.consent_state.${state}`, {
    version: NOTICE_VERSION.employee,
    date: latest ? formatDateTime(latest.decidedAt) : "",
  });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("privacy.download_button"), "mdp")
    .row()
    .text(ctx.t("privacy.correction_button"), "mdc")
    .row()
    .text(ctx.t("privacy.read_button"), "pd:n:e")
    .row();
  if (state === "agreed") keyboard.text(ctx.t("privacy.withdraw_button"), "pd:d:e").row();
  keyboard.text(ctx.t("menu.back"), state === "agreed" ? "m:e" : "m:home");
  await ctx.reply(ctx.t("privacy.my_data", { consent }), {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
});

privacyFeature.callbackQuery("mdp", async (ctx) => {
  const employeeId = ownEmployeeId(ctx);
  const data = employeeId === undefined ? null : await myData(ctx.deps.db, employeeId);
  if (employeeId === undefined || !data) {
    return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  await ctx.replyWithChatAction("upload_document");
  const bytes = await renderMyDataPdf(data, ctx.lang, now);
  await ctx.replyWithDocument(new InputFile(bytes, `${ctx.t("privacy.file_name")}.pdf`));
  await recordAccess(ctx.deps.db, {
    actor: ctx.from.id,
    action: "my_data.download",
    employeeId,
    at: now,
  });
});

privacyFeature.callbackQuery("mdc", async (ctx) => {
  if (ownEmployeeId(ctx) === undefined) {
    return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(CORRECTION_REQUEST);
});

/** The employee writes what is wrong; their unit's coordinators get it as a task. */
export async function correctionRequest(conversation: Convo, ctx: Context): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  const text = await askText(conversation, ctx, t, t("privacy.correction_prompt"), {
    max: CORRECTION_MAX_LENGTH,
  });
  if (!text) return;
  const sent = await conversation.external(async (outside) => {
    const employeeId = ownEmployeeId(outside);
    if (employeeId === undefined) return null;
    return requestCorrection(outside.deps.db, {
      employeeId,
      telegramId: outside.from?.id ?? 0,
      text,
      now: outside.deps.clock(),
    });
  });
  if (!sent) {
    await ctx.reply(t("errors.no_access"));
    return;
  }
  const key =
    sent.coordinators > 0 ? "privacy.correction_sent" : "privacy.correction_no_coordinator";
  await ctx.reply(t(key, { id: sent.id }), {
    reply_markup: new InlineKeyboard().text(t("menu.back"), "md"),
  });
}

privacyFeature.callbackQuery(/^crd:(\d+)$/, async (ctx) => {
  const result = await resolveCorrection(ctx.deps.db, {
    requestId: Number(ctx.match[1]),
    actor: ctx.from.id,
    now: ctx.deps.clock(),
  });
  if (!result.ok && result.reason === "no_access") {
    return ctx.answerCallbackQuery({ text: ctx.t("errors.no_access"), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  await ctx.reply(
    result.ok
      ? ctx.t("privacy.correction_done", { id: ctx.match[1] })
      : ctx.t("privacy.correction_already_done"),
  );
});
