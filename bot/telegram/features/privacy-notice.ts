// The personal-data notices on screen: the text of the current version in the
// person's language with "I agree" (and, for employees, "I do not agree"), and what
// a person who declined sees instead of the employee menu.
import { InlineKeyboard } from "grammy";
import type { ConsentSubject } from "../../../db/types.js";
import { type TFunction, translateKey } from "../../i18n/index.js";
import { NOTICE_VERSION } from "../../i18n/notice-versions.js";
import { routes } from "../../routes/index.js";
import type { BotContext } from "../context.js";

const DAYS_IN_YEAR = 365;

/** "3 года" / "3 жыл", or days when the period is not whole years. */
export function retentionPeriod(t: TFunction, language: "kk" | "ru", days: number): string {
  const years = days % DAYS_IN_YEAR === 0 ? days / DAYS_IN_YEAR : null;
  const count = years ?? days;
  const forms = t(years !== null ? "privacy.units.years" : "privacy.units.days").split("|");
  const rule = new Intl.PluralRules(language).select(count);
  const index = rule === "one" ? 0 : rule === "few" ? 1 : 2;
  return `${count} ${forms[index] ?? forms[0]}`;
}

export function noticeText(ctx: BotContext, subject: ConsentSubject): string {
  const days = ctx.deps.config.retention.employeeDays;
  return translateKey(ctx.t, `privacy.${subject}.v${NOTICE_VERSION[subject]}`, {
    period: retentionPeriod(ctx.t, ctx.lang, days),
  });
}

/** The buttons answering the employee notice, and reading it again. */
export const agreeToEmployeeNotice = routes.privacyAnswer.pack({
  answer: "agree",
  subject: "employee",
});
export const readEmployeeNotice = routes.privacyNotice.pack({ subject: "employee" });

export async function sendNotice(ctx: BotContext, subject: ConsentSubject): Promise<void> {
  const keyboard = new InlineKeyboard().text(
    ctx.t("privacy.agree_button"),
    routes.privacyAnswer.pack({ answer: "agree", subject }),
  );
  if (subject === "employee") {
    keyboard.text(
      ctx.t("privacy.decline_button"),
      routes.privacyAnswer.pack({ answer: "decline", subject }),
    );
  }
  await ctx.reply(noticeText(ctx, subject), { parse_mode: "HTML", reply_markup: keyboard });
}

/**
 * Instead of the home screen, when a role waits for the person's answer: the
 * coordinator notice first, then the employee one; or, for an employee who declined
 * and has no other role, what that means. Returns whether it showed something.
 */
export async function showPendingNotice(ctx: BotContext): Promise<boolean> {
  const person = ctx.person;
  const waiting = person?.heldBack ?? [];
  if (!person || waiting.length === 0) return false;
  const coordinatorWaits = waiting.some((g) => g.role !== "employee");
  if (coordinatorWaits && person.consent?.coordinator !== "agreed") {
    await sendNotice(ctx, "coordinator");
    return true;
  }
  if (person.consent?.employee === "pending") {
    await sendNotice(ctx, "employee");
    return true;
  }
  if (person.grants.length > 0) return false;
  await ctx.reply(ctx.t("privacy.declined_home"), {
    parse_mode: "HTML",
    reply_markup: new InlineKeyboard()
      .text(ctx.t("privacy.agree_button"), agreeToEmployeeNotice)
      .row()
      .text(ctx.t("privacy.read_button"), readEmployeeNotice)
      .row()
      .text(ctx.t("privacy.menu"), routes.myData.pack({})),
  });
  return true;
}
