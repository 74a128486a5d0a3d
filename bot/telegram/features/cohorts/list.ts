// A provider coordinator's cohorts by phase (running, upcoming, finished), and one
// cohort: its terms, its participants and what can be done with them now.

import { Composer, InlineKeyboard } from "grammy";
import { inLanguage } from "../../../i18n/in-language.js";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, COHORT_FIELDS, formatDate, resultsOpen } from "../../../rules/index.js";
import { cohortsOf, participants, providerCohort } from "../../../services/cohorts.js";
import type { BotContext } from "../../context.js";
import { onRoute } from "../../routing.js";
import { notFound } from "./steps.js";

export const cohortListScreens = new Composer<BotContext>();

onRoute(cohortListScreens, routes.cohorts, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const cohorts = await cohortsOf(
    ctx.deps.db,
    { providerId: grant.providerId },
    almatyDate(ctx.deps.clock()),
  );
  const keyboard = new InlineKeyboard();
  const lines = [ctx.t("cohorts.title", { count: cohorts.length })];
  for (const phase of ["running", "upcoming", "finished"] as const) {
    const inPhase = cohorts.filter((c) => c.phase === phase);
    if (inPhase.length) lines.push(`\n<b>${ctx.t(`cohorts.phase.${phase}`)}</b>`);
    for (const c of inPhase) {
      lines.push(
        ctx.t("cohorts.line", {
          program: escapeHtml(c.program[ctx.lang]),
          from: formatDate(c.startsOn),
          to: formatDate(c.endsOn),
          enrolled: c.enrolled,
          capacity: c.capacity,
        }),
      );
      keyboard
        .text(
          `${formatDate(c.startsOn)}–${formatDate(c.endsOn)}`,
          routes.cohort.pack({ grant, cohort: c.id }),
        )
        .row();
    }
  }
  keyboard
    .text(ctx.t("cohorts.new_button"), routes.cohortNew.pack({ grant }))
    .row()
    .text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

const STATUS_ICON = {
  enrolled: "🟡",
  passed: "✅",
  failed: "❌",
  transferred: "🔁",
  withdrawn: "⏸",
} as const;

onRoute(cohortListScreens, routes.cohort, async (ctx, { grant, cohort: cohortId }) => {
  const cohort = await providerCohort(ctx.deps.db, cohortId, grant.providerId);
  if (!cohort) return notFound(ctx);
  await ctx.answerCallbackQuery();
  const people = await participants(ctx.deps.db, cohort.id);
  const lines = [
    `<b>${escapeHtml(inLanguage(cohort, "program_title", ctx.lang))}</b>`,
    ctx.t("employee.cohort.dates", {
      from: formatDate(cohort.starts_on),
      to: formatDate(cohort.ends_on),
    }),
    ctx.t("employee.cohort.hours", { count: cohort.academic_hours }),
    ctx.t("cohorts.places", { enrolled: people.length, capacity: cohort.capacity }),
    ...people.map(
      (p, i) =>
        `${i + 1}. ${STATUS_ICON[p.status]} ${escapeHtml(p.name)}${p.agreementConfirmed ? "" : " ✍️"}`,
    ),
    ctx.t("cohorts.legend"),
  ];
  const keyboard = new InlineKeyboard();
  const ids = { grant, cohort: cohort.id };
  // Item 12: results are recorded once the programme is completed, from its last day.
  if (
    people.some((p) => p.status === "enrolled") &&
    resultsOpen(cohort.ends_on, almatyDate(ctx.deps.clock()))
  )
    keyboard.text(ctx.t("cohorts.results_button"), routes.cohortResults.pack(ids)).row();
  if (people.some((p) => p.status === "failed"))
    keyboard.text(ctx.t("cohorts.retest_button"), routes.cohortRetest.pack(ids)).row();
  if (people.length)
    keyboard.text(ctx.t("cohorts.breach_button"), routes.cohortBreach.pack(ids)).row();
  COHORT_FIELDS.forEach((field, index) => {
    keyboard.text(ctx.t(`cohorts.field.${field}`), routes.cohortEdit.pack({ ...ids, field }));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row().text(ctx.t("menu.back"), routes.cohorts.pack({ grant }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});
