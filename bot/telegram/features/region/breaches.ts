// Breaches of the training agreement (item 11) by employees of the region, as the
// providers recorded them.

import { Composer } from "grammy";
import { inLanguage } from "../../../i18n/in-language.js";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate } from "../../../rules/index.js";
import { breachesOf } from "../../../services/breaches.js";
import type { BotContext } from "../../context.js";
import { backToMenu } from "../../keyboards.js";
import { onRoute } from "../../routing.js";

export const breachesScreen = new Composer<BotContext>();

onRoute(breachesScreen, routes.breaches, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const breaches = await breachesOf(ctx.deps.db, grant.unitId);
  const lines = breaches.map((b) =>
    ctx.t("breaches.line", {
      date: formatDate(almatyDate(b.recorded_at)),
      name: escapeHtml(`${b.last_name} ${b.first_name}`),
      unit: escapeHtml(inLanguage(b, "unit", ctx.lang)),
      provider: escapeHtml(inLanguage(b, "name", ctx.lang)),
      description: escapeHtml(b.description),
    }),
  );
  await ctx.reply(
    [ctx.t(lines.length ? "breaches.title" : "breaches.none"), ...lines].join("\n\n"),
    { parse_mode: "HTML", reply_markup: backToMenu(ctx.t, grant) },
  );
});
