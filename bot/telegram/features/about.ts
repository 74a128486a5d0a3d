// About: which rules the bot runs, what it does, and whom an employee should ask.
import { Composer } from "grammy";
import { escapeHtml } from "../../i18n/index.js";
import { routes } from "../../routes/index.js";
import { recordKeepersOfUnit } from "../../services/coordinators.js";
import type { BotContext } from "../context.js";
import { homeKeyboard } from "../keyboards.js";
import { onRoute } from "../routing.js";

export const aboutFeature = new Composer<BotContext>();

async function showAbout(ctx: BotContext): Promise<void> {
  const employee = ctx.person?.grants.find((g) => g.role === "employee");
  let contact = "";
  if (employee) {
    // District coordinators for a district body, regional ones for a region-level body.
    const coordinators = await recordKeepersOfUnit(ctx.deps.db, employee.unitId);
    const names = coordinators.map((c) =>
      escapeHtml(c.username ? `${c.name} (@${c.username})` : c.name),
    );
    contact = names.length
      ? ctx.t("about.contact", { names: names.join(", ") })
      : ctx.t("about.contact_unknown");
  }
  await ctx.reply([ctx.t("about.text"), contact].filter(Boolean).join("\n\n"), {
    parse_mode: "HTML",
    reply_markup: homeKeyboard(ctx.t),
  });
}

aboutFeature.command(["about", "help"], showAbout);
onRoute(aboutFeature, routes.about, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showAbout(ctx);
});
