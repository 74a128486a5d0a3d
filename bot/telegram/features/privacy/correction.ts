// A correction of the person's data: they write what is wrong, their unit's
// coordinators get it as a task (services/correction-requests.ts), and a
// coordinator marks it done.
import { Composer, InlineKeyboard } from "grammy";
import { routes } from "../../../routes/index.js";
import {
  CORRECTION_MAX_LENGTH,
  requestCorrection,
  resolveCorrection,
} from "../../../services/correction-requests.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { askText, type Convo } from "../../conversations/steps.js";
import { homeKeyboard } from "../../keyboards.js";
import { deny } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { ownEmployeeId } from "./own-record.js";

export const CORRECTION_REQUEST = "correction-request";

/** The employee writes what is wrong; their unit's coordinators get it as a task. */
export async function correctionRequest(conversation: Convo, ctx: ConversationContext) {
  const { t } = ctx;
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
    await ctx.reply(t("errors.no_access"), { reply_markup: homeKeyboard(t) });
    return;
  }
  const key =
    sent.coordinators > 0 ? "privacy.correction_sent" : "privacy.correction_no_coordinator";
  await ctx.reply(t(key, { id: sent.id }), {
    reply_markup: new InlineKeyboard().text(t("menu.back"), routes.myData.pack({})),
  });
}

export const correctionDone = new Composer<BotContext>();

onRoute(correctionDone, routes.correctionDone, async (ctx, { request }) => {
  const result = await resolveCorrection(ctx.deps.db, {
    requestId: request,
    actor: ctx.callbackQuery.from.id,
    now: ctx.deps.clock(),
  });
  if (!result.ok && result.reason === "no_access") {
    return deny(ctx);
  }
  await ctx.answerCallbackQuery();
  await ctx.reply(
    result.ok
      ? ctx.t("privacy.correction_done", { id: request })
      : ctx.t("privacy.correction_already_done"),
    { reply_markup: homeKeyboard(ctx.t) },
  );
});
