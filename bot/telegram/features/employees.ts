// A coordinator's employee register (district coordinators: their district;
// regional coordinators: the region-level unit's own staff): a paginated list with
// search by surname or IIN, a card per employee with edit, deactivate and invite.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../i18n/index.js";
import { formatDate } from "../../rules/index.js";
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

/** The employees page; `search` narrows it to a surname prefix or an IIN. */
export async function showEmployees(ctx: BotContext, key: string, page: number, search?: string) {
  const grant = unitGrant(ctx, key);
  if (!grant) return;
  const units = [grant.unitId];
  const result = await searchEmployees(ctx.deps.db, units, {
    search,
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  const keyboard = new InlineKeyboard();
  for (const e of result.items) {
    keyboard.text(`${shortName(e)}${e.joined ? "" : " ✉️"}`, callbackData("ev", key, e.id)).row();
  }
  if (!search) addPager(keyboard, { page, pageCount }, (p) => callbackData("em", key, p));
  keyboard
    .row()
    .text(ctx.t("employees.search_button"), callbackData("emq", key))
    .text(ctx.t("employees.add_button"), callbackData("enew", key))
    .row()
    .text(ctx.t("employees.import_button"), callbackData("imp", key))
    .row()
    .text(ctx.t("menu.back"), `m:${key}`);
  const text = search
    ? ctx.t("employees.found", { count: result.total, query: escapeHtml(search) })
    : ctx.t("employees.list", { count: result.total });
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: keyboard });
}

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
  const lines = [
    `<b>${escapeHtml([employee.lastName, employee.firstName, employee.patronymic].filter(Boolean).join(" "))}</b>`,
    ctx.t("employees.card.iin", { iin: employee.iin }),
    ctx.t("employees.card.position", { position: escapeHtml(employee.position) }),
    ctx.t("employees.card.phone", { phone: employee.phone ? `+${employee.phone}` : "—" }),
    ctx.t("employees.card.previous", {
      date: employee.previousCertificateOn ? formatDate(employee.previousCertificateOn) : "—",
    }),
    ctx.t(employee.joined ? "employees.card.joined" : "employees.card.not_joined"),
  ];
  const keyboard = new InlineKeyboard();
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
