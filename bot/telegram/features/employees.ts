// A coordinator's employee register (district coordinators: their district;
// regional coordinators: the region-level unit's own staff): a paginated list with
// search by surname or IIN, a card per employee with edit, deactivate and invite.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../i18n/index.js";
import { formatDate, maskIin } from "../../rules/index.js";
import { recordAccess } from "../../services/access-log.js";
import { type ConsentState, employeeConsentStates } from "../../services/consent.js";
import { shortName } from "../../services/employee-directory.js";
import {
  deactivateEmployee,
  EDITABLE_FIELDS,
  employeeInUnits,
  searchEmployees,
} from "../../services/employees.js";
import { grantKey } from "../../services/people.js";
import type { BotContext } from "../context.js";
import { EMPLOYEE_IMPORT } from "../conversations/employee-import.js";
import { addPager, callbackData } from "../keyboards.js";
import { deny, unitGrant } from "./unit-scope.js";

export const EMPLOYEE_FORM = "employee-form";
export const EMPLOYEE_SEARCH = "employee-search";
const PAGE_SIZE = 8;

export const employeesFeature = new Composer<BotContext>();

/** ✉️ not joined the bot, 🚫 declined the personal-data notice, ❔ not answered it yet. */
function consentMark(joined: boolean, state: ConsentState | undefined): string {
  if (!joined) return " ✉️";
  return state === "declined" ? " 🚫" : state === "agreed" ? "" : " ❔";
}

/** An IIN typed as a search is echoed masked, like every IIN in chat. */
function shownQuery(search: string): string {
  return /^\d{12}$/.test(search) ? maskIin(search) : search;
}

/**
 * The employees page; `search` narrows it to a surname prefix or an IIN, `notAgreed`
 * to those who joined but have not agreed to the personal-data notice.
 */
export async function showEmployees(
  ctx: BotContext,
  key: string,
  page: number,
  search?: string,
  notAgreed = false,
) {
  const grant = unitGrant(ctx, key);
  if (!grant) return;
  const { db } = ctx.deps;
  const result = await searchEmployees(db, [grant.unitId], {
    search,
    notAgreed,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const consents = await employeeConsentStates(
    db,
    result.items.map((e) => e.id),
  );
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const keyboard = new InlineKeyboard();
  for (const e of result.items) {
    // Search results carry the masked IIN, to tell namesakes apart.
    const label = `${shortName(e)}${search ? ` · ${maskIin(e.iin)}` : ""}${consentMark(e.joined, consents.get(e.id))}`;
    keyboard.text(label, callbackData("ev", key, e.id)).row();
  }
  if (!search) {
    addPager(keyboard, { page, pageCount }, (p) => callbackData(notAgreed ? "emn" : "em", key, p));
  }
  keyboard
    .row()
    .text(ctx.t("employees.search_button"), callbackData("emq", key))
    .text(ctx.t("employees.add_button"), callbackData("enew", key))
    .row()
    .text(ctx.t("employees.import_button"), callbackData("imp", key))
    .row()
    .text(ctx.t("privacy.not_agreed_button"), callbackData("emn", key, 0))
    .row()
    .text(ctx.t("menu.back"), `m:${key}`);
  const text = search
    ? ctx.t("employees.found", { count: result.total, query: escapeHtml(shownQuery(search)) })
    : notAgreed
      ? ctx.t("privacy.not_agreed_list", { count: result.total })
      : `${ctx.t("employees.list", { count: result.total })}\n${ctx.t("privacy.marks")}`;
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

employeesFeature.callbackQuery(/^emn:(\w+):(\d+)$/, async (ctx) => {
  if (!unitGrant(ctx, ctx.match[1] ?? "")) return deny(ctx);
  await ctx.answerCallbackQuery();
  await showEmployees(ctx, ctx.match[1] ?? "", Number(ctx.match[2]), undefined, true);
});

employeesFeature.callbackQuery(/^em:(\w+):(\d+)$/, async (ctx) => {
  if (!unitGrant(ctx, ctx.match[1] ?? "")) return deny(ctx);
  await ctx.answerCallbackQuery();
  await showEmployees(ctx, ctx.match[1] ?? "", Number(ctx.match[2]));
});

employeesFeature.callbackQuery(/^imp:(\w+)$/, async (ctx) => {
  if (!unitGrant(ctx, ctx.match[1] ?? "")) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(EMPLOYEE_IMPORT, ctx.match[1]);
});

employeesFeature.callbackQuery(/^emq:(\w+)$/, async (ctx) => {
  if (!unitGrant(ctx, ctx.match[1] ?? "")) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(EMPLOYEE_SEARCH, ctx.match[1]);
});

employeesFeature.callbackQuery(/^enew:(\w+)$/, async (ctx) => {
  if (!unitGrant(ctx, ctx.match[1] ?? "")) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(EMPLOYEE_FORM, ctx.match[1], null, null);
});

employeesFeature.callbackQuery(/^ev:(\w+):(\d+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  const employee =
    grant && (await employeeInUnits(ctx.deps.db, Number(ctx.match[2]), [grant.unitId]));
  if (!grant || !employee) return deny(ctx);
  await ctx.answerCallbackQuery();
  const key = grantKey(grant);
  const { db, clock } = ctx.deps;
  await recordAccess(db, {
    actor: ctx.from.id,
    action: "employee.card",
    employeeId: employee.id,
    at: clock(),
  });
  const consent = (await employeeConsentStates(db, [employee.id])).get(employee.id);
  const lines = [
    `<b>${escapeHtml([employee.lastName, employee.firstName, employee.patronymic].filter(Boolean).join(" "))}</b>`,
    ctx.t("employees.card.iin", { iin: maskIin(employee.iin) }),
    ctx.t("employees.card.position", { position: escapeHtml(employee.position) }),
    ctx.t("employees.card.phone", { phone: employee.phone ? `+${employee.phone}` : "—" }),
    ctx.t("employees.card.previous", {
      date: employee.previousCertificateOn ? formatDate(employee.previousCertificateOn) : "—",
    }),
    ctx.t(employee.joined ? "employees.card.joined" : "employees.card.not_joined"),
    ...(employee.joined ? [ctx.t(`privacy.card.${consent ?? "pending"}`)] : []),
  ];
  const keyboard = new InlineKeyboard()
    .text(ctx.t("privacy.show_iin_button"), callbackData("eiin", key, employee.id))
    .row();
  EDITABLE_FIELDS.forEach((field, index) => {
    keyboard.text(ctx.t(`employees.field.${field}`), callbackData("ef", key, employee.id, index));
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row();
  if (!employee.joined)
    keyboard.text(ctx.t("employees.invite_button"), callbackData("eg", key, employee.id)).row();
  keyboard.text(ctx.t("employees.deactivate_button"), callbackData("ex", key, employee.id)).row();
  keyboard.text(ctx.t("menu.back"), callbackData("em", key, 0));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

// The full IIN only on an explicit press, in an alert that does not stay in the
// chat, and on record in the access log.
employeesFeature.callbackQuery(/^eiin:(\w+):(\d+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  const employee =
    grant && (await employeeInUnits(ctx.deps.db, Number(ctx.match[2]), [grant.unitId]));
  if (!grant || !employee) return deny(ctx);
  await recordAccess(ctx.deps.db, {
    actor: ctx.from.id,
    action: "employee.iin",
    employeeId: employee.id,
    at: ctx.deps.clock(),
  });
  await ctx.answerCallbackQuery({
    text: ctx.t("privacy.iin_alert", { name: shortName(employee), iin: employee.iin }),
    show_alert: true,
  });
});

employeesFeature.callbackQuery(/^ef:(\w+):(\d+):(\d)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  const field = EDITABLE_FIELDS[Number(ctx.match[3])];
  const employee =
    grant && (await employeeInUnits(ctx.deps.db, Number(ctx.match[2]), [grant.unitId]));
  if (!grant || !employee || !field) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.conversation.enter(EMPLOYEE_FORM, ctx.match[1], employee.id, field);
});

employeesFeature.callbackQuery(/^ex:(\w+):(\d+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  const employee =
    grant && (await employeeInUnits(ctx.deps.db, Number(ctx.match[2]), [grant.unitId]));
  if (!grant || !employee) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.reply(
    ctx.t("employees.deactivate_confirm", { name: escapeHtml(shortName(employee)) }),
    {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text(ctx.t("employees.deactivate_yes"), callbackData("exy", grantKey(grant), employee.id))
        .text(ctx.t("menu.back"), callbackData("ev", grantKey(grant), employee.id)),
    },
  );
});

employeesFeature.callbackQuery(/^exy:(\w+):(\d+)$/, async (ctx) => {
  const grant = unitGrant(ctx, ctx.match[1] ?? "");
  const done =
    grant &&
    (await deactivateEmployee(ctx.deps.db, {
      employeeId: Number(ctx.match[2]),
      unitIds: [grant.unitId],
      actor: ctx.from.id,
      now: ctx.deps.clock(),
    }));
  if (!done) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("employees.deactivated"));
});
