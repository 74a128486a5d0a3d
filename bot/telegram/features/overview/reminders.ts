// "📣 Reminders" for coordinators and admins: what goes out in the next 7 days to
// people in their scope, the last 7 days' deliveries, and (district and regional
// coordinators) the employees to reach by phone because the bot cannot.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml, translateKey } from "../../../i18n/index.js";
import {
  deliveryLastWeek,
  peopleOfProvider,
  peopleOfUnits,
  peopleToReach,
  previewNextWeek,
} from "../../../reminders/overview.js";
import { routes } from "../../../routes/index.js";
import { formatDate } from "../../../rules/index.js";
import { unitIdsInScope } from "../../../services/scope.js";
import type { BotContext } from "../../context.js";
import { onRoute } from "../../routing.js";

export const remindersScreen = new Composer<BotContext>();
const MAX_PEOPLE = 40;

onRoute(remindersScreen, routes.reminders, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const { db, clock } = ctx.deps;
  const now = clock();
  const units = grant.role === "provider_coordinator" ? null : await unitIdsInScope(db, grant);
  const people =
    grant.role === "provider_coordinator"
      ? await peopleOfProvider(db, grant.providerId)
      : await peopleOfUnits(db, units);
  const [week, delivery] = await Promise.all([
    previewNextWeek(db, people, now),
    deliveryLastWeek(db, people, now),
  ]);
  const lines = [ctx.t("reminders_screen.next_week")];
  for (const day of week) {
    const kinds = Object.entries(day.byKind).map(
      ([kind, n]) => `${translateKey(ctx.t, `reminders_screen.kind.${kind}`)}: ${n}`,
    );
    lines.push(
      `${formatDate(day.date)} — ${kinds.length ? kinds.join(", ") : ctx.t("reminders_screen.nothing")}`,
    );
  }
  lines.push("", ctx.t("reminders_screen.delivery", delivery));
  if (units !== null) {
    const people = await peopleToReach(db, units, now);
    lines.push(
      "",
      ctx.t(people.length ? "reminders_screen.to_reach" : "reminders_screen.to_reach_none", {
        count: people.length,
      }),
    );
    for (const p of people.slice(0, MAX_PEOPLE)) {
      lines.push(
        ctx.t("reminders_screen.person", {
          name: escapeHtml(p.name),
          phone: p.phone ? `+${p.phone}` : "—",
          why: ctx.t(`reminders_screen.why.${p.why}`),
          need: ctx.t(`reminders_screen.need.${p.need}`),
        }),
      );
    }
  }
  await ctx.reply(lines.join("\n"), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard().text(ctx.t("menu.back"), routes.roleMenu.pack({ grant })),
  });
});
