// The yearly lists as documents: a district's list of employees due for training
// in the coming year (item 7) and the region's consolidated list (item 8), grouped
// by district, with the amendments of an approved consolidated list and their
// dates (item 8). PDF (header row on every page) and XLSX, in the reader's language.
import type ExcelJS from "exceljs";
import { onFirstUse } from "../core/lazy.js";
import { formatDate, type IsoDate, type Language, maskIin } from "../rules/index.js";
import { FONT_BOLD, toBuffer } from "./fonts.js";
import { columnsOf, drawTable, newTableDocument, numberPages } from "./table.js";

const loadExcel = onFirstUse<typeof ExcelJS>("exceljs");

export type ListEntryReason =
  | "due"
  | "overdue"
  | "never_trained"
  | "retest"
  | "added_by_coordinator";

export interface ListRow {
  fullName: string;
  iin: string;
  position: string;
  reason: ListEntryReason;
  dueOn: IsoDate | null;
}

/** One amendment of an approved consolidated list (item 8). */
export interface ListAmendmentRow {
  on: IsoDate;
  kind: "add" | "remove";
  fullName: string;
  /** The district, or null for the region-level unit's own employee. */
  unitName: string | null;
  reason: string;
}

export interface ListDocument {
  kind: "district" | "regional";
  year: number;
  unitName: string;
  status: "draft" | "submitted" | "returned" | "accepted" | "approved";
  late: boolean;
  /** Date of submission (district) or approval (consolidated). */
  statusDate: IsoDate | null;
  groups: Array<{ name: string | null; rows: ListRow[] }>;
  /** The amendments since the approval, oldest first (none for a list not approved). */
  amendments?: ListAmendmentRow[];
  showFullIin: boolean;
}

const TEXTS = {
  kk: {
    title: (kind: "district" | "regional", year: number) =>
      kind === "district"
        ? `${year} жылға біліктілігін арттыруға жататын қызметкерлердің тізімі`
        : `${year} жылға біліктілігін арттыруға жататын қызметкерлердің жиынтық тізімі`,
    status: {
      draft: "жоба",
      submitted: "жіберілді",
      returned: "қайтарылды",
      accepted: "қабылданды",
      approved: "бекітілді",
    },
    statusLine: (status: string, date: string | null, late: boolean) =>
      `Мәртебесі: ${status}${date ? `, ${date}` : ""}${late ? " (мерзімі өткеннен кейін)" : ""}`,
    columns: [
      "№",
      "Тегі, аты, әкесінің аты (ол болған жағдайда)",
      "ЖСН",
      "Лауазымы",
      "Енгізу негізі",
    ],
    reason: (row: ListRow) =>
      ({
        due: `мерзімі ${row.dueOn ? formatDate(row.dueOn) : ""}`,
        overdue: `мерзімі өткен (${row.dueOn ? formatDate(row.dueOn) : ""})`,
        never_trained: "өткені туралы мәлімет жоқ",
        retest: "қайта тестілеу",
        added_by_coordinator: "үйлестірушінің шешімі бойынша",
      })[row.reason],
    total: (n: number) => `Барлығы: ${n}`,
    subtotal: (n: number) => `барлығы: ${n}`,
    ownUnit: "Облыстық (қалалық) органның өз қызметкерлері",
    sheet: "Тізім",
    amendments: "Бекітілген тізімге енгізілген өзгерістер",
    amendmentsSheet: "Өзгерістер",
    amendmentColumns: ["№", "Күні", "Өзгеріс", "Т.А.Ә.", "Жұмыс орны", "Себебі"],
    amendmentKind: { add: "тізімге енгізу", remove: "тізімнен шығару" },
    ownWorkplace: "облыстық (қалалық) орган",
  },
  ru: {
    title: (kind: "district" | "regional", year: number) =>
      kind === "district"
        ? `Список работников, подлежащих повышению квалификации, на ${year} год`
        : `Сводный список работников, подлежащих повышению квалификации, на ${year} год`,
    status: {
      draft: "черновик",
      submitted: "направлен",
      returned: "возвращён",
      accepted: "принят",
      approved: "утверждён",
    },
    statusLine: (status: string, date: string | null, late: boolean) =>
      `Статус: ${status}${date ? `, ${date}` : ""}${late ? " (после установленного срока)" : ""}`,
    columns: [
      "№",
      "Фамилия, имя, отчество (при его наличии)",
      "ИИН",
      "Должность",
      "Основание включения",
    ],
    reason: (row: ListRow) =>
      ({
        due: `срок ${row.dueOn ? formatDate(row.dueOn) : ""}`,
        overdue: `срок истёк (${row.dueOn ? formatDate(row.dueOn) : ""})`,
        never_trained: "нет сведений о прохождении",
        retest: "повторное тестирование",
        added_by_coordinator: "по решению координатора",
      })[row.reason],
    total: (n: number) => `Всего: ${n}`,
    subtotal: (n: number) => `всего: ${n}`,
    ownUnit: "Собственные работники областного (городского) органа",
    sheet: "Список",
    amendments: "Изменения утверждённого списка",
    amendmentsSheet: "Изменения",
    amendmentColumns: ["№", "Дата", "Изменение", "ФИО", "Место работы", "Причина"],
    amendmentKind: { add: "включение", remove: "исключение" },
    ownWorkplace: "областной (городской) орган",
  },
} as const;

function rowCells(row: ListRow, index: number, data: ListDocument, language: Language): string[] {
  return [
    String(index + 1),
    row.fullName,
    data.showFullIin ? row.iin : maskIin(row.iin),
    row.position,
    TEXTS[language].reason(row),
  ];
}

function heading(data: ListDocument, language: Language) {
  const t = TEXTS[language];
  return {
    title: t.title(data.kind, data.year),
    status: t.statusLine(
      t.status[data.status],
      data.statusDate ? formatDate(data.statusDate) : null,
      data.late,
    ),
  };
}

function tableRows(data: ListDocument, language: Language) {
  const t = TEXTS[language];
  let index = 0;
  return data.groups.flatMap((group) => {
    const rows = group.rows.map((row) => ({ cells: rowCells(row, index++, data, language) }));
    if (data.kind === "district") return rows;
    return [{ heading: `${group.name ?? t.ownUnit} — ${t.subtotal(group.rows.length)}` }, ...rows];
  });
}

function amendmentCells(data: ListDocument, language: Language): string[][] {
  const t = TEXTS[language];
  return (data.amendments ?? []).map((a, i) => [
    String(i + 1),
    formatDate(a.on),
    t.amendmentKind[a.kind],
    a.fullName,
    a.unitName ?? t.ownWorkplace,
    a.reason,
  ]);
}

export function renderListPdf(data: ListDocument, language: Language): Promise<Buffer> {
  const t = TEXTS[language];
  const { title, status } = heading(data, language);
  const doc = newTableDocument({ title, owner: data.unitName, line: status });
  drawTable(
    doc,
    columnsOf(t.columns, [0.5, 3, 1.5, 2.5, 2.2], [0]),
    tableRows(data, language),
    doc.y + 12,
  );
  const total = data.groups.reduce((sum, g) => sum + g.rows.length, 0);
  doc
    .font(FONT_BOLD)
    .fontSize(11)
    .text(t.total(total), 40, doc.y + 4);
  if (data.amendments?.length) {
    doc
      .font(FONT_BOLD)
      .fontSize(11)
      .text(t.amendments, 40, doc.y + 14);
    drawTable(
      doc,
      columnsOf(t.amendmentColumns, [0.5, 1.2, 1.3, 2.5, 2, 2.5], [0]),
      amendmentCells(data, language).map((cells) => ({ cells })),
      doc.y + 6,
    );
  }
  numberPages(doc);
  return toBuffer(doc);
}

export async function renderListXlsx(data: ListDocument, language: Language): Promise<Buffer> {
  const t = TEXTS[language];
  const { title, status } = heading(data, language);
  const book = new (loadExcel().Workbook)();
  const sheet = book.addWorksheet(t.sheet, { views: [{ state: "frozen", ySplit: 4 }] });
  sheet.mergeCells("A1:E1");
  sheet.getCell("A1").value = title;
  sheet.getCell("A1").font = { bold: true, size: 12 };
  sheet.getCell("A2").value = data.unitName;
  sheet.getCell("A3").value = status;
  const header = sheet.getRow(4);
  header.values = [...t.columns];
  header.font = { bold: true };
  sheet.columns = [{ width: 6 }, { width: 40 }, { width: 16 }, { width: 32 }, { width: 30 }];
  for (const row of tableRows(data, language)) {
    if ("heading" in row) {
      const added = sheet.addRow([row.heading]);
      added.font = { bold: true };
      sheet.mergeCells(`A${added.number}:E${added.number}`);
    } else {
      sheet.addRow([Number(row.cells[0]), ...row.cells.slice(1)]);
    }
  }
  const total = data.groups.reduce((sum, g) => sum + g.rows.length, 0);
  sheet.addRow([]);
  sheet.addRow([t.total(total)]).font = { bold: true };
  if (data.amendments?.length) {
    const changes = book.addWorksheet(t.amendmentsSheet);
    changes.getCell("A1").value = t.amendments;
    changes.getCell("A1").font = { bold: true, size: 12 };
    changes.getRow(2).values = [...t.amendmentColumns];
    changes.getRow(2).font = { bold: true };
    changes.columns = [6, 12, 16, 40, 30, 40].map((width) => ({ width }));
    for (const cells of amendmentCells(data, language))
      changes.addRow([Number(cells[0]), ...cells.slice(1)]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
