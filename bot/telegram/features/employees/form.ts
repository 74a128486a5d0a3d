// Adding an employee (IIN with its check digit, surname, name, patronymic if any,
// position, phone, date of a certificate issued before the bot) or changing one
// field of a card. Each answer is checked at once and asked again if wrong.
import { InlineKeyboard } from "grammy";
import type { IsoDate } from "../../../../db/types.js";
import { escapeHtml, type TFunction, translateKey } from "../../../i18n/index.js";
import { routes } from "../../../routes/index.js";
import { almatyDate, formatDate, validateIin } from "../../../rules/index.js";
import {
  addEmployee,
  type EditableField,
  FIELD_RULES,
  type FieldValueCheck,
  findByIin,
  updateEmployeeField,
} from "../../../services/employees.js";
import type { ConversationContext } from "../../context.js";
import { askText, type Convo } from "../../conversations/steps.js";
import { withGrant } from "../../routing.js";
import { showEmployees, type UnitGrant } from "./register.js";

const UNIT = ["district_coordinator", "regional_coordinator"] as const;

/** How a field is asked: its check, whether it may be left empty, its length limit. */
interface FieldStep {
  check: (value: string) => FieldValueCheck;
  optional: boolean;
  max: number;
}

/** The service's rules for each field (the tables check with the same), for today. */
function fieldSteps(today: IsoDate): Record<EditableField, FieldStep> {
  const step = (field: EditableField): FieldStep => {
    const rule = FIELD_RULES[field];
    return { optional: rule.optional, max: rule.max, check: (value) => rule.check(value, today) };
  };
  return {
    last_name: step("last_name"),
    first_name: step("first_name"),
    patronymic: step("patronymic"),
    position: step("position"),
    phone: step("phone"),
    previous_certificate_issued_on: step("previous_certificate_issued_on"),
  };
}

/**
 * Asks until the answer passes the check. An optional field gets a button that leaves
 * it empty (null): «Skip ›» when adding, «🗑 Delete» when editing, where it erases.
 */
async function askValid(
  conversation: Convo,
  ctx: ConversationContext,
  question: string,
  step: FieldStep,
  emptyButton: string,
): Promise<string | null> {
  for (;;) {
    const answer = await askText(conversation, ctx, ctx.t, question, {
      skipLabel: step.optional ? emptyButton : undefined,
      max: step.max,
    });
    if (answer === null) return null;
    const result = step.check(answer);
    if (result.ok) return result.value;
    await ctx.reply(translateKey(ctx.t, `employees.problem.${result.problem}`));
  }
}

async function askIin(conversation: Convo, ctx: ConversationContext): Promise<string> {
  for (;;) {
    const answer = (await askText(conversation, ctx, ctx.t, ctx.t("employees.form.iin"))) ?? "";
    const iin = validateIin(answer);
    if (!iin.ok) {
      await ctx.reply(ctx.t(`employees.problem.iin_${iin.reason}`));
      continue;
    }
    const taken = await conversation.external((outside) => findByIin(outside.deps.db, iin.iin));
    if (!taken) return iin.iin;
    await ctx.reply(ctx.t("employees.problem.iin_taken"));
  }
}

export async function employeeForm(
  conversation: Convo,
  ctx: ConversationContext,
  key: string,
  employeeId: number | null,
  field: EditableField | null,
): Promise<void> {
  const today = await conversation.external((outside) => almatyDate(outside.deps.clock()));
  const steps = fieldSteps(today);
  if (employeeId !== null && field !== null)
    return editField(conversation, ctx, key, employeeId, field, steps[field]);

  const iin = await askIin(conversation, ctx);
  const ask = (name: Exclude<EditableField, "previous_certificate_issued_on">) =>
    askValid(
      conversation,
      ctx,
      ctx.t(`employees.form.${name}`),
      steps[name],
      ctx.t("employees.form.skip"),
    );
  const lastName = (await ask("last_name")) ?? "";
  const firstName = (await ask("first_name")) ?? "";
  const patronymic = await ask("patronymic");
  const position = (await ask("position")) ?? "";
  const phone = await ask("phone");
  const previous = await askValid(
    conversation,
    ctx,
    ctx.t("employees.form.previous"),
    steps.previous_certificate_issued_on,
    ctx.t("employees.form.skip"),
  );

  const result = await withGrant(conversation, key, UNIT, async (outside, grant) => {
    const added = await addEmployee(
      outside.deps.db,
      {
        iin,
        lastName,
        firstName,
        patronymic,
        position,
        phone,
        previousCertificateOn: previous,
        unitId: grant.unitId,
      },
      outside.from?.id ?? 0,
      outside.deps.clock(),
    );
    if (added.ok) await showEmployees(outside, grant, 0, lastName);
    return { ...added, ways: waysOn(ctx.t, grant, added.ok ? added.id : null) };
  });
  if (!result?.ok) {
    await ctx.reply(translateKey(ctx.t, `employees.problem.${result?.reason ?? "denied"}`), {
      reply_markup: result?.ways,
    });
    return;
  }
  await ctx.reply(
    ctx.t("employees.form.added", {
      name: escapeHtml([lastName, firstName, patronymic].filter(Boolean).join(" ")),
      previous: previous ? formatDate(previous) : "—",
    }),
    { parse_mode: "HTML", reply_markup: result.ways },
  );
}

/** After adding: the new employee's card, another one to add, or back to the register. */
function waysOn(t: TFunction, grant: UnitGrant, employeeId: number | null): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  if (employeeId !== null)
    keyboard
      .text(
        t("employees.form.open_card"),
        routes.employeeCard.pack({ grant, employee: employeeId }),
      )
      .row()
      .text(t("employees.add_button"), routes.employeeNew.pack({ grant }))
      .row();
  return keyboard.text(t("menu.back"), routes.employees.pack({ grant, page: 0 }));
}

async function editField(
  conversation: Convo,
  ctx: ConversationContext,
  key: string,
  employeeId: number,
  field: EditableField,
  step: FieldStep,
): Promise<void> {
  const value = await askValid(
    conversation,
    ctx,
    ctx.t(`employees.form.edit_${field}`),
    step,
    ctx.t("employees.form.delete"),
  );
  const saved = await withGrant(conversation, key, UNIT, async (outside, grant) => {
    const updated = await updateEmployeeField(outside.deps.db, {
      employeeId,
      unitIds: [grant.unitId],
      field,
      value,
      actor: outside.from?.id ?? 0,
      now: outside.deps.clock(),
    });
    return updated !== undefined
      ? new InlineKeyboard().text(
          ctx.t("menu.back"),
          routes.employeeCard.pack({ grant, employee: employeeId }),
        )
      : null;
  });
  await ctx.reply(ctx.t(saved ? "employees.form.saved" : "errors.no_access"), {
    reply_markup: saved ?? undefined,
  });
}

export async function employeeSearch(
  conversation: Convo,
  ctx: ConversationContext,
  key: string,
): Promise<void> {
  const query =
    (await askText(conversation, ctx, ctx.t, ctx.t("employees.search_prompt"), { max: 40 })) ?? "";
  await withGrant(conversation, key, UNIT, (outside, grant) =>
    showEmployees(outside, grant, 0, query),
  );
}
