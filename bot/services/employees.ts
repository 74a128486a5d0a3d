// The employee register a coordinator keeps for their unit: search, add, edit,
// deactivate (the record and its history stay). Every change is audited.
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database, Employee, IsoDate } from "../../db/types.js";
import { NOTICE_VERSION } from "../i18n/notice-versions.js";
import { EMPLOYEE_FIELDS } from "../routes/lists.js";
import { isValidIsoDate, validateIin } from "../rules/index.js";
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
