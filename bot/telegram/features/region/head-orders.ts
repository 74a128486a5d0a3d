// The region's kept orders (item 9): each one the regional coordinator entered when
// sending employees to training or approving a transfer, produced again as DOCX and
// PDF exactly as it was signed, in Kazakh or Russian. An order whose cohort has moved
// since it named its dates is marked, with a button to record the amending order.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { formatDate } from "../../../rules/index.js";
import {
  type HeadOrderSummary,
  headOrderOfRegion,
  headOrdersOfRegion,
} from "../../../services/head-orders.js";
import type { BotContext } from "../../context.js";
import { sendOrderFiles } from "../../order-files.js";
import { onRoute } from "../../routing.js";

export const headOrdersScreens = new Composer<BotContext>();

/** An order's lines: what it says, then its amending orders and a mark when it names old dates. */
function orderLines(ctx: BotContext, o: HeadOrderSummary): string[] {
  const lines = [
    ctx.t(o.transfer ? "head_orders.line_transfer" : "head_orders.line", {
      number: escapeHtml(o.number),
      date: formatDate(o.date),
      program: escapeHtml(o.program[ctx.lang]),
      from: formatDate(o.startsOn),
      to: formatDate(o.endsOn),
      count: o.employees,
    }),
    ...o.amendments.map((a) =>
      ctx.t("head_orders.amended_by", { number: escapeHtml(a.number), date: formatDate(a.date) }),
    ),
  ];
  if (o.oldDates)
    lines.push(
      ctx.t("head_orders.old_dates", {
        from: formatDate(o.oldDates.named.startsOn),
        to: formatDate(o.oldDates.named.endsOn),
        nowFrom: formatDate(o.oldDates.cohort.startsOn),
        nowTo: formatDate(o.oldDates.cohort.endsOn),
      }),
    );
  return lines;
}

/** "✏️ Amending № …", within 30 characters whatever the number's length. */
export function amendLabel(ctx: Pick<BotContext, "t">, number: string): string {
  const short = number.length > 15 ? `${number.slice(0, 14)}…` : number;
  return ctx.t("head_orders.amend_button", { number: short });
}

onRoute(headOrdersScreens, routes.headOrders, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const orders = await headOrdersOfRegion(ctx.deps.db, grant.unitId);
  const keyboard = new InlineKeyboard();
  const lines = orders.flatMap((o) => {
    const label = `№ ${o.number}, ${formatDate(o.date)}`.slice(0, 40);
    keyboard
      .text(`${label} · ҚАЗ`, routes.headOrderFiles.pack({ grant, order: o.id, language: "kk" }))
      .text(`${label} · РУС`, routes.headOrderFiles.pack({ grant, order: o.id, language: "ru" }))
      .row();
    if (o.oldDates)
      keyboard
        .text(amendLabel(ctx, o.number), routes.headOrderAmend.pack({ grant, order: o.id }))
        .row();
    return orderLines(ctx, o);
  });
  keyboard.text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  const text = lines.length
    ? [ctx.t("head_orders.list_title"), ...lines].join("\n")
    : ctx.t("head_orders.none");
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
});

onRoute(headOrdersScreens, routes.headOrderFiles, async (ctx, { grant, order, language }) => {
  const kept = await headOrderOfRegion(ctx.deps.db, grant.unitId, order);
  if (!kept) {
    await ctx.answerCallbackQuery({ text: ctx.t("head_orders.not_found"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await sendOrderFiles(ctx, kept.content, language, kept.signed);
});
