// The region's kept orders (item 9): each one the regional coordinator entered when
// sending employees to training, produced again as DOCX and PDF exactly as it was
// signed, in Kazakh or Russian.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { formatDate } from "../../../rules/index.js";
import { headOrderOfRegion, headOrdersOfRegion } from "../../../services/head-orders.js";
import type { BotContext } from "../../context.js";
import { sendOrderFiles } from "../../order-files.js";
import { onRoute } from "../../routing.js";

export const headOrdersScreens = new Composer<BotContext>();

onRoute(headOrdersScreens, routes.headOrders, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const orders = await headOrdersOfRegion(ctx.deps.db, grant.unitId);
  const keyboard = new InlineKeyboard();
  const lines = orders.map((o) => {
    const label = `№ ${o.number}, ${formatDate(o.date)}`.slice(0, 40);
    keyboard
      .text(`${label} · ҚАЗ`, routes.headOrderFiles.pack({ grant, order: o.id, language: "kk" }))
      .text(`${label} · РУС`, routes.headOrderFiles.pack({ grant, order: o.id, language: "ru" }))
      .row();
    return ctx.t("head_orders.line", {
      number: escapeHtml(o.number),
      date: formatDate(o.date),
      program: escapeHtml(o.program[ctx.lang]),
      from: formatDate(o.startsOn),
      to: formatDate(o.endsOn),
      count: o.employees,
    });
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
