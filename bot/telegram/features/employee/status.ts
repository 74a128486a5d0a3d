// The employee's training status and why they are due (items 6, 7): the last
// certificate, the due date, next year's list, the current cohort. Read for the
// employee record bound to the sender; callback data never names it.
import { Composer } from "grammy";
import { escapeHtml, translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate, formatDateTime, listYearFor } from "../../../rules/index.js";
import { type EnrolmentView, trainingOverview } from "../../../services/training.js";
import type { BotContext } from "../../context.js";
import { backToMenu } from "../../keyboards.js";
import { onRoute } from "../../routing.js";

export const statusScreen = new Composer<BotContext>();

type Overview = Awaited<ReturnType<typeof trainingOverview>>;

function statusLine(ctx: BotContext, overview: Overview) {
  const s = overview.status;
  switch (s.kind) {
    case "never_trained":
      return ctx.t("employee.status.never_trained");
    case "up_to_date":
      return ctx.t("employee.status.up_to_date", { date: formatDate(s.dueOn), days: s.daysLeft });
    case "due_soon":
      return ctx.t("employee.status.due_soon", { date: formatDate(s.dueOn), days: s.daysLeft });
    case "overdue":
      return ctx.t("employee.status.overdue", { date: formatDate(s.dueOn), days: s.daysOverdue });
  }
}

function certificateLine(ctx: BotContext, overview: Overview) {
  const c = overview.lastCertificate;
  if (!c) return ctx.t("employee.status.no_certificate");
  const parts = [
    c.number ? `№ ${escapeHtml(c.number)}` : null,
    c.provider ? escapeHtml(c.provider[ctx.lang]) : null,
    formatDate(c.issuedOn),
    c.academicHours ? ctx.t("employee.hours", { hours: c.academicHours }) : null,
  ];
  return ctx.t("employee.status.certificate", { details: parts.filter(Boolean).join(", ") });
}

/** Items 6, 13: a revoked certificate counts for nothing; say so, and why the person is due. */
function revokedLine(ctx: BotContext, overview: Overview): string[] {
  const r = overview.revokedCertificate;
  if (!r) return [];
  return [
    ctx.t("employee.status.revoked", {
      number: escapeHtml(r.number),
      issued: formatDate(r.issuedOn),
      revoked: formatDate(almatyDate(r.revokedAt)),
      reason: escapeHtml(r.reason),
    }),
  ];
}

function enrolmentLines(ctx: BotContext, enrolment: EnrolmentView | null): string[] {
  if (!enrolment) return [ctx.t("employee.status.no_cohort")];
  const c = enrolment.cohort;
  const terms = {
    program: escapeHtml(c.program[ctx.lang]),
    provider: escapeHtml(c.provider[ctx.lang]),
    from: formatDate(c.startsOn),
    to: formatDate(c.endsOn),
  };
  // A passed training: which one, and when its test was passed (the certificate is above).
  if (enrolment.status === "passed") {
    const test = enrolment.passedTest;
    return [
      [
        ctx.t("employee.status.completed", terms),
        test
          ? ctx.t(`employee.status.completed_${test.kind}`, { date: formatDate(test.takenOn) })
          : "",
      ]
        .filter(Boolean)
        .join(" "),
    ];
  }
  const cohortLine = ctx.t("employee.status.cohort", terms);
  if (enrolment.status === "failed") return [cohortLine, ctx.t("employee.status.cohort_failed")];
  return [
    cohortLine,
    enrolment.agreementConfirmedAt
      ? ctx.t("employee.status.agreement_confirmed", {
          at: formatDateTime(enrolment.agreementConfirmedAt),
        })
      : ctx.t("employee.status.agreement_pending"),
  ];
}

onRoute(statusScreen, routes.employeeStatus, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const now = ctx.deps.clock();
  const overview = await trainingOverview(ctx.deps.db, grant.employeeId, now);
  const list = overview.nextYearList;
  const onList = (standing: { year: number; status: string }) =>
    ctx.t("employee.status.on_list", {
      year: standing.year,
      status: translateKey(ctx.t, `lists.status.${standing.status}`),
    });
  const lines = [
    ctx.t("employee.status.title"),
    certificateLine(ctx, overview),
    ...revokedLine(ctx, overview),
    statusLine(ctx, overview),
    ctx.t("employee.status.why"),
    // Across New Year both lists matter: this year's (still approved late, still sending
    // people by order) when the employee is on it, and the coming year's.
    ...(overview.currentYearList ? [onList(overview.currentYearList)] : []),
    list ? onList(list) : ctx.t("employee.status.not_on_list", { year: listYearFor(now) }),
    ...enrolmentLines(ctx, overview.enrolment),
  ];
  if (overview.retestsLeft !== null) {
    lines.push(ctx.t("employee.status.retests_left", { count: overview.retestsLeft }));
  }
  await ctx.reply(lines.join("\n\n"), {
    parse_mode: "HTML",
    reply_markup: backToMenu(ctx.t, grant),
  });
});
