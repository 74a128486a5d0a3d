// The head's order as a PDF, for reading and printing as it is: the same layout as
// the DOCX (bot/documents/head-order.ts), in DejaVu Serif like every other document.
import type { Language } from "../../db/types.js";
import { FONT_BOLD, FONT_REGULAR, newDocument, toBuffer } from "./fonts.js";
import { orderLayout } from "./head-order.js";
import type { HeadOrderContent, OrderLayout, SignedOrder } from "./head-order-content.js";
import { drawTable, numberPages } from "./table.js";

const LEFT = 70;
const RIGHT = 45;

function drawHeading(doc: PDFKit.PDFDocument, layout: OrderLayout, width: number): void {
  if (layout.draftMark)
    doc
      .font(FONT_BOLD)
      .fontSize(11)
      .fillColor("#c0392b")
      .text(layout.draftMark, LEFT, 40, { width, align: "right" })
      .fillColor("black");
  doc.font(FONT_BOLD).fontSize(11);
  doc.text(layout.heading.join("\n"), LEFT, 50, { width, align: "center" });
  doc
    .moveTo(LEFT, doc.y + 6)
    .lineTo(LEFT + width, doc.y + 6)
    .lineWidth(1.2)
    .stroke();
  doc.fontSize(13).text(layout.kind, LEFT, doc.y + 16, { width, align: "center" });
  const y = doc.y + 10;
  doc.font(FONT_REGULAR).fontSize(12).text(layout.dateLine, LEFT, y, { width });
  doc.text(layout.numberLine, LEFT, y, { width, align: "right" });
  doc.font(FONT_BOLD).text(layout.title, LEFT, doc.y + 20, { width: width * 0.6 });
}

function paragraph(
  doc: PDFKit.PDFDocument,
  text: string,
  width: number,
  gap = 5,
  align: "justify" | "left" = "justify",
): void {
  doc.font(FONT_REGULAR).fontSize(11.5);
  doc.text(text, LEFT, doc.y + gap, { width, align, indent: 30, lineGap: 1.5 });
}

function drawSignature(doc: PDFKit.PDFDocument, layout: OrderLayout, width: number): void {
  if (doc.y > doc.page.height - 120) doc.addPage();
  const y = doc.y + 30;
  doc.font(FONT_BOLD).fontSize(12).text(layout.signature.head, LEFT, y);
  doc.lineWidth(0.7);
  doc
    .moveTo(LEFT + 170, y + 14)
    .lineTo(LEFT + 290, y + 14)
    .stroke();
  doc
    .moveTo(LEFT + width - 170, y + 14)
    .lineTo(LEFT + width, y + 14)
    .stroke();
  doc.font(FONT_REGULAR).fontSize(8);
  doc.text(layout.signature.sign, LEFT + 170, y + 17, { width: 120, align: "center" });
  doc.text(layout.signature.name, LEFT + width - 170, y + 17, { width: 170, align: "center" });
}

export async function headOrderPdf(
  content: HeadOrderContent,
  lang: Language,
  signed: SignedOrder | null,
): Promise<Buffer> {
  const layout = orderLayout(content, lang, signed);
  // A fixed creation date keeps the bytes the same each time the order is produced again.
  const fixed = new Date(`${signed?.date ?? content.startsOn}T00:00:00Z`);
  const doc = newDocument({
    size: "A4",
    bufferPages: true,
    margins: { top: 50, bottom: 50, left: LEFT, right: RIGHT },
    info: { Title: layout.title, CreationDate: fixed, ModDate: fixed },
  });
  const width = doc.page.width - LEFT - RIGHT;
  drawHeading(doc, layout, width);
  paragraph(doc, `${layout.basis},`, width, 14);
  doc
    .font(FONT_BOLD)
    .fontSize(12)
    .text(layout.command, LEFT, doc.y + 6);
  paragraph(doc, layout.sendPoint.text, width);
  for (const item of layout.sendPoint.items) paragraph(doc, item, width, 1, "left");
  drawTable(
    doc,
    [
      { title: layout.table.header[0], width: 0.6, align: "center" },
      { title: layout.table.header[1], width: 3.4 },
      { title: layout.table.header[2], width: 2.6 },
      { title: layout.table.header[3], width: 2.8 },
    ],
    layout.table.rows.map((cells) => ({ cells })),
    doc.y + 10,
    10,
  );
  for (const point of layout.points) paragraph(doc, point, width);
  drawSignature(doc, layout, width);
  numberPages(doc);
  return toBuffer(doc);
}
