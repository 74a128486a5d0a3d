// One employee's card: the masked IIN (the full one on an explicit press), the
// fields to change one at a time, an invite, deactivation.
import { Composer, InlineKeyboard } from "grammy";
import { escapeHtml } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { formatDate, maskIin } from "../../../rules/index.js";
import { recordAccess } from "../../../services/access-log.js";
import { employeeConsentStates } from "../../../services/consent.js";
import { shortName } from "../../../services/employee-directory.js";
import {
  deactivateEmployee,
  EDITABLE_FIELDS,
  type EditableField,
  type EmployeeSummary,
  employeeInUnits,
} from "../../../services/employees.js";
import { grantKey } from "../../../services/people.js";
import type { BotContext } from "../../context.js";
import { deny } from "../../refusal.js";
import { type CallbackContext, onRoute } from "../../routing.js";
import { EMPLOYEE_FORM, type UnitGrant } from "./register.js";

export const cardScreens = new Composer<BotContext>();

/** The employee a press names, if of the grant's unit; else the press is refused. */
async function employeeOf(
  ctx: CallbackContext,
  grant: UnitGrant,
  employeeId: number,
): Promise<EmployeeSummary | undefined> {
  const employee = await employeeInUnits(ctx.deps.db, employeeId, [grant.unitId]);
  if (!employee) await deny(ctx);
  return employee;
}

onRoute(cardScreens, routes.employeeCard, async (ctx, { grant, employee: id }) => {
  const employee = await employeeOf(ctx, grant, id);
  if (!employee) return;
  await ctx.answerCallbackQuery();
  const { db, clock } = ctx.deps;
  await recordAccess(db, {
    actor: ctx.callbackQuery.from.id,
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
    .text(ctx.t("privacy.show_iin_button"), routes.employeeIin.pack({ grant, employee: id }))
    .row();
  EDITABLE_FIELDS.forEach((field, index) => {
    keyboard.text(
      ctx.t(`employees.field.${field}`),
      routes.employeeEdit.pack({ grant, employee: id, field }),
    );
    if (index % 2 === 1) keyboard.row();
  });
  keyboard.row();
  if (!employee.joined)
    keyboard
      .text(
        ctx.t("employees.invite_button"),
        routes.employeeInviteLink.pack({ grant, employee: id }),
      )
      .row();
  keyboard
    .text(
      ctx.t("employees.deactivate_button"),
      routes.employeeDeactivate.pack({ grant, employee: id }),
    )
    .row();
  keyboard.text(ctx.t("menu.back"), routes.employees.pack({ grant, page: 0 }));
  await ctx.reply(lines.join("\n"), { parse_mode: "HTML", reply_markup: keyboard });
});

// The full IIN only on an explicit press, in an alert that does not stay in the
// chat, and on record in the access log.
onRoute(cardScreens, routes.employeeIin, async (ctx, { grant, employee: id }) => {
  const employee = await employeeOf(ctx, grant, id);
  if (!employee) return;
  await recordAccess(ctx.deps.db, {
    actor: ctx.callbackQuery.from.id,
    action: "employee.iin",
    employeeId: employee.id,
    at: ctx.deps.clock(),
  });
  await ctx.answerCallbackQuery({
    text: ctx.t("privacy.iin_alert", { name: shortName(employee), iin: employee.iin }),
    show_alert: true,
  });
});

onRoute(cardScreens, routes.employeeEdit, async (ctx, { grant, employee: id, field }) => {
  const employee = await employeeOf(ctx, grant, id);
  if (!employee) return;
  await ctx.answerCallbackQuery();
  const editable: EditableField = field;
  await ctx.conversation.enter(EMPLOYEE_FORM, grantKey(grant), employee.id, editable);
});

onRoute(cardScreens, routes.employeeDeactivate, async (ctx, { grant, employee: id }) => {
  const employee = await employeeOf(ctx, grant, id);
  if (!employee) return;
  await ctx.answerCallbackQuery();
  await ctx.reply(
    ctx.t("employees.deactivate_confirm", { name: escapeHtml(shortName(employee)) }),
    {
      parse_mode: "HTML",
      reply_markup: new InlineKeyboard()
        .text(
          ctx.t("employees.deactivate_yes"),
          routes.employeeDeactivateConfirmed.pack({ grant, employee: id }),
        )
        .text(ctx.t("menu.back"), routes.employeeCard.pack({ grant, employee: id })),
    },
  );
});

onRoute(cardScreens, routes.employeeDeactivateConfirmed, async (ctx, { grant, employee }) => {
  const done = await deactivateEmployee(ctx.deps.db, {
    employeeId: employee,
    unitIds: [grant.unitId],
    actor: ctx.callbackQuery.from.id,
    now: ctx.deps.clock(),
  });
  if (!done) return deny(ctx);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t("employees.deactivated"));
});
