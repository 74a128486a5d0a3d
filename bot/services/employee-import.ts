// Importing a unit's employees from a spreadsheet (XLSX or CSV). Every row is
// checked first — IIN, required fields, dates, duplicates within the file and
// against the database — and if any row is wrong nothing is imported and each bad
// row is reported with its number. Otherwise all rows go in one transaction, as
// batched upserts, so thousands of rows take seconds.
import type ExcelJS from "exceljs";
import { type Kysely, sql } from "kysely";
import type { Database, IsoDate, Language } from "../../db/types.js";
import { onFirstUse } from "../core/lazy.js";
import { isValidIsoDate, parseDisplayDate } from "../rules/index.js";
import { audit } from "./audit.js";
import {
  checkEmployeeInput,
  EDITABLE_FIELDS,
  type EmployeeInput,
  type FieldProblem,
  toRow,
} from "./employees.js";
import { readSpreadsheet } from "./spreadsheet.js";
import { cleanLine } from "./text.js";

const loadExcel = onFirstUse<typeof ExcelJS>("exceljs");

export const IMPORT_COLUMNS = [
  "iin",
  "lastName",
  "firstName",
  "patronymic",
  "position",
  "phone",
  "previousCertificateOn",
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

export const COLUMN_TITLES: Record<Language, Record<Column, string>> = {
  kk: {
    iin: "ЖСН",
    lastName: "Тегі",
    firstName: "Аты",
    patronymic: "Әкесінің аты",
    position: "Лауазымы",
    phone: "Телефон",
    previousCertificateOn: "Соңғы сертификат күні",
  },
  ru: {
    iin: "ИИН",
    lastName: "Фамилия",
    firstName: "Имя",
    patronymic: "Отчество",
    position: "Должность",
    phone: "Телефон",
    previousCertificateOn: "Дата последнего сертификата",
  },
};
const REQUIRED: Column[] = ["iin", "lastName", "firstName", "position"];
const BATCH = 500;

export type RowProblem = FieldProblem | "duplicate_in_file";
export interface BadRow {
  row: number;
  problems: RowProblem[];
  duplicateOf?: number;
}

export type ImportResult =
  | { ok: true; added: number; updated: number }
  | {
      ok: false;
      reason: "unreadable" | "no_header" | "empty" | "too_many_rows" | "too_big_unpacked";
      missing?: string[];
    }
  | { ok: false; reason: "bad_rows"; badRows: BadRow[] };

/** The template coordinators fill in, with the column names in their language. */
export async function importTemplate(language: Language): Promise<Buffer> {
  const book = new (loadExcel().Workbook)();
  const sheet = book.addWorksheet(language === "kk" ? "Қызметкерлер" : "Работники");
  sheet.addRow(IMPORT_COLUMNS.map((c) => COLUMN_TITLES[language][c])).font = { bold: true };
  sheet.addRow([
    "900517400123",
    "Сейтқалиева",
    "Әйгерім",
    "Нұрланқызы",
    language === "kk" ? "бас маман" : "главный специалист",
    "+7 701 123 45 67",
    "29.04.2025",
  ]);
  sheet.columns = IMPORT_COLUMNS.map(() => ({ width: 22 }));
  sheet.getColumn(1).numFmt = "@";
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Which column holds what, from the header row in either language. */
function mapHeader(header: string[]): { map: Map<Column, number>; missing: Column[] } {
  const normal = (s: string) =>
    s
      .toLowerCase()
      .replace(/[\s*]+/g, " ")
      .trim();
  const map = new Map<Column, number>();
  header.forEach((title, index) => {
    for (const column of IMPORT_COLUMNS) {
      const known = [COLUMN_TITLES.kk[column], COLUMN_TITLES.ru[column]].map(normal);
      if (known.includes(normal(title))) map.set(column, index);
    }
  });
  return { map, missing: REQUIRED.filter((c) => !map.has(c)) };
}

// Excel keeps a date as a number of days since 30.12.1899; a cell formatted as a
// date shows up in the sheet's XML as that number.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** "29.04.2025", "2025-04-29" or an Excel date; "" → null; anything else → "invalid". */
function parseDate(text: string): IsoDate | null | "invalid" {
  if (!text) return null;
  // An Excel date serial number (days since 1899-12-30), as a cell formatted as a date gives.
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const date = new Date(EXCEL_EPOCH_MS + Math.floor(Number(text)) * 86_400_000);
    return date.toISOString().slice(0, 10);
  }
  return parseDisplayDate(text) ?? (isValidIsoDate(text) ? text : "invalid");
}

export async function importEmployees(
  db: Kysely<Database>,
  input: {
    unitId: number;
    bytes: Buffer;
    fileName: string;
    actor: number;
    now: Date;
    today: IsoDate;
  },
): Promise<ImportResult> {
  const sheet = await readSpreadsheet(input.bytes, input.fileName);
  if (!sheet.ok) return { ok: false, reason: sheet.reason };
  const [header, ...rows] = sheet.rows;
  const { map, missing } = mapHeader(header?.cells ?? []);
  if (missing.length) return { ok: false, reason: "no_header", missing };
  if (rows.length === 0) return { ok: false, reason: "empty" };

  const parsed = rows.map(({ number, cells }) => {
    // Cells are cleaned as typed text is: no control or format characters, single spaces.
    const get = (c: Column) => (map.has(c) ? cleanLine(cells[map.get(c) ?? -1] ?? "") : "");
    const date = parseDate(get("previousCertificateOn"));
    const employee: EmployeeInput = {
      iin: get("iin").replace(/\s/g, ""),
      lastName: get("lastName"),
      firstName: get("firstName"),
      patronymic: get("patronymic") || null,
      position: get("position"),
      phone: get("phone") || null,
      previousCertificateOn: date === "invalid" ? null : date,
    };
    const problems: RowProblem[] = checkEmployeeInput(employee, input.today);
    if (date === "invalid") problems.push("date_invalid");
    return { number, employee, problems };
  });

  const firstRowOfIin = new Map<string, number>();
  const badRows: BadRow[] = [];
  const existing = await existingByIin(
    db,
    parsed.map((p) => p.employee.iin),
  );
  for (const row of parsed) {
    const bad: BadRow = { row: row.number, problems: [...row.problems] };
    const first = firstRowOfIin.get(row.employee.iin);
    if (first !== undefined)
      Object.assign(bad, { duplicateOf: first }).problems.push("duplicate_in_file");
    else firstRowOfIin.set(row.employee.iin, row.number);
    const known = existing.get(row.employee.iin);
    if (known && known.unit_id !== input.unitId) bad.problems.push("iin_other_unit");
    if (bad.problems.length) badRows.push(bad);
  }
  if (badRows.length) return { ok: false, reason: "bad_rows", badRows };

  return applyImport(
    db,
    input,
    parsed.map((p) => p.employee),
    existing,
  );
}

interface ExistingEmployee {
  id: number;
  iin: string;
  unit_id: number;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  position: string;
  phone: string | null;
  previous_certificate_issued_on: IsoDate | null;
  active: boolean;
}

/** What the audit log keeps of a row: its fields without the IIN (the entity id names it). */
function auditable(row: Record<string, unknown>) {
  const { iin: _iin, id: _id, unit_id: _unit, ...rest } = row;
  return rest;
}

async function existingByIin(db: Kysely<Database>, iins: string[]) {
  const found = new Map<string, ExistingEmployee>();
  for (let i = 0; i < iins.length; i += BATCH) {
    const batch = iins.slice(i, i + BATCH).filter((iin) => /^\d{12}$/.test(iin));
    if (!batch.length) continue;
    const rows = await db
      .selectFrom("employees")
      // The card's own fields, as one at a time edits them: the audit's "before".
      .select(["id", "iin", "unit_id", ...EDITABLE_FIELDS, "active"])
      .where("iin", "in", batch)
      .execute();
    for (const r of rows) found.set(r.iin, r);
  }
  return found;
}

async function applyImport(
  db: Kysely<Database>,
  input: { unitId: number; actor: number; now: Date; fileName: string },
  employees: EmployeeInput[],
  existing: Map<string, ExistingEmployee>,
): Promise<ImportResult> {
  return db.transaction().execute(async (trx) => {
    let added = 0;
    for (let i = 0; i < employees.length; i += BATCH) {
      const values = employees.slice(i, i + BATCH).map((e) => ({
        ...toRow(e),
        unit_id: input.unitId,
        active: true,
        created_at: input.now,
        updated_at: input.now,
      }));
      const rows = await trx
        .insertInto("employees")
        .values(values)
        .onConflict((oc) =>
          oc.column("iin").doUpdateSet((eb) => ({
            last_name: eb.ref("excluded.last_name"),
            first_name: eb.ref("excluded.first_name"),
            patronymic: eb.ref("excluded.patronymic"),
            position: eb.ref("excluded.position"),
            phone: eb.ref("excluded.phone"),
            previous_certificate_issued_on: sql`coalesce(excluded.previous_certificate_issued_on, employees.previous_certificate_issued_on)`,
            active: true,
            updated_at: input.now,
          })),
        )
        .returning(["id", "iin"])
        .execute();
      added += rows.filter((r) => !existing.has(r.iin)).length;
      await audit(
        trx,
        rows.map((r, index) => ({
          actor: input.actor,
          action: existing.has(r.iin) ? "employee.import_update" : "employee.import_create",
          entity: "employee",
          entityId: r.id,
          before: existing.has(r.iin) ? auditable({ ...existing.get(r.iin) }) : undefined,
          after: { ...auditable({ ...values[index] }), file: input.fileName },
          at: input.now,
        })),
      );
    }
    return { ok: true, added, updated: employees.length - added } as const;
  });
}
