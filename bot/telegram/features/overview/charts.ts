// Compliance as a picture: a regional coordinator's districts or, for admins, the
// country's regions (item 6), and the list season (items 7, 8) — each a PNG sent as a
// photo with every number in the caption, and the same figures as XLSX.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { Language } from "../../../../db/types.js";
import {
  type ChartText,
  complianceCaption,
  nationalSeasonCaption,
  regionSeasonCaption,
} from "../../../charts/captions.js";
import { complianceChartPng } from "../../../charts/compliance-chart.js";
import { complianceXlsx } from "../../../charts/compliance-xlsx.js";
import { nationalSeasonChartPng, regionSeasonChartPng } from "../../../charts/season-chart.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, listYearFor } from "../../../rules/index.js";
import {
  nationalCompliance,
  nationalSeason,
  regionCompliance,
  regionSeason,
} from "../../../services/compliance.js";
import type { RoleGrant } from "../../../services/people.js";
import type { BotContext } from "../../context.js";
import { onRoute } from "../../routing.js";

export const chartScreens = new Composer<BotContext>();

/** Who sees charts: a regional coordinator (its region's districts), an admin (the country's regions). */
type ChartGrant = Extract<RoleGrant, { role: "regional_coordinator" | "admin" }>;

/** The buttons under a chart: the other views of the same scope, and back to the menu. */
export function chartButtons(ctx: BotContext, grant: ChartGrant): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t("charts.chart_button"), routes.complianceChart.pack({ grant }))
    .text(ctx.t("charts.season_button"), routes.seasonChart.pack({ grant }))
    .row()
    .text(ctx.t("charts.xlsx_button"), routes.complianceFile.pack({ grant }))
    .row()
    .text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
}

async function sendChart(ctx: BotContext, grant: ChartGrant, png: Buffer, text: ChartText) {
  const last = text.rest.length === 0;
  await ctx.replyWithPhoto(new InputFile(png, "chart.png"), {
    caption: text.caption,
    parse_mode: "HTML",
    reply_markup: last ? chartButtons(ctx, grant) : undefined,
  });
  for (const [i, message] of text.rest.entries())
    await ctx.reply(message, {
      parse_mode: "HTML",
      reply_markup: i === text.rest.length - 1 ? chartButtons(ctx, grant) : undefined,
    });
}

onRoute(chartScreens, routes.complianceChart, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  const language: Language = ctx.lang;
  const rows =
    grant.role === "regional_coordinator"
      ? await regionCompliance(ctx.deps.db, grant.unitId, now)
      : await nationalCompliance(ctx.deps.db, now);
  const title =
    grant.role === "regional_coordinator"
      ? ctx.t("charts.region_title", { unit: grant.scopeName[ctx.lang] })
      : ctx.t("charts.national_title");
  const today = almatyDate(now);
  await sendChart(
    ctx,
    grant,
    complianceChartPng({ rows, title, today, language }),
    complianceCaption(rows, title, today, language),
  );
});

onRoute(chartScreens, routes.seasonChart, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  const year = listYearFor(now);
  if (grant.role === "regional_coordinator") {
    const season = await regionSeason(ctx.deps.db, grant.unitId, year, now);
    await sendChart(
      ctx,
      grant,
      regionSeasonChartPng({ season, unitName: grant.scopeName[ctx.lang], language: ctx.lang }),
      regionSeasonCaption(season, ctx.lang),
    );
    return;
  }
  const season = await nationalSeason(ctx.deps.db, year, now);
  await sendChart(
    ctx,
    grant,
    nationalSeasonChartPng({ ...season, language: ctx.lang }),
    nationalSeasonCaption(season.year, season.today, season.regions, ctx.lang),
  );
});

onRoute(chartScreens, routes.complianceFile, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  const year = listYearFor(now);
  const date = almatyDate(now);
  const { db } = ctx.deps;
  const workbook =
    grant.role === "regional_coordinator"
      ? await complianceXlsx(
          await regionCompliance(db, grant.unitId, now),
          { kind: "region", season: await regionSeason(db, grant.unitId, year, now) },
          ctx.lang,
        )
      : await complianceXlsx(
          await nationalCompliance(db, now),
          { kind: "national", ...(await nationalSeason(db, year, now)) },
          ctx.lang,
        );
  const fileName =
    grant.role === "regional_coordinator"
      ? ctx.t("charts.xlsx.file_region", { unit: grant.scopeName[ctx.lang], date })
      : ctx.t("charts.xlsx.file_national", { date });
  await ctx.replyWithDocument(new InputFile(workbook, fileName), {
    caption: ctx.t("charts.xlsx.caption"),
    reply_markup: chartButtons(ctx, grant),
  });
});
