// A signed head's order as the regional coordinator enters it (item 9): its number,
// then its date until the date is real and the order's own check takes it (a clear
// message and the question again otherwise). Used for the order on a transfer and
// for an amending order.
import type { IsoDate } from "../../../../db/types.js";
import type { SignedOrder } from "../../../documents/head-order-content.js";
import { almatyDate, parseDisplayDate } from "../../../rules/index.js";
import type { ConversationContext } from "../../context.js";
import { askText, type Convo } from "../../conversations/steps.js";

/** How long an order's number may be (as for an enrolment's order). */
export const ORDER_NUMBER_MAX = 50;

export async function askSignedOrder(
  conversation: Convo,
  ctx: ConversationContext,
  input: {
    numberQuestion: string;
    dateQuestion: string;
    /** The problem with this date on `today`, as a message to show; null when it fits. */
    dateProblem: (date: IsoDate, today: IsoDate) => string | null;
  },
): Promise<SignedOrder> {
  const { t } = ctx;
  const number =
    (await askText(conversation, ctx, t, input.numberQuestion, { max: ORDER_NUMBER_MAX })) ?? "";
  for (;;) {
    const date = parseDisplayDate((await askText(conversation, ctx, t, input.dateQuestion)) ?? "");
    const today = await conversation.external((outside) => almatyDate(outside.deps.clock()));
    const problem =
      date === null ? t("employees.problem.date_invalid") : input.dateProblem(date, today);
    if (date !== null && problem === null) return { number, date };
    await ctx.reply(problem ?? t("employees.problem.date_invalid"));
  }
}
