// Approving a transfer request (items 9, 13.2): the employee is sent to the new
// cohort by the head's order. The regional coordinator takes the order's draft
// (naming the transfer and its reason) if they like, then enters the signed order's
// number and date; the service approves, moves the enrolment and keeps the order
// in one transaction. A target that has started, or a request decided meanwhile,
// is answered with why (who decided it and when) and a way on.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml, translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate, transferOrderDateProblem } from "../../../rules/index.js";
import {
  type ApprovalCheck,
  approvalCheck,
  approveTransfer,
} from "../../../services/transfer-approval.js";
import type { BotContext, ConversationContext } from "../../context.js";
import type { Convo } from "../../conversations/steps.js";
import { doneByText } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { asGrant, type RegionRef, regionRef, stamp } from "../area.js";
import { offerOrderDraft } from "./order-draft.js";
import { askSignedOrder } from "./order-steps.js";
import { backToQueue, decisionRefusalText } from "./transfers.js";

export const TRANSFER_APPROVAL = "transfer-approval";

export const transferApprovalScreens = new Composer<BotContext>();

type Refusal = Extract<ApprovalCheck, { ok: false }>;

/**
 * Why the approval is refused, in the coordinator's language (HTML): a request decided
 * meanwhile says what decided it (a recorded result, or who and when).
 */
async function refusalOf(
  ctx: BotContext,
  region: RegionRef,
  request: number,
  refusal: Refusal,
): Promise<string> {
  if (refusal.reason === "decided")
    return decisionRefusalText(ctx, region.unitId, request, {
      reason: "decided",
      done: refusal.done,
    });
  if (refusal.done) return doneByText(ctx, refusal.done);
  return translateKey(ctx.t, `transfer.decision_failed.${refusal.reason}`, {
    date: refusal.startsOn ? formatDate(refusal.startsOn) : "",
  });
}

/** After a refusal: another cohort or a rejection when the target was the problem; the queue. */
function refusalKeyboard(
  ctx: Pick<BotContext, "t">,
  region: RegionRef,
  request: number,
  refusal: Refusal,
) {
  const keyboard = new InlineKeyboard();
  if (refusal.reason === "target_started" || refusal.reason === "target_not_eligible")
    keyboard
      .text(
        ctx.t("transfer.choose_and_approve_button"),
        routes.transferPickCohort.pack({ grant: region, request }),
      )
      .row()
      .text(ctx.t("transfer.reject_button"), routes.transferReject.pack({ grant: region, request }))
      .row();
  return keyboard.text(ctx.t("menu.back"), routes.transferRequests.pack({ grant: region }));
}

onRoute(
  transferApprovalScreens,
  routes.transferApprove,
  async (ctx, { grant, request, cohort }) => {
    const check = await approvalCheck(ctx.deps.db, {
      requestId: request,
      regionId: grant.unitId,
      targetCohortId: cohort,
      now: ctx.deps.clock(),
    });
    await ctx.answerCallbackQuery();
    const region = regionRef(grant);
    if (!check.ok) {
      await ctx.reply(await refusalOf(ctx, region, request, check), {
        parse_mode: "HTML",
        reply_markup: refusalKeyboard(ctx, region, request, check),
      });
      return;
    }
    await ctx.conversation.enter(TRANSFER_APPROVAL, region, request, cohort);
  },
);

export async function transferApproval(
  conversation: Convo,
  ctx: ConversationContext,
  region: RegionRef,
  requestId: number,
  cohortId: number,
): Promise<void> {
  const { t } = ctx;
  // What the order's date is checked against: when the request was made, the target's first day.
  const facts = await asGrant(conversation, region, async (outside, grant) => {
    const check = await approvalCheck(outside.deps.db, {
      requestId,
      regionId: grant.unitId,
      targetCohortId: cohortId,
      now: outside.deps.clock(),
    });
    return check.ok
      ? { requestedOn: almatyDate(check.request.createdAt), startsOn: check.target.startsOn }
      : null;
  });
  if (!facts) {
    await ctx.reply(t("transfer.decision_failed.not_found"), {
      reply_markup: backToQueue(ctx, region),
    });
    return;
  }
  await offerOrderDraft(conversation, ctx, {
    region,
    cohortId,
    employeeIds: [],
    transfer: { requestId },
  });
  const order = await askSignedOrder(conversation, ctx, {
    numberQuestion: t("transfer.ask_order_number", { id: requestId }),
    dateQuestion: t("transfer.ask_order_date"),
    dateProblem: (date, today) => {
      const problem = transferOrderDateProblem({
        orderDate: date,
        today,
        requestedOn: facts.requestedOn,
        targetStartsOn: facts.startsOn,
      });
      if (!problem) return null;
      return translateKey(t, `transfer.decision_failed.order_${problem}`, {
        date: formatDate(problem === "before_request" ? facts.requestedOn : facts.startsOn),
      });
    },
  });
  const text = await asGrant(conversation, region, async (outside, grant) => {
    const result = await approveTransfer(outside.deps.db, {
      requestId,
      regionId: grant.unitId,
      targetCohortId: cohortId,
      order,
      ...stamp(outside),
    });
    return result.ok
      ? {
          text: t("transfer.approved", {
            id: requestId,
            number: escapeHtml(order.number),
            date: formatDate(order.date),
          }),
          keyboard: backToQueue(outside, region),
        }
      : {
          text: await refusalOf(outside, region, requestId, result),
          keyboard: refusalKeyboard(outside, region, requestId, result),
        };
  });
  await ctx.reply(text?.text ?? t("transfer.decision_failed.not_found"), {
    parse_mode: "HTML",
    reply_markup: text?.keyboard ?? backToQueue(ctx, region),
  });
}
