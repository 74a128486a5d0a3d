// The employee's cohort and the head's order (items 9, 10) with a calendar file,
// and the agreement to confirm (item 11).
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { cohortIcs } from "../../../documents/cohort-ics.js";
import { escapeHtml, translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate, formatDateTime } from "../../../rules/index.js";
import { confirmAgreement } from "../../../services/agreement.js";
import { cohortCalendar } from "../../../services/cohort-calendar.js";
import type { RoleGrant } from "../../../services/people.js";
import { currentEnrolment, type EnrolmentView } from "../../../services/training.js";
import type { BotContext } from "../../context.js";
import { backToMenu } from "../../keyboards.js";
import { deny } from "../../refusal.js";
import { onRoute } from "../../routing.js";

export const cohortScreens = new Composer<BotContext>();

function cohortText(ctx: BotContext, enrolment: EnrolmentView): string {
  const c = enrolment.cohort;
  const form =
    c.form === "remote"
      ? ctx.t("employee.cohort.form_remote", {
          basis: translateKey(
            ctx.t,
            `cohort.remote_basis.${c.remoteBasis ?? "emergency_declared"}`,
          ),
          note: c.remoteBasisNote ? ` (${escapeHtml(c.remoteBasisNote)})` : "",
        })
      : ctx.t("employee.cohort.form_full_time");
  return [
    ctx.t("employee.cohort.title"),
    ctx.t("employee.cohort.program", { program: escapeHtml(c.program[ctx.lang]) }),
    ctx.t("employee.cohort.provider", { provider: escapeHtml(c.provider[ctx.lang]) }),
    ctx.t("employee.cohort.dates", { from: formatDate(c.startsOn), to: formatDate(c.endsOn) }),
    form,
    ctx.t("employee.cohort.hours", { count: c.academicHours }),
    ctx.t("employee.cohort.order", {
      number: escapeHtml(enrolment.orderNumber),
      date: formatDate(enrolment.orderDate),
    }),
    c.scheduleText
      ? ctx.t("employee.cohort.schedule", { schedule: escapeHtml(c.scheduleText) })
      : c.scheduleFileId
        ? ctx.t("employee.cohort.schedule_file")
        : ctx.t("employee.cohort.schedule_missing"),
  ].join("\n");
}

/** The cohort as a calendar file (.ics) with its current dates and a reminder the day before. */
async function sendCohortCalendar(ctx: BotContext, cohortId: number): Promise<void> {
  const calendar = await cohortCalendar(ctx.deps.db, cohortId);
  if (!calendar) return;
  const file = cohortIcs(calendar, ctx.lang);
  await ctx.replyWithDocument(new InputFile(file.bytes, file.fileName), {
    caption: ctx.t("calendar.file_caption"),
  });
}

type EmployeeGrant = Extract<RoleGrant, { role: "employee" }>;

/** The employee's open enrolment, or a reply (with `noneKey`) that there is none. */
async function openEnrolment(
  ctx: BotContext,
  grant: EmployeeGrant,
  noneKey: "employee.cohort.none" | "employee.agreement.no_cohort",
) {
  const today = almatyDate(ctx.deps.clock());
  const enrolment = await currentEnrolment(ctx.deps.db, grant.employeeId, today);
  if (enrolment?.status === "enrolled") return enrolment;
  await ctx.reply(ctx.t(noneKey), { reply_markup: backToMenu(ctx.t, grant) });
  return null;
}

onRoute(cohortScreens, routes.employeeCohort, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const enrolment = await openEnrolment(ctx, grant, "employee.cohort.none");
  if (!enrolment) return;
  const keyboard = new InlineKeyboard();
  if (!enrolment.agreementConfirmedAt) {
    keyboard.text(ctx.t("employee.menu.agreement"), routes.employeeAgreement.pack({ grant })).row();
  }
  keyboard.text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  // The calendar file first, so the screen with its buttons stays at the bottom.
  await sendCohortCalendar(ctx, enrolment.cohort.id);
  await ctx.reply(cohortText(ctx, enrolment), { parse_mode: "HTML", reply_markup: keyboard });
  if (enrolment.cohort.scheduleFileId) {
    await ctx.replyWithDocument(enrolment.cohort.scheduleFileId, {
      caption: ctx.t("employee.cohort.schedule_caption"),
    });
  }
});

onRoute(cohortScreens, routes.employeeAgreement, async (ctx, { grant }) => {
  await ctx.answerCallbackQuery();
  const enrolment = await openEnrolment(ctx, grant, "employee.agreement.no_cohort");
  if (!enrolment) return;
  const conditions = ctx.t("employee.agreement.conditions", {
    provider: escapeHtml(enrolment.cohort.provider[ctx.lang]),
  });
  if (enrolment.agreementConfirmedAt) {
    const confirmed = ctx.t("employee.agreement.confirmed_at", {
      at: formatDateTime(enrolment.agreementConfirmedAt),
    });
    await ctx.reply(`${conditions}\n\n${confirmed}`, {
      parse_mode: "HTML",
      reply_markup: backToMenu(ctx.t, grant),
    });
    return;
  }
  const keyboard = new InlineKeyboard()
    .text(
      ctx.t("employee.agreement.confirm_button"),
      routes.agreementConfirm.pack({ grant, enrolment: enrolment.enrolmentId }),
    )
    .row()
    .text(ctx.t("menu.back"), routes.roleMenu.pack({ grant }));
  await ctx.reply(conditions, { parse_mode: "HTML", reply_markup: keyboard });
});

onRoute(cohortScreens, routes.agreementConfirm, async (ctx, { grant, enrolment }) => {
  const result = await confirmAgreement(ctx.deps.db, {
    employeeId: grant.employeeId,
    enrolmentId: enrolment,
    actor: ctx.callbackQuery.from.id,
    now: ctx.deps.clock(),
  });
  if (!result) {
    return deny(ctx);
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: backToMenu(ctx.t, grant) });
  await ctx.reply(
    ctx.t("employee.agreement.confirmed_at", { at: formatDateTime(result.confirmedAt) }),
    { parse_mode: "HTML", reply_markup: backToMenu(ctx.t, grant) },
  );
});
