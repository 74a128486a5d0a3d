// A step of the enrolment (item 9): before the order exists, the regional
// coordinator can take its draft — DOCX to edit and PDF — in Kazakh or Russian,
// as many times as they like, then go on to enter the signed order's number and date.
// The same for the order on a transfer (item 13.2), which names the transfer and its reason.
import { InlineKeyboard } from "grammy";
import { routes } from "../../../routes/index.js";
import { orderContent } from "../../../services/head-orders.js";
import { transferOrderContent } from "../../../services/transfer-approval.js";
import type { ConversationContext } from "../../context.js";
import type { Convo } from "../../conversations/steps.js";
import { cancelButton } from "../../keyboards.js";
import { sendOrderFiles } from "../../order-files.js";
import { waitForRoute } from "../../routing.js";
import { asGrant, type RegionRef } from "../area.js";

function draftKeyboard(ctx: ConversationContext): InlineKeyboard {
  const { t } = ctx;
  const cancel = cancelButton(t);
  return new InlineKeyboard()
    .text(t("head_orders.kk_button"), routes.orderDraft.pack({ language: "kk" }))
    .text(t("head_orders.ru_button"), routes.orderDraft.pack({ language: "ru" }))
    .row()
    .text(t("head_orders.continue_button"), routes.orderDraftDone.pack({}))
    .row()
    .text(cancel.label, cancel.data);
}

export async function offerOrderDraft(
  conversation: Convo,
  ctx: ConversationContext,
  input: {
    region: RegionRef;
    cohortId: number;
    employeeIds: number[];
    /** The order on this transfer request, into the cohort `cohortId`. */
    transfer?: { requestId: number };
  },
): Promise<void> {
  const offer = input.transfer
    ? ctx.t("head_orders.offer_transfer", { id: input.transfer.requestId })
    : ctx.t("head_orders.offer", { count: input.employeeIds.length });
  await ctx.reply(offer, { reply_markup: draftKeyboard(ctx) });
  for (;;) {
    const step = await waitForRoute(conversation, routes.orderDraft, routes.orderDraftDone);
    if (!("language" in step.press)) return;
    const { language } = step.press;
    await asGrant(conversation, input.region, async (outside, grant) => {
      const content = input.transfer
        ? await transferOrderContent(outside.deps.db, {
            regionId: grant.unitId,
            requestId: input.transfer.requestId,
            targetCohortId: input.cohortId,
          })
        : await orderContent(outside.deps.db, {
            regionId: grant.unitId,
            cohortId: input.cohortId,
            employeeIds: input.employeeIds,
          });
      if (content) await sendOrderFiles(outside, content, language, null);
    });
    await ctx.reply(ctx.t("head_orders.sent"), { reply_markup: draftKeyboard(ctx) });
  }
}
