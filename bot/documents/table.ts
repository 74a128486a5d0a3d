// A table that flows over pages: the header row is drawn again at the top of
// every page, rows wrap their text and never split across pages, and every page
// gets "n / N" at the bottom.
import { FONT_BOLD, FONT_REGULAR, newDocument } from "./fonts.js";

export interface Column {
  title: string;
  /** Share of the table's width. */
  width: number;
  align?: "left" | "center" | "right";
}

const PADDING = 4;

function columnWidths(doc: PDFKit.PDFDocument, columns: Column[]): number[] {
  const total = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const shares = columns.reduce((sum, c) => sum + c.width, 0);
  return columns.map((c) => (total * c.width) / shares);
}

function rowHeight(doc: PDFKit.PDFDocument, cells: string[], widths: number[]): number {
  return (
    Math.max(
      ...cells.map((cell, i) =>
        doc.heightOfString(cell, { width: (widths[i] ?? 0) - 2 * PADDING }),
      ),
    ) +
    2 * PADDING
  );
}

function drawRow(
  doc: PDFKit.PDFDocument,
  cells: string[],
  widths: number[],
  columns: Column[],
  y: number,
  height: number,
  fill?: string,
) {
  let x = doc.page.margins.left;
  cells.forEach((cell, i) => {
    const width = widths[i] ?? 0;
    if (fill) doc.rect(x, y, width, height).fillAndStroke(fill, "black").fillColor("black");
    else doc.rect(x, y, width, height).stroke();
    doc.text(cell, x + PADDING, y + PADDING, {
      width: width - 2 * PADDING,
      align: columns[i]?.align ?? "left",
    });
    x += width;
  });
}

/** Draws the table from y; `groupRows` (a heading across all columns) are bold. */
export function drawTable(
  doc: PDFKit.PDFDocument,
  columns: Column[],
  rows: Array<{ cells: string[] } | { heading: string }>,
  startY: number,
  fontSize = 9,
): void {
  const widths = columnWidths(doc, columns);
  const bottom = () => doc.page.height - doc.page.margins.bottom - 20;
  const header = columns.map((c) => c.title);
  const drawHeader = (y: number) => {
    doc.font(FONT_BOLD).fontSize(fontSize);
    const height = rowHeight(doc, header, widths);
    drawRow(doc, header, widths, columns, y, height, "#e8eef5");
    return y + height;
  };

  let y = drawHeader(startY);
  for (const row of rows) {
    const cells = "heading" in row ? [row.heading] : row.cells;
    const rowWidths = "heading" in row ? [widths.reduce((a, b) => a + b, 0)] : widths;
    doc.font("heading" in row ? FONT_BOLD : FONT_REGULAR).fontSize(fontSize);
    const height = rowHeight(doc, cells, rowWidths);
    if (y + height > bottom()) {
      doc.addPage();
      y = drawHeader(doc.page.margins.top);
      doc.font("heading" in row ? FONT_BOLD : FONT_REGULAR).fontSize(fontSize);
    }
    drawRow(
      doc,
      cells,
      rowWidths,
      "heading" in row ? [{ title: "", width: 1 }] : columns,
      y,
      height,
    );
    y += height;
  }
  // What follows the table starts at the left margin again, not in its last column
  // (pdfkit keeps the x of the last cell written).
  doc.x = doc.page.margins.left;
  doc.y = y + 6;
}

/** "n / N" on every page; needs the document created with bufferPages. */
export function numberPages(doc: PDFKit.PDFDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - doc.page.margins.bottom - 12;
    const bottomMargin = doc.page.margins.bottom;
    // Writing inside the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font(FONT_REGULAR)
      .fontSize(8)
      .text(`${i + 1} / ${range.count}`, doc.page.margins.left, y, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: "right",
      });
    doc.page.margins.bottom = bottomMargin;
  }
}

/**
 * The landscape tables (the yearly lists, the register of certificates) open the
 * same way: A4 across, pages kept for numbering, the title, whose the table is and
 * one line more, centred. The table starts below them (doc.y).
 */
export function newTableDocument(heading: {
  title: string;
  owner: string;
  line: string;
}): PDFKit.PDFDocument {
  const doc = newDocument({
    size: "A4",
    layout: "landscape",
    bufferPages: true,
    margins: { top: 40, bottom: 40, left: 40, right: 40 },
    info: { Title: heading.title, Author: heading.owner },
  });
  const width = doc.page.width - 80;
  doc.font(FONT_BOLD).fontSize(13).text(heading.title, 40, 40, { width, align: "center" });
  doc.font(FONT_REGULAR).fontSize(11).text(heading.owner, { width, align: "center" });
  doc.text(heading.line, { width, align: "center" });
  return doc;
}

/** Columns with these titles and shares of the width; those at `centred` are centred. */
export function columnsOf(
  titles: readonly string[],
  widths: readonly number[],
  centred: readonly number[],
): Column[] {
  return titles.map((title, i) => ({
    title,
    width: widths[i] ?? 1,
    align: centred.includes(i) ? "center" : "left",
  }));
}
