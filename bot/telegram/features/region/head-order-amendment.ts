// The amending order (item 9): a kept order names a cohort's dates that the
// organization has moved since; the regional coordinator enters the number and date
// of the order that amends it, and the order then names the cohort's new dates. A
// second press, or a second coordinator, is told who recorded it and when.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml, translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { amendingOrderDateProblem, formatDate } from "../../../rules/index.js";
import {
  type AmendRefusal,
  amendableOrder,
  recordAmendingOrder,
} from "../../../services/order-amendments.js";
import type { Refused } from "../../../services/outcome.js";
import type { BotContext, ConversationContext } from "../../context.js";
import type { Convo } from "../../conversations/steps.js";
import { doneByText } from "../../refusal.js";
import { onRoute } from "../../routing.js";
import { asGrant, type RegionRef, regionRef, stamp } from "../area.js";
import { askSignedOrder } from "./order-steps.js";

export const HEAD_ORDER_AMENDMENT = "head-order-amendment";

export const headOrderAmendmentScreens = new Composer<BotContext>();

function toOrders(ctx: Pick<BotContext, "t">, region: RegionRef): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t("head_orders.menu"), routes.headOrders.pack({ grant: region }))
    .row()
    .text(ctx.t("menu.back"), routes.roleMenu.pack({ grant: region }));
}

function refusalOf(ctx: BotContext, refusal: Refused<AmendRefusal>): string {
  if (refusal.done) return doneByText(ctx, refusal.done);
  return translateKey(ctx.t, `head_orders.amend_refused.${refusal.reason}`);
}

onRoute(headOrderAmendmentScreens, routes.headOrderAmend, async (ctx, { grant, order }) => {
  const found = await amendableOrder(ctx.deps.db, grant.unitId, order);
  await ctx.answerCallbackQuery();
  const region = regionRef(grant);
  if (!found.ok) {
    await ctx.reply(refusalOf(ctx, found), {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard().text(
        ctx.t("menu.back"),
        routes.headOrders.pack({ grant: region }),
      ),
    });
    return;
  }
  await ctx.conversation.enter(HEAD_ORDER_AMENDMENT, region, order);
});

export async function headOrderAmendment(
  conversation: Convo,
  ctx: ConversationContext,
  region: RegionRef,
  orderId: number,
): Promise<void> {
  const { t } = ctx;
  const found = await asGrant(conversation, region, async (outside, grant) => {
    const result = await amendableOrder(outside.deps.db, grant.unitId, orderId);
    return result.ok ? result.order : null;
  });
  if (!found) {
    await ctx.reply(t("head_orders.amend_refused.not_found"), {
      reply_markup: toOrders(ctx, region),
    });
    return;
  }
  const amending = await askSignedOrder(conversation, ctx, {
    numberQuestion: t("head_orders.ask_amending_number", {
      number: escapeHtml(found.number),
      date: formatDate(found.date),
      from: formatDate(found.cohort.startsOn),
      to: formatDate(found.cohort.endsOn),
    }),
    dateQuestion: t("head_orders.ask_amending_date"),
    dateProblem: (date, today) => {
      const problem = amendingOrderDateProblem({
        orderDate: date,
        today,
        amendedOrderDate: found.date,
      });
      return problem
        ? translateKey(t, `head_orders.amend_refused.order_${problem}`, {
            date: formatDate(found.date),
          })
        : null;
    },
  });
  const text = await asGrant(conversation, region, async (outside, grant) => {
    const result = await recordAmendingOrder(outside.deps.db, {
      regionId: grant.unitId,
      orderId,
      amending,
      ...stamp(outside),
    });
    return result.ok
      ? t("head_orders.amending_recorded", {
          number: escapeHtml(amending.number),
          date: formatDate(amending.date),
          amended: escapeHtml(result.order.number),
          from: formatDate(result.order.cohort.startsOn),
          to: formatDate(result.order.cohort.endsOn),
        })
      : refusalOf(outside, result);
  });
  await ctx.reply(text ?? t("head_orders.amend_refused.not_found"), {
    parse_mode: "HTML",
    reply_markup: toOrders(ctx, region),
  });
}
