// Adding an employee (IIN with its check digit, surname, name, patronymic if any,
// position, phone, date of a certificate issued before the bot) or changing one
// field of a card. Each answer is checked at once and asked again if wrong.
import type { Context } from "grammy";
import type { IsoDate } from "../../../db/types.js";
import { escapeHtml, type TFunction, translateKey } from "../../i18n/index.js";
import { almatyDate, formatDate, parseDisplayDate, validateIin } from "../../rules/index.js";
import {
  addEmployee,
  type EditableField,
  type FieldProblem,
  findByIin,
  updateEmployeeField,
} from "../../services/employees.js";
import { normalizeTypedPhone } from "../../services/phone.js";
import { FIELD_LIMITS } from "../../services/text.js";
import { showEmployees } from "../features/employees.js";
import { unitGrant } from "../features/unit-scope.js";
import { askText, type Convo, conversationTranslator } from "./steps.js";

type Check = (
  value: string,
) => { ok: true; value: string } | { ok: false; problem: FieldProblem | "name_invalid" };

const nameCheck: Check = (value) =>
  /^[\p{L}\p{M} '’-]{1,60}$/u.test(value)
    ? { ok: true, value }
    : { ok: false, problem: "name_invalid" };
const textCheck: Check = (value) => ({ ok: true, value });
const phoneCheck: Check = (value) => {
  const phone = normalizeTypedPhone(value);
  return phone ? { ok: true, value: phone } : { ok: false, problem: "phone_invalid" };
};
function dateCheck(today: IsoDate): Check {
  return (value) => {
    const iso = parseDisplayDate(value);
    if (!iso) return { ok: false, problem: "date_invalid" };
    return iso > today ? { ok: false, problem: "date_in_future" } : { ok: true, value: iso };
  };
}

/**
 * Asks until the answer passes the check. An optional field gets a button that leaves
 * it empty (null): «Skip ›» when adding, «🗑 Delete» when editing, where it erases.
 */
async function askValid(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  question: string,
  check: Check,
  emptyButton?: string,
  max: number = FIELD_LIMITS.line,
): Promise<string | null> {
  for (;;) {
    const answer = await askText(conversation, ctx, t, question, { skipLabel: emptyButton, max });
    if (answer === null) return null;
    const result = check(answer);
    if (result.ok) return result.value;
    await ctx.reply(translateKey(t, `employees.problem.${result.problem}`));
  }
}

async function askIin(conversation: Convo, ctx: Context, t: TFunction): Promise<string> {
  for (;;) {
    const answer = (await askText(conversation, ctx, t, t("employees.form.iin"))) ?? "";
    const iin = validateIin(answer);
    if (!iin.ok) {
      await ctx.reply(t(`employees.problem.iin_${iin.reason}`));
      continue;
    }
    const taken = await conversation.external((outside) => findByIin(outside.deps.db, iin.iin));
    if (!taken) return iin.iin;
    await ctx.reply(t("employees.problem.iin_taken"));
  }
}

export async function employeeForm(
  conversation: Convo,
  ctx: Context,
  key: string,
  employeeId: number | null,
  field: EditableField | null,
): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  const today = await conversation.external((outside) => almatyDate(outside.deps.clock()));
  if (employeeId !== null && field !== null)
    return editField(conversation, ctx, t, key, employeeId, field, today);

  const iin = await askIin(conversation, ctx, t);
  const lastName =
    (await askValid(
      conversation,
      ctx,
      t,
      t("employees.form.last_name"),
      nameCheck,
      undefined,
      FIELD_LIMITS.name,
    )) ?? "";
  const firstName =
    (await askValid(
      conversation,
      ctx,
      t,
      t("employees.form.first_name"),
      nameCheck,
      undefined,
      FIELD_LIMITS.name,
    )) ?? "";
  const patronymic = await askValid(
    conversation,
    ctx,
    t,
    t("employees.form.patronymic"),
    nameCheck,
    t("employees.form.skip"),
    FIELD_LIMITS.name,
  );
  const position =
    (await askValid(
      conversation,
      ctx,
      t,
      t("employees.form.position"),
      textCheck,
      undefined,
      FIELD_LIMITS.position,
    )) ?? "";
  const phone = await askValid(
    conversation,
    ctx,
    t,
    t("employees.form.phone"),
    phoneCheck,
    t("employees.form.skip"),
    FIELD_LIMITS.phone,
  );
  const previous = await askValid(
    conversation,
    ctx,
    t,
    t("employees.form.previous"),
    dateCheck(today),
    t("employees.form.skip"),
  );

  const result = await conversation.external(async (outside) => {
    const grant = unitGrant(outside, key);
    if (!grant) return { ok: false as const, problem: "denied" as const };
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
    if (added.ok) await showEmployees(outside, key, 0, lastName);
    return added;
  });
  if (!result.ok) {
    await ctx.reply(translateKey(t, `employees.problem.${result.problem}`));
    return;
  }
  await ctx.reply(
    t("employees.form.added", {
      name: escapeHtml([lastName, firstName, patronymic].filter(Boolean).join(" ")),
      previous: previous ? formatDate(previous) : "—",
    }),
    { parse_mode: "HTML" },
  );
}

async function editField(
  conversation: Convo,
  ctx: Context,
  t: TFunction,
  key: string,
  employeeId: number,
  field: EditableField,
  today: IsoDate,
): Promise<void> {
  // Each field's check, whether it may be left empty, and its length limit.
  const checks: Record<EditableField, [Check, boolean, number]> = {
    last_name: [nameCheck, false, FIELD_LIMITS.name],
    first_name: [nameCheck, false, FIELD_LIMITS.name],
    patronymic: [nameCheck, true, FIELD_LIMITS.name],
    position: [textCheck, false, FIELD_LIMITS.position],
    phone: [phoneCheck, true, FIELD_LIMITS.phone],
    previous_certificate_issued_on: [dateCheck(today), true, FIELD_LIMITS.line],
  };
  const [check, optional, max] = checks[field];
  const value = await askValid(
    conversation,
    ctx,
    t,
    t(`employees.form.edit_${field}`),
    check,
    optional ? t("employees.form.delete") : undefined,
    max,
  );
  const saved = await conversation.external(async (outside) => {
    const grant = unitGrant(outside, key);
    if (!grant) return false;
    const updated = await updateEmployeeField(outside.deps.db, {
      employeeId,
      unitIds: [grant.unitId],
      field,
      value,
      actor: outside.from?.id ?? 0,
      now: outside.deps.clock(),
    });
    return updated !== undefined;
  });
  await ctx.reply(t(saved ? "employees.form.saved" : "errors.no_access"));
}

export async function employeeSearch(
  conversation: Convo,
  ctx: Context,
  key: string,
): Promise<void> {
  const { t } = await conversationTranslator(conversation);
  const query =
    (await askText(conversation, ctx, t, t("employees.search_prompt"), { max: 40 })) ?? "";
  await conversation.external((outside) => showEmployees(outside, key, 0, query));
}
