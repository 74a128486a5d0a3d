// Pieces every document shares: the header (logo and the organization's official
// name), the signature block with the seal's place, and a watermark.
import { FONT_BOLD, FONT_REGULAR } from "./fonts.js";

export interface OrganizationHeader {
  name: string;
  logo: Buffer | null;
}

/** Logo (if any) centred above the official name; returns the y below it. */
export function drawHeader(
  doc: PDFKit.PDFDocument,
  header: OrganizationHeader,
  top: number,
): number {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  let y = top;
  if (header.logo) {
    try {
      doc.image(header.logo, doc.page.width / 2 - 30, y, { fit: [60, 60], align: "center" });
      y += 66;
    } catch {
      // An unreadable logo must not stop the certificate; it is simply left out.
    }
  }
  doc
    .font(FONT_BOLD)
    .fontSize(13)
    .text(header.name, doc.page.margins.left, y, { width, align: "center" });
  return doc.y + 8;
}

export function drawSignatureBlock(
  doc: PDFKit.PDFDocument,
  labels: { head: string; signature: string; seal: string },
  headName: string,
  y: number,
): void {
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  doc.font(FONT_REGULAR).fontSize(12).text(labels.head, left, y);
  doc
    .moveTo(left + 190, y + 14)
    .lineTo(left + 330, y + 14)
    .lineWidth(0.7)
    .stroke();
  doc.fontSize(8).text(labels.signature, left + 190, y + 17, { width: 140, align: "center" });
  doc.fontSize(12).text(headName, left + 345, y, { width: right - left - 345 });
  doc.fontSize(11).text(labels.seal, left + 40, y + 40);
}

export function drawWatermark(doc: PDFKit.PDFDocument, text: string): void {
  doc.save();
  doc.rotate(-25, { origin: [doc.page.width / 2, doc.page.height / 2] });
  doc.font(FONT_BOLD).fontSize(64).fillColor("#c0392b").fillOpacity(0.25);
  doc.text(text, 0, doc.page.height / 2 - 40, { width: doc.page.width, align: "center" });
  doc.restore();
  doc.fillColor("black").fillOpacity(1);
}
