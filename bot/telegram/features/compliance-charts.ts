// Compliance as a picture: a regional coordinator's districts or, for admins, the
// country's regions (item 6), and the list season (items 7, 8) — each a PNG sent as a
// photo with every number in the caption, and the same figures as XLSX.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { Language } from "../../../db/types.js";
import {
  type ChartText,
  complianceCaption,
  nationalSeasonCaption,
  regionSeasonCaption,
} from "../../charts/captions.js";
import { complianceChartPng } from "../../charts/compliance-chart.js";
import { complianceXlsx } from "../../charts/compliance-xlsx.js";
import { nationalSeasonChartPng, regionSeasonChartPng } from "../../charts/season-chart.js";
import { almatyDate, listYearFor } from "../../rules/index.js";
import {
  nationalCompliance,
  nationalSeason,
  regionCompliance,
  regionSeason,
} from "../../services/compliance.js";
import type { BotContext } from "../context.js";
import { callbackData } from "../keyboards.js";
import { deny, regionalGrant } from "./unit-scope.js";

export const complianceChartsFeature = new Composer<BotContext>();

/** The scope a chart button stands for: "a" is the country (admins), else a regional grant. */
type Scope = { kind: "national" } | { kind: "region"; regionId: number; name: string; key: string };

function scopeOf(ctx: BotContext, key: string): Scope | undefined {
  if (key === "a")
    return ctx.person?.grants.some((g) => g.role === "admin") ? { kind: "national" } : undefined;
  const grant = regionalGrant(ctx, key);
  return grant && { kind: "region", regionId: grant.unitId, name: grant.scopeName[ctx.lang], key };
}

/** The buttons under a chart: the other views of the same scope, and back to the menu. */
export function chartButtons(ctx: BotContext, key: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(ctx.t("charts.chart_button"), callbackData("cc", key))
    .text(ctx.t("charts.season_button"), callbackData("cs", key))
    .row()
    .text(ctx.t("charts.xlsx_button"), callbackData("cx", key))
    .row()
    .text(ctx.t("menu.back"), `m:${key}`);
}

async function sendChart(ctx: BotContext, key: string, png: Buffer, text: ChartText) {
  const last = text.rest.length === 0;
  await ctx.replyWithPhoto(new InputFile(png, "chart.png"), {
    caption: text.caption,
    parse_mode: "HTML",
    reply_markup: last ? chartButtons(ctx, key) : undefined,
  });
  for (const [i, message] of text.rest.entries())
    await ctx.reply(message, {
      parse_mode: "HTML",
      reply_markup: i === text.rest.length - 1 ? chartButtons(ctx, key) : undefined,
    });
}

complianceChartsFeature.callbackQuery(/^cc:(\w+)$/, async (ctx) => {
  const key = ctx.match[1] ?? "";
  const scope = scopeOf(ctx, key);
  if (!scope) return deny(ctx);
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  const language: Language = ctx.lang;
  const rows =
    scope.kind === "region"
      ? await regionCompliance(ctx.deps.db, scope.regionId, now)
      : await nationalCompliance(ctx.deps.db, now);
  const title =
    scope.kind === "region"
      ? ctx.t("charts.region_title", { unit: scope.name })
      : ctx.t("charts.national_title");
  const today = almatyDate(now);
  await sendChart(
    ctx,
    key,
    complianceChartPng({ rows, title, today, language }),
    complianceCaption(rows, title, today, language),
  );
});

complianceChartsFeature.callbackQuery(/^cs:(\w+)$/, async (ctx) => {
  const key = ctx.match[1] ?? "";
  const scope = scopeOf(ctx, key);
  if (!scope) return deny(ctx);
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  const year = listYearFor(now);
  if (scope.kind === "region") {
    const season = await regionSeason(ctx.deps.db, scope.regionId, year, now);
    await sendChart(
      ctx,
      key,
      regionSeasonChartPng({ season, unitName: scope.name, language: ctx.lang }),
      regionSeasonCaption(season, ctx.lang),
    );
    return;
  }
  const season = await nationalSeason(ctx.deps.db, year, now);
  await sendChart(
    ctx,
    key,
    nationalSeasonChartPng({ ...season, language: ctx.lang }),
    nationalSeasonCaption(season.year, season.today, season.regions, ctx.lang),
  );
});

complianceChartsFeature.callbackQuery(/^cx:(\w+)$/, async (ctx) => {
  const key = ctx.match[1] ?? "";
  const scope = scopeOf(ctx, key);
  if (!scope) return deny(ctx);
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  const year = listYearFor(now);
  const date = almatyDate(now);
  const { db } = ctx.deps;
  const workbook =
    scope.kind === "region"
      ? await complianceXlsx(
          await regionCompliance(db, scope.regionId, now),
          { kind: "region", season: await regionSeason(db, scope.regionId, year, now) },
          ctx.lang,
        )
      : await complianceXlsx(
          await nationalCompliance(db, now),
          { kind: "national", ...(await nationalSeason(db, year, now)) },
          ctx.lang,
        );
  const fileName =
    scope.kind === "region"
      ? ctx.t("charts.xlsx.file_region", { unit: scope.name, date })
      : ctx.t("charts.xlsx.file_national", { date });
  await ctx.replyWithDocument(new InputFile(workbook, fileName), {
    caption: ctx.t("charts.xlsx.caption"),
    reply_markup: chartButtons(ctx, key),
  });
});
