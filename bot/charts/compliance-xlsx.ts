// The charts' numbers as a workbook, for those who want the table: one sheet with
// each unit's training status (item 6), one with the list season (items 7, 8).
import type ExcelJS from "exceljs";
import type { Language } from "../../db/types.js";
import { onFirstUse } from "../core/lazy.js";
import { translator } from "../i18n/index.js";
import { formatDate } from "../rules/index.js";
import {
  type ComplianceRow,
  overdueShare,
  type RegionSeason,
  type RegionSeasonCounts,
  totalOf,
} from "../services/compliance.js";
import type { StatusCounts } from "../services/overview.js";
import { districtSeasonKey } from "./season-chart.js";

const loadExcel = onFirstUse<typeof ExcelJS>("exceljs");

type Season =
  | { kind: "region"; season: RegionSeason }
  | { kind: "national"; year: number; regions: RegionSeasonCounts[] };

function statusSheet(book: ExcelJS.Workbook, rows: ComplianceRow[], language: Language) {
  const t = translator(language);
  const sheet = book.addWorksheet(t("charts.xlsx.sheet_status"), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = [
    { header: t("charts.xlsx.unit"), width: 36 },
    { header: t("charts.xlsx.total"), width: 10 },
    { header: t("charts.status.upToDate"), width: 14 },
    { header: t("charts.status.dueThisYear"), width: 16 },
    { header: t("charts.status.overdue"), width: 14 },
    { header: t("charts.status.neverTrained"), width: 14 },
    { header: t("charts.xlsx.share_overdue"), width: 18 },
  ];
  sheet.getRow(1).font = { bold: true };
  const line = (name: string, c: StatusCounts) => [
    name,
    c.total,
    c.upToDate,
    c.dueThisYear,
    c.overdue,
    c.neverTrained,
    Math.round(overdueShare(c) * 1000) / 10,
  ];
  for (const row of rows) sheet.addRow(line(row.name[language], row.counts));
  sheet.addRow(line(t("charts.caption_total"), totalOf(rows))).font = { bold: true };
}

function seasonSheet(book: ExcelJS.Workbook, season: Season, language: Language) {
  const t = translator(language);
  const year = season.kind === "region" ? season.season.year : season.year;
  const sheet = book.addWorksheet(t("charts.xlsx.sheet_season", { year }), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  if (season.kind === "region") {
    sheet.columns = [
      { header: t("charts.xlsx.unit"), width: 36 },
      { header: t("charts.xlsx.list_status"), width: 26 },
      { header: t("charts.xlsx.sent_on"), width: 16 },
      { header: t("charts.xlsx.late"), width: 14 },
    ];
    for (const d of season.season.districts)
      sheet.addRow([
        d.name[language],
        t(`charts.season.${districtSeasonKey(d)}`),
        d.sentOn ? formatDate(d.sentOn) : "",
        d.late ? t("charts.xlsx.yes") : "",
      ]);
    const approved = season.season.consolidated.approvedOn;
    sheet.addRow([]);
    sheet.addRow([
      t("charts.xlsx.approved_on"),
      approved ? formatDate(approved) : "—",
      "",
      season.season.consolidated.late ? t("charts.xlsx.yes") : "",
    ]).font = { bold: true };
  } else {
    sheet.columns = [
      { header: t("charts.xlsx.unit"), width: 36 },
      { header: t("charts.xlsx.districts"), width: 10 },
      // Counts of districts, so the headings are the caption's plural-neuter words.
      { header: t("charts.xlsx.count_accepted"), width: 14 },
      { header: t("charts.xlsx.count_on_time"), width: 16 },
      { header: t("charts.xlsx.count_late"), width: 24 },
      { header: t("charts.xlsx.count_returned"), width: 14 },
      { header: t("charts.xlsx.count_not_sent"), width: 16 },
      { header: t("charts.xlsx.approved_on"), width: 24 },
    ];
    for (const r of season.regions)
      sheet.addRow([
        r.name[language],
        r.districts,
        r.accepted,
        r.submittedOnTime,
        r.submittedLate,
        r.returned,
        r.notSent,
        r.approvedOn ? formatDate(r.approvedOn) : "",
      ]);
  }
  sheet.getRow(1).font = { bold: true };
}

export async function complianceXlsx(
  rows: ComplianceRow[],
  season: Season,
  language: Language,
): Promise<Buffer> {
  const book = new (loadExcel().Workbook)();
  statusSheet(book, rows, language);
  seasonSheet(book, season, language);
  return Buffer.from(await book.xlsx.writeBuffer());
}
