// Overviews: a coordinator's unit(s), and the national one by region for admins.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../i18n/index.js";
import {
  addCounts,
  countsByUnit,
  emptyCounts,
  type StatusCounts,
} from "../../services/overview.js";
import { grantKey } from "../../services/people.js";
import type { BotContext } from "../context.js";
import { chartButtons } from "./compliance-charts.js";
import { deny, unitGrant } from "./unit-scope.js";

export const overviewFeature = new Composer<BotContext>();

function line(ctx: BotContext, name: string, c: StatusCounts): string {
  return ctx.t("overview.line", {
    name: escapeHtml(name),
    total: c.total,
    upToDate: c.upToDate,
    due: c.dueThisYear,
    overdue: c.overdue,
    never: c.neverTrained,
  });
}

overviewFeature.callbackQuery(/^ro:(\w+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  if (!grant) return deny(ctx);
  await ctx.answerCallbackQuery();
  const { db, clock } = ctx.deps;
  const units = await db
    .selectFrom("units")
    .select(["id", "name_kk", "name_ru"])
    .where((eb) =>
      grant.role === "regional_coordinator"
        ? eb.or([eb("id", "=", grant.unitId), eb("parent_id", "=", grant.unitId)])
        : eb("id", "=", grant.unitId),
    )
    .orderBy("kato_code")
    .execute();
  const counts = await countsByUnit(
    db,
    units.map((u) => u.id),
    clock(),
  );
  const total = emptyCounts();
  const lines = units.map((u) => {
    const c = counts.get(u.id) ?? emptyCounts();
    addCounts(total, c);
    return line(ctx, ctx.lang === "kk" ? u.name_kk : u.name_ru, c);
  });
  const text = [
    ctx.t("overview.title"),
    ctx.t("overview.legend"),
    ...(units.length > 1 ? [line(ctx, ctx.t("overview.total"), total)] : []),
    ...lines,
  ].join("\n\n");
  await ctx.reply(text, {
    parse_mode: "HTML",
    reply_markup:
      grant.role === "regional_coordinator"
        ? chartButtons(ctx, grantKey(grant))
        : new InlineKeyboard().text(ctx.t("menu.back"), `m:${grantKey(grant)}`),
  });
});

overviewFeature.callbackQuery("ao", async (ctx) => {
  if (!ctx.person?.grants.some((g) => g.role === "admin")) return deny(ctx);
  await ctx.answerCallbackQuery();
  const { db, clock } = ctx.deps;
  const units = await db
    .selectFrom("units")
    .select(["id", "parent_id", "level", "name_kk", "name_ru"])
    .orderBy("kato_code")
    .execute();
  const counts = await countsByUnit(db, null, clock());
  const byRegion = new Map<number, StatusCounts>();
  for (const unit of units) {
    const region = unit.parent_id ?? unit.id;
    byRegion.set(
      region,
      addCounts(byRegion.get(region) ?? emptyCounts(), counts.get(unit.id) ?? emptyCounts()),
    );
  }
  const total = emptyCounts();
  const lines = units
    .filter((u) => u.level === "region")
    .map((u) => {
      const c = byRegion.get(u.id) ?? emptyCounts();
      addCounts(total, c);
      return line(ctx, ctx.lang === "kk" ? u.name_kk : u.name_ru, c);
    });
  await ctx.reply(
    [
      ctx.t("overview.national_title"),
      ctx.t("overview.legend"),
      line(ctx, ctx.t("overview.total"), total),
      ...lines,
    ].join("\n\n"),
    {
      parse_mode: "HTML",
      reply_markup: chartButtons(ctx, "a"),
    },
  );
});
