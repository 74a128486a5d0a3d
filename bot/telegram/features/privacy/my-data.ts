// "🔒 My data": the state of the person's consent, a PDF of everything held about
// them, a correction request, withdrawing consent.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { renderMyDataPdf } from "../../../documents/index.js";
import { NOTICE_VERSION } from "../../../i18n/notice-versions.js";
import { routes } from "../../../routes/index.js";
import { formatDateTime } from "../../../rules/index.js";
import { recordAccess } from "../../../services/access-log.js";
import { consentHistory } from "../../../services/consent.js";
import { myData } from "../../../services/my-data.js";
import type { BotContext } from "../../context.js";
import { deny } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { readEmployeeNotice } from "../privacy-notice.js";
import { CORRECTION_REQUEST } from "./correction.js";
import { ownEmployeeId } from "./own-record.js";

export const myDataScreens = new Composer<BotContext>();

onRoute(myDataScreens, routes.myData, async (ctx) => {
  const employeeId = ownEmployeeId(ctx);
  if (employeeId === undefined) return deny(ctx);
  await ctx.answerCallbackQuery();
  const state = ctx.person?.consent?.employee ?? "pending";
  const latest = (await consentHistory(ctx.deps.db, employeeId)).at(-1);
  const consent = ctx.t(`privacy.consent_state.${state}`, {
    version: NOTICE_VERSION.employee,
    date: latest ? formatDateTime(latest.decidedAt) : "",
  });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("privacy.download_button"), routes.myDataFile.pack({}))
    .row()
    .text(ctx.t("privacy.correction_button"), routes.myDataCorrection.pack({}))
    .row()
    .text(ctx.t("privacy.read_button"), readEmployeeNotice)
    .row();
  if (state === "agreed") {
    const withdraw = routes.privacyAnswer.pack({ answer: "decline", subject: "employee" });
    keyboard.text(ctx.t("privacy.withdraw_button"), withdraw).row();
  }
  // Back to the employee's menu when it is open, else to the home screen (the notice).
  const back =
    state === "agreed"
      ? routes.roleMenu.pack({ grant: { role: "employee" } })
      : routes.rolePicker.pack({});
  keyboard.text(ctx.t("menu.back"), back);
  await ctx.reply(ctx.t("privacy.my_data", { consent }), {
    parse_mode: "HTML",
    reply_markup: keyboard,
  });
});

onRoute(myDataScreens, routes.myDataFile, async (ctx) => {
  const employeeId = ownEmployeeId(ctx);
  const data = employeeId === undefined ? null : await myData(ctx.deps.db, employeeId);
  if (employeeId === undefined || !data) return deny(ctx);
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  await ctx.replyWithChatAction("upload_document");
  const bytes = await renderMyDataPdf(data, ctx.lang, now);
  await ctx.replyWithDocument(new InputFile(bytes, `${ctx.t("privacy.file_name")}.pdf`));
  await recordAccess(ctx.deps.db, {
    actor: ctx.callbackQuery.from.id,
    action: "my_data.download",
    employeeId,
    at: now,
  });
});

onRoute(myDataScreens, routes.myDataCorrection, async (ctx) => {
  if (ownEmployeeId(ctx) === undefined) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(CORRECTION_REQUEST);
});
