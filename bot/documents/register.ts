// The register of certificates (item 14, Appendix 2) of one organization for a
// period: the five columns of the form, as PDF (header row on every page) and XLSX.
// The IIN appears in full: only coordinators of that organization receive it.
import type ExcelJS from "exceljs";
import { onFirstUse } from "../core/lazy.js";
import { formatDate, type IsoDate, type Language } from "../rules/index.js";
import { toBuffer } from "./fonts.js";
import { columnsOf, drawTable, newTableDocument, numberPages } from "./table.js";

const loadExcel = onFirstUse<typeof ExcelJS>("exceljs");

export interface RegisterRow {
  /** Whose certificate (for the access log of a table showing the IIN; not drawn). */
  employeeId?: number;
  holderName: string;
  iin: string;
  workplace: string;
  position: string;
  number: string;
  issuedOn: IsoDate;
  status: "valid" | "replaced" | "revoked";
  replacedByNumber: string | null;
}

export interface RegisterDocument {
  providerName: string;
  period: { from: IsoDate; to: IsoDate };
  rows: RegisterRow[];
}

const TEXTS = {
  kk: {
    title: "Біліктілікті арттырудан өткені туралы сертификаттарды тіркеу журналы",
    period: (from: string, to: string) => `Кезең: ${from} – ${to}`,
    columns: [
      "№ р/с",
      "Тегі, аты, әкесінің аты (ол болған жағдайда), жеке сәйкестендіру нөмірі",
      "Жұмыс орны, лауазымы",
      "Сертификаттың №",
      "Берілген күні",
    ],
    replaced: (n: string) => `(алмастырылды → № ${n})`,
    revoked: "(күші жойылды)",
    sheet: "Журнал",
  },
  ru: {
    title: "Журнал регистрации сертификатов о прохождении повышения квалификации",
    period: (from: string, to: string) => `Период: ${from} – ${to}`,
    columns: [
      "№ п/п",
      "Фамилия, имя, отчество (при его наличии), индивидуальный идентификационный номер",
      "Место работы, должность",
      "№ сертификата",
      "Дата выдачи",
    ],
    replaced: (n: string) => `(заменён → № ${n})`,
    revoked: "(аннулирован)",
    sheet: "Журнал",
  },
} as const;

function numberCell(row: RegisterRow, language: Language): string {
  const t = TEXTS[language];
  if (row.status === "replaced") return `${row.number}\n${t.replaced(row.replacedByNumber ?? "—")}`;
  if (row.status === "revoked") return `${row.number}\n${t.revoked}`;
  return row.number;
}

function cells(row: RegisterRow, index: number, language: Language): string[] {
  return [
    String(index + 1),
    `${row.holderName}\n${row.iin}`,
    `${row.workplace}, ${row.position}`,
    numberCell(row, language),
    formatDate(row.issuedOn),
  ];
}

export function renderRegisterPdf(data: RegisterDocument, language: Language): Promise<Buffer> {
  const t = TEXTS[language];
  const doc = newTableDocument({
    title: t.title,
    owner: data.providerName,
    line: t.period(formatDate(data.period.from), formatDate(data.period.to)),
  });
  drawTable(
    doc,
    columnsOf(t.columns, [0.6, 3.2, 3, 1.8, 1.2], [0, 4]),
    data.rows.map((row, i) => ({ cells: cells(row, i, language) })),
    doc.y + 12,
  );
  numberPages(doc);
  return toBuffer(doc);
}

export async function renderRegisterXlsx(
  data: RegisterDocument,
  language: Language,
): Promise<Buffer> {
  const t = TEXTS[language];
  const book = new (loadExcel().Workbook)();
  const sheet = book.addWorksheet(t.sheet, { views: [{ state: "frozen", ySplit: 3 }] });
  sheet.mergeCells("A1:E1");
  sheet.getCell("A1").value = `${t.title} — ${data.providerName}`;
  sheet.getCell("A1").font = { bold: true, size: 12 };
  sheet.getCell("A2").value = t.period(formatDate(data.period.from), formatDate(data.period.to));
  const header = sheet.getRow(3);
  header.values = [...t.columns];
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  sheet.columns = [{ width: 7 }, { width: 48 }, { width: 44 }, { width: 24 }, { width: 14 }];
  data.rows.forEach((row, i) => {
    const [index, holder, work, number] = cells(row, i, language);
    const added = sheet.addRow([
      Number(index),
      holder,
      work,
      number,
      new Date(`${row.issuedOn}T00:00:00Z`),
    ]);
    added.alignment = { wrapText: true, vertical: "top" };
    added.getCell(5).numFmt = "dd.mm.yyyy";
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
