// The head's order as an editable Word file (DOCX): A4, Times New Roman 14 pt as
// Kazakh administrative documents are usually typed, the table of employees with
// borders and a repeated header row. The coordinator edits and prints it.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from "docx";
import type { Language } from "../../db/types.js";
import { orderLayout } from "./head-order.js";
import type { HeadOrderContent, OrderLayout, SignedOrder } from "./head-order-content.js";

const FONT = "Times New Roman";
const SIZE = 28; // half-points: 14 pt
const TEXT_WIDTH = 9638; // twips: A4 (11906) less 30 mm left and 10 mm right margins
const COLUMNS = [600, 3600, 2600, 2838];

const centred = (text: string, bold = false, after = 0) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after },
    children: [new TextRun({ text, bold })],
  });

const justified = (text: string, options: { indent?: boolean; bold?: boolean } = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: options.indent === false ? undefined : { firstLine: 709 },
    spacing: { after: 60 },
    children: [new TextRun({ text, bold: options.bold })],
  });

function cell(text: string, bold = false): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: bold ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold, size: 24 })],
      }),
    ],
  });
}

function employeesTable(layout: OrderLayout): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMNS,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: [
      new TableRow({ tableHeader: true, children: layout.table.header.map((h) => cell(h, true)) }),
      ...layout.table.rows.map((row) => new TableRow({ children: row.map((c) => cell(c)) })),
    ],
  });
}

function numberAndDate(layout: OrderLayout): Paragraph {
  return new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
    spacing: { before: 120, after: 240 },
    children: [new TextRun(layout.dateLine), new TextRun(`\t${layout.numberLine}`)],
  });
}

function signature(layout: OrderLayout): Paragraph[] {
  const { head, sign, name } = layout.signature;
  return [
    new Paragraph({
      spacing: { before: 480 },
      tabStops: [
        { type: TabStopType.LEFT, position: 3400 },
        { type: TabStopType.RIGHT, position: TEXT_WIDTH },
      ],
      children: [
        new TextRun({ text: head, bold: true }),
        new TextRun("\t______________\t______________________"),
      ],
    }),
    new Paragraph({
      tabStops: [
        { type: TabStopType.LEFT, position: 3900 },
        { type: TabStopType.RIGHT, position: TEXT_WIDTH - 600 },
      ],
      children: [new TextRun({ text: `\t${sign}\t${name}`, size: 20 })],
    }),
  ];
}

export async function headOrderDocx(
  content: HeadOrderContent,
  lang: Language,
  signed: SignedOrder | null,
): Promise<Buffer> {
  const layout = orderLayout(content, lang, signed);
  const children = [
    ...(layout.draftMark
      ? [
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ text: layout.draftMark, bold: true })],
          }),
        ]
      : []),
    ...layout.heading.map((line) => centred(line, true)),
    centred(layout.kind, true, 0),
    numberAndDate(layout),
    new Paragraph({
      spacing: { after: 240 },
      children: [new TextRun({ text: layout.title, bold: true })],
    }),
    justified(`${layout.basis},`),
    justified(layout.command, { indent: false, bold: true }),
    justified(layout.sendPoint.text),
    ...layout.sendPoint.items.map((item) => justified(item)),
    employeesTable(layout),
    new Paragraph({ spacing: { after: 120 }, children: [] }),
    ...layout.points.map((point) => justified(point)),
    ...signature(layout),
  ];
  const doc = new Document({
    creator: "Біліктілік",
    title: layout.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1701, right: 567 },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
