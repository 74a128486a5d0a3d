// Overviews (item 6): a coordinator's unit(s), and the national one by region for admins.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import {
  countParams,
  nationalOverview,
  type OverviewLine,
  type StatusCounts,
  totalOf,
  unitOverview,
} from "../../../services/overview.js";
import type { BotContext } from "../../context.js";
import { onRoute } from "../../routing.js";
import { chartButtons } from "./charts.js";

export const overviewScreens = new Composer<BotContext>();

function line(ctx: BotContext, name: string, c: StatusCounts): string {
  return ctx.t("overview.line", { name: escapeHtml(name), ...countParams(c) });
}

/** The title, the legend, the total when there is more than one line, and a line per unit. */
function overviewText(ctx: BotContext, title: string, lines: OverviewLine[], total: boolean) {
  return [
    title,
    ctx.t("overview.legend"),
    ...(total ? [line(ctx, ctx.t("overview.total"), totalOf(lines))] : []),
    ...lines.map((l) => line(ctx, l.name[ctx.lang], l.counts)),
  ].join("\n\n");
}

onRoute(overviewScreens, routes.overview, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const lines = await unitOverview(ctx.deps.db, grant, ctx.deps.clock());
  await ctx.reply(overviewText(ctx, ctx.t("overview.title"), lines, lines.length > 1), {
    parse_mode: "HTML",
    reply_markup:
      grant.role === "regional_coordinator"
        ? chartButtons(ctx, grant)
        : new InlineKeyboard().text(ctx.t("menu.back"), routes.roleMenu.pack({ grant })),
  });
});

onRoute(overviewScreens, routes.nationalOverview, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const lines = await nationalOverview(ctx.deps.db, ctx.deps.clock());
  await ctx.reply(overviewText(ctx, ctx.t("overview.national_title"), lines, true), {
    parse_mode: "HTML",
    reply_markup: chartButtons(ctx, grant),
  });
});
