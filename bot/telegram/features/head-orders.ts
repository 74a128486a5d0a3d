// The region's kept orders (item 9): each one the regional coordinator entered when
// sending employees to training, produced again as DOCX and PDF exactly as it was
// signed, in Kazakh or Russian.
import { Composer, InlineKeyboard } from "grammy";
import type { Language } from "../../../db/types.js";
import { escapeHtml } from "../../i18n/index.js";
import { formatDate } from "../../rules/index.js";
import { headOrderOfRegion, headOrdersOfRegion } from "../../services/head-orders.js";
import { grantKey } from "../../services/people.js";
import type { BotContext } from "../context.js";
import { callbackData } from "../keyboards.js";
import { sendOrderFiles } from "../order-files.js";
import { deny, regionalGrant } from "./unit-scope.js";

export const headOrdersFeature = new Composer<BotContext>();

headOrdersFeature.callbackQuery(/^ho:(\w+)$/, async (ctx) => {
  const grant = regionalGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  await ctx.answerCallbackQuery();
  const orders = await headOrdersOfRegion(ctx.deps.db, grant.unitId);
  const keyboard = new InlineKeyboard();
  const lines = orders.map((o) => {
    const label = `№ ${o.number}, ${formatDate(o.date)}`.slice(0, 40);
    keyboard
      .text(`${label} · ҚАЗ`, callbackData("hf", grantKey(grant), o.id, "kk"))
      .text(`${label} · РУС`, callbackData("hf", grantKey(grant), o.id, "ru"))
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
  keyboard.text(ctx.t("menu.back"), `m:${grantKey(grant)}`);
  const text = lines.length
    ? [ctx.t("head_orders.list_title"), ...lines].join("\n")
    : ctx.t("head_orders.none");
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
});

headOrdersFeature.callbackQuery(/^hf:(\w+):(\d+):(kk|ru)$/, async (ctx) => {
  const grant = regionalGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  const order = await headOrderOfRegion(ctx.deps.db, grant.unitId, Number(ctx.match[2]));
  if (!order) {
    await ctx.answerCallbackQuery({ text: ctx.t("head_orders.not_found"), show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await sendOrderFiles(ctx, order.content, ctx.match[3] as Language, order.signed);
});
