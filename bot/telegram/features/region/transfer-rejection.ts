// The reason of a rejected transfer request (item 13.2), asked of the regional
// coordinator, then recorded; the employee is told by the service.

import { Composer } from "grammy";
import { routes } from "../../../routes/index.js";
import { rejectTransfer } from "../../../services/transfer-decisions.js";
import type { BotContext, ConversationContext } from "../../context.js";
import { type Convo, remind } from "../../conversations/steps.js";
import { buttonGrid, cancelButton } from "../../keyboards.js";
import { onRoute } from "../../routing.js";
import { asGrant, type RegionRef, stamp } from "../area.js";
import { backToQueue, decisionRefusalText, pendingRequest } from "./transfers.js";

export const TRANSFER_REJECTION = "transfer-rejection";

export const transferRejectionScreens = new Composer<BotContext>();

onRoute(transferRejectionScreens, routes.transferReject, async (ctx, press) => {
  const found = await pendingRequest(ctx, press.grant, press.request);
  if (!found) return;
  await ctx.conversation.enter(TRANSFER_REJECTION, found.region, found.request.id);
});

const MAX_REASON_LENGTH = 500;

export async function transferRejection(
  conversation: Convo,
  ctx: ConversationContext,
  region: RegionRef,
  requestId: number,
): Promise<void> {
  const { t } = ctx;
  await ctx.reply(t("transfer.ask_rejection_reason", { id: requestId, max: MAX_REASON_LENGTH }), {
    reply_markup: buttonGrid([cancelButton(t)]),
  });
  const answer = await conversation.waitUntil(
    (c) => {
      const text = c.message?.text;
      return (
        typeof text === "string" &&
        !text.startsWith("/") &&
        text.trim().length > 0 &&
        text.length <= MAX_REASON_LENGTH
      );
    },
    {
      otherwise: (c) =>
        remind(c, t("transfer.rejection_reason_invalid", { max: MAX_REASON_LENGTH })),
    },
  );
  const reason = answer.message?.text?.trim() ?? "";
  const text = await asGrant(conversation, region, async (outside, grant) => {
    const result = await rejectTransfer(outside.deps.db, {
      requestId,
      regionId: grant.unitId,
      reason,
      ...stamp(outside),
    });
    return result.ok
      ? t("transfer.rejected", { id: requestId })
      : decisionRefusalText(outside, grant.unitId, requestId, result);
  });
  await ctx.reply(text ?? t("transfer.decision_failed.not_found"), {
    parse_mode: "HTML",
    reply_markup: backToQueue(ctx, region),
  });
}
