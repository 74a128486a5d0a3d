// Every document embeds DejaVu Serif, which has every Kazakh letter (ә ғ қ ң ө ұ ү
// һ і and capitals); pdfkit subsets it to the glyphs used. The standard PDF fonts
// (Helvetica, Times) have no Cyrillic and are never used.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type PDFDocument from "pdfkit";
import { onFirstUse } from "../core/lazy.js";

const loadPdfkit = onFirstUse<typeof PDFDocument>("pdfkit");

const fontDir = join(
  dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
);
export const FONT_REGULAR = "DejaVuSerif";
export const FONT_BOLD = "DejaVuSerif-Bold";

export function newDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  // `font` here replaces pdfkit's default Helvetica before it is ever loaded.
  const Document = loadPdfkit();
  const doc = new Document({ ...options, font: join(fontDir, "DejaVuSerif.ttf") });
  doc.registerFont(FONT_REGULAR, join(fontDir, "DejaVuSerif.ttf"));
  doc.registerFont(FONT_BOLD, join(fontDir, "DejaVuSerif-Bold.ttf"));
  doc.font(FONT_REGULAR);
  return doc;
}

export function toBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}
