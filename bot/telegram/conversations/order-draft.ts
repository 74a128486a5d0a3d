// A step of the enrolment (item 9): before the order exists, the regional
// coordinator can take its draft — DOCX to edit and PDF — in Kazakh or Russian,
// as many times as they like, then go on to enter the signed order's number and date.
import { type Context, InlineKeyboard } from "grammy";
import type { TFunction } from "../../i18n/index.js";
import { orderContent } from "../../services/head-orders.js";
import { regionalGrant } from "../features/unit-scope.js";
import { sendOrderFiles } from "../order-files.js";
import { type Convo, waitForButton } from "./steps.js";

function draftKeyboard(t: TFunction): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("head_orders.kk_button"), "od:kk")
    .text(t("head_orders.ru_button"), "od:ru")
    .row()
    .text(t("head_orders.continue_button"), "od:go")
    .row()
    .text(t("conversation.cancel_button"), "cancel");
}

export async function offerOrderDraft(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  input: { key: string; cohortId: number; employeeIds: number[] },
): Promise<void> {
  await ctx.reply(t("head_orders.offer", { count: input.employeeIds.length }), {
    reply_markup: draftKeyboard(t),
  });
  for (;;) {
    const step = await waitForButton(conversation, t, /^od:(kk|ru|go)$/);
    const choice = step.match[1];
    if (choice !== "kk" && choice !== "ru") return;
    await conversation.external(async (outside) => {
      const grant = regionalGrant(outside, input.key);
      if (!grant) return;
      const content = await orderContent(outside.deps.db, {
        regionId: grant.unitId,
        cohortId: input.cohortId,
        employeeIds: input.employeeIds,
      });
      if (content) await sendOrderFiles(outside, content, choice, null);
    });
    await ctx.reply(t("head_orders.sent"), { reply_markup: draftKeyboard(t) });
  }
}
