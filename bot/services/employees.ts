// The employee register a coordinator keeps for their unit: search, add, edit,
// deactivate (the record and its history stay). Every change is audited.
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, Employee, IsoDate } from "../../db/types.js";
import { NOTICE_VERSION } from "../i18n/notice-versions.js";
import { EMPLOYEE_FIELDS } from "../routes/lists.js";
import { isValidIsoDate, parseDisplayDate, validateIin } from "../rules/index.js";
import { audit } from "./audit.js";
import { type Refused, refuse } from "./outcome.js";
import { countedRange } from "./paging.js";
import { normalizeTypedPhone } from "./phone.js";
import { cleanLine, FIELD_LIMITS, textLength } from "./text.js";

type Db = Kysely<Database> | Transaction<Database>;

export interface EmployeeInput {
  iin: string;
  lastName: string;
  firstName: string;
  patronymic: string | null;
  position: string;
  phone: string | null;
  previousCertificateOn: IsoDate | null;
}

export type FieldProblem =
  | "iin_format"
  | "iin_birth_date"
  | "iin_check_digit"
  | "iin_taken"
  | "iin_other_unit"
  | "last_name_missing"
  | "first_name_missing"
  | "position_missing"
  | "last_name_too_long"
  | "first_name_too_long"
  | "patronymic_invalid"
  | "position_too_long"
  | "phone_invalid"
  | "date_invalid"
  | "date_in_future";

// Letters, spaces, hyphens and apostrophes: what Kazakh and Russian names are made of.
const NAME_PATTERN = /^[\p{L}\p{M} '’-]+$/u;

function nameProblem(value: string, field: "last_name" | "first_name"): FieldProblem | null {
  const name = cleanLine(value);
  if (textLength(name) > FIELD_LIMITS.name) return `${field}_too_long`;
  return NAME_PATTERN.test(name) ? null : `${field}_missing`;
}

/**
 * Checks one employee's data (not against the database). Text is judged as it will
 * be stored: cleaned of control and format characters (see services/text.ts).
 */
export function checkEmployeeInput(input: EmployeeInput, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const iin = validateIin(input.iin);
  if (!iin.ok) problems.push(`iin_${iin.reason}` as FieldProblem);
  for (const problem of [
    nameProblem(input.lastName, "last_name"),
    nameProblem(input.firstName, "first_name"),
  ])
    if (problem) problems.push(problem);
  const patronymic = cleanLine(input.patronymic ?? "");
  if (patronymic && (textLength(patronymic) > FIELD_LIMITS.name || !NAME_PATTERN.test(patronymic)))
    problems.push("patronymic_invalid");
  const position = cleanLine(input.position);
  if (!position) problems.push("position_missing");
  else if (textLength(position) > FIELD_LIMITS.position) problems.push("position_too_long");
  if (
    input.phone &&
    (textLength(input.phone) > FIELD_LIMITS.phone || !normalizeTypedPhone(input.phone))
  )
    problems.push("phone_invalid");
  if (input.previousCertificateOn) {
    if (!isValidIsoDate(input.previousCertificateOn)) problems.push("date_invalid");
    else if (input.previousCertificateOn > today) problems.push("date_in_future");
  }
  return problems;
}

export function toRow(input: EmployeeInput) {
  return {
    iin: input.iin.replace(/\s/g, ""),
    last_name: cleanLine(input.lastName),
    first_name: cleanLine(input.firstName),
    patronymic: cleanLine(input.patronymic ?? "") || null,
    position: cleanLine(input.position),
    phone: input.phone ? normalizeTypedPhone(input.phone) : null,
    previous_certificate_issued_on: input.previousCertificateOn,
  };
}

export async function findByIin(db: Db, iin: string) {
  return db
    .selectFrom("employees")
    .select(["id", "unit_id", "active"])
    .where("iin", "=", iin.replace(/\s/g, ""))
    .executeTakeFirst();
}

export async function addEmployee(
  db: Kysely<Database>,
  input: EmployeeInput & { unitId: number },
  actor: number,
  now: Date,
): Promise<{ ok: true; id: number } | Refused<"iin_taken" | "iin_other_unit">> {
  const existing = await findByIin(db, input.iin);
  if (existing) return refuse(existing.unit_id === input.unitId ? "iin_taken" : "iin_other_unit");
  const row = await db
    .insertInto("employees")
    .values({ ...toRow(input), unit_id: input.unitId, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(db, {
    actor,
    action: "employee.create",
    entity: "employee",
    entityId: row.id,
    after: row,
    at: now,
  });
  return { ok: true, id: row.id };
}

/** The fields of a card changed one at a time (their buttons name them, see routes/lists.ts). */
export const EDITABLE_FIELDS = EMPLOYEE_FIELDS;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** What is wrong with one field's new value: a form's problem, or a name's own. */
export type FieldValueProblem = FieldProblem | "name_invalid";
export type FieldValueCheck =
  | { ok: true; value: string }
  | { ok: false; problem: FieldValueProblem };

/** How a field of a card is asked and checked, in the chat's form and in the tables alike. */
export interface FieldRule {
  /** May be left empty (erased when editing). */
  optional: boolean;
  /** Characters at most, as typed (services/text.ts). */
  max: number;
  /** The value as stored, or what is wrong with it; `value` is already cleaned. */
  check(value: string, today: IsoDate): FieldValueCheck;
}

const nameRule = (optional: boolean): FieldRule => ({
  optional,
  max: FIELD_LIMITS.name,
  check: (value) =>
    /^[\p{L}\p{M} '’-]{1,60}$/u.test(value)
      ? { ok: true, value }
      : { ok: false, problem: "name_invalid" },
});

export const FIELD_RULES: Record<EditableField, FieldRule> = {
  last_name: nameRule(false),
  first_name: nameRule(false),
  patronymic: nameRule(true),
  position: {
    optional: false,
    max: FIELD_LIMITS.position,
    check: (value) => ({ ok: true, value }),
  },
  phone: {
    optional: true,
    max: FIELD_LIMITS.phone,
    check: (value) => {
      const phone = normalizeTypedPhone(value);
      return phone ? { ok: true, value: phone } : { ok: false, problem: "phone_invalid" };
    },
  },
  previous_certificate_issued_on: {
    optional: true,
    max: FIELD_LIMITS.line,
    check: (value, today) => {
      const iso = parseDisplayDate(value);
      if (!iso) return { ok: false, problem: "date_invalid" };
      return iso > today ? { ok: false, problem: "date_in_future" } : { ok: true, value: iso };
    },
  },
};

/** A required field left empty: its "missing" problem (the three required fields have one). */
const MISSING: Partial<Record<EditableField, FieldProblem>> = {
  last_name: "last_name_missing",
  first_name: "first_name_missing",
  position: "position_missing",
};

/**
 * A field's new value as typed (null or empty: erase it), checked by the field's
 * rule: the value to store, or the problem (`too_long` with the field's limit).
 */
export function checkFieldValue(
  field: EditableField,
  typed: string | null,
  today: IsoDate,
):
  | { ok: true; value: string | null }
  | { ok: false; problem: FieldValueProblem | "too_long"; max: number } {
  const rule = FIELD_RULES[field];
  const text = cleanLine(typed ?? "");
  if (!text) {
    if (rule.optional) return { ok: true, value: null };
    return { ok: false, problem: MISSING[field] ?? "name_invalid", max: rule.max };
  }
  if (textLength(text) > rule.max) return { ok: false, problem: "too_long", max: rule.max };
  const checked = rule.check(text, today);
  return checked.ok ? checked : { ...checked, max: rule.max };
}

/**
 * Changes one field of an employee of the units to a value as typed, after the
 * field's check; undefined when the employee is not of these units.
 */
export async function editEmployeeField(
  db: Kysely<Database>,
  input: {
    employeeId: number;
    unitIds: number[];
    field: EditableField;
    typed: string | null;
    today: IsoDate;
    actor: number;
    now: Date;
  },
): Promise<
  | { ok: true; employee: Employee }
  | { ok: false; reason: "invalid"; problem: FieldValueProblem | "too_long"; max: number }
  | undefined
> {
  const checked = checkFieldValue(input.field, input.typed, input.today);
  if (!checked.ok) {
    // Nothing is said about a value for someone else's employee, not even that it is wrong.
    if (!(await employeeInUnits(db, input.employeeId, input.unitIds))) return undefined;
    return { ok: false, reason: "invalid", problem: checked.problem, max: checked.max };
  }
  const employee = await updateEmployeeField(db, { ...input, value: checked.value });
  return employee && { ok: true, employee };
}

export async function updateEmployeeField(
  db: Kysely<Database>,
  input: {
    employeeId: number;
    unitIds: number[];
    field: EditableField;
    value: string | null;
    actor: number;
    now: Date;
  },
): Promise<Employee | undefined> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("employees")
      .selectAll()
      .where("id", "=", input.employeeId)
      .where("unit_id", "in", input.unitIds)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return undefined;
    const after = await trx
      .updateTable("employees")
      .set({ [input.field]: input.value, updated_at: input.now })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: input.actor,
      action: "employee.update",
      entity: "employee",
      entityId: before.id,
      before: { [input.field]: before[input.field] },
      after: { [input.field]: after[input.field] },
      at: input.now,
    });
    return after;
  });
}

export async function deactivateEmployee(
  db: Kysely<Database>,
  input: { employeeId: number; unitIds: number[]; actor: number; now: Date },
): Promise<boolean> {
  const row = await db
    .updateTable("employees")
    .set({ active: false, deactivated_at: input.now, updated_at: input.now })
    .where("id", "=", input.employeeId)
    .where("unit_id", "in", input.unitIds)
    .where("active", "=", true)
    .returning("id")
    .executeTakeFirst();
  if (!row) return false;
  await audit(db, {
    actor: input.actor,
    action: "employee.deactivate",
    entity: "employee",
    entityId: row.id,
    before: { active: true },
    after: { active: false },
    at: input.now,
  });
  return true;
}

/** An employee's card: what was entered (one by one or by import), and where they stand. */
export interface EmployeeSummary extends EmployeeInput {
  id: number;
  joined: boolean;
  active: boolean;
}

/**
 * Active employees of the units, by surname; `search` is a surname prefix or an IIN
 * (prefix); `notAgreed` keeps those who joined the bot but have not agreed to the
 * current personal-data notice (declined or not answered yet).
 */
export async function searchEmployees(
  db: Kysely<Database>,
  unitIds: number[],
  page: { search?: string; notAgreed?: boolean; offset: number; limit: number },
): Promise<{ total: number; items: EmployeeSummary[] }> {
  let query = db
    .selectFrom("employees")
    .where("unit_id", "in", unitIds.length ? unitIds : [-1])
    .where("active", "=", true);
  if (page.notAgreed) {
    query = query.where("telegram_user_id", "is not", null).where(
      sql<boolean>`coalesce((
        select c.decision = 'agreed' and c.version = ${NOTICE_VERSION.employee}
          from consents c
         where c.employee_id = employees.id and c.subject = 'employee'
         order by c.decided_at desc, c.id desc limit 1), false)`,
      "=",
      false,
    );
  }
  const search = page.search?.trim();
  if (search) {
    query = /^\d+$/.test(search)
      ? query.where("iin", "like", `${search}%`)
      : query.where(sql`lower(last_name)`, "like", `${search.toLowerCase()}%`);
  }
  const { total, rows } = await countedRange(
    query,
    query.selectAll().orderBy("last_name").orderBy("first_name").orderBy("id"),
    page,
  );
  return { total, items: rows.map(summary) };
}

export function summary(row: Employee): EmployeeSummary {
  return {
    id: row.id,
    iin: row.iin,
    lastName: row.last_name,
    firstName: row.first_name,
    patronymic: row.patronymic,
    position: row.position,
    phone: row.phone,
    joined: row.telegram_user_id !== null,
    active: row.active,
    previousCertificateOn: row.previous_certificate_issued_on,
  };
}

export async function employeeInUnits(db: Db, employeeId: number, unitIds: number[]) {
  const row = await db
    .selectFrom("employees")
    .selectAll()
    .where("id", "=", employeeId)
    .where("unit_id", "in", unitIds.length ? unitIds : [-1])
    .executeTakeFirst();
  return row ? summary(row) : undefined;
}
