// The certificate, in the form of Appendix 1 (item 12): logo and official name,
// "СЕРТИФИКАТ №", the form's sentence with the full name and academic hours, the
// date of issue as the form writes it, the head's signature and the seal's place;
// plus a QR code and a short code that lead to the bot's verification.
import type QRCode from "qrcode";
import { onFirstUse } from "../core/lazy.js";
import { datePieces, type IsoDate, type Language, type Sex } from "../rules/index.js";
import { FONT_BOLD, FONT_REGULAR, newDocument, toBuffer } from "./fonts.js";
import { drawHeader, drawSignatureBlock, drawWatermark } from "./layout.js";
import { academicHoursText, TEXTS } from "./texts.js";

const loadQrcode = onFirstUse<typeof QRCode>("qrcode");

export interface PersonName {
  lastName: string;
  firstName: string;
  patronymic: string | null;
  /** From the IIN (sexFromIin): the Russian text agrees with it («прошёл» / «прошла»). */
  sex: Sex | null;
}

export interface ProviderOnDocument {
  nameKk: string;
  nameRu: string;
  headName: string;
  logo: Buffer | null;
}

export interface CertificateDocument {
  number: string;
  verificationCode: string;
  verifyUrl: string;
  holder: PersonName;
  academicHours: number;
  issuedOn: IsoDate;
  provider: ProviderOnDocument;
  programTitle: { kk: string; ru: string } | null;
  status?: "valid" | "replaced" | "revoked";
}

export function fullNameOf(name: PersonName): string {
  return [name.lastName, name.firstName, name.patronymic].filter(Boolean).join(" ");
}

export async function renderCertificatePdf(
  data: CertificateDocument,
  language: Language,
): Promise<Buffer> {
  const t = TEXTS[language];
  const doc = providerDocument(data, language, {
    title: `${t.certificateTitle} ${data.number}`,
    layout: "landscape",
    margins: { top: 50, bottom: 40, left: 70, right: 70 },
  });
  const width = doc.page.width - 140;
  doc
    .rect(25, 25, doc.page.width - 50, doc.page.height - 50)
    .lineWidth(2)
    .stroke("#1f4e79");
  doc.strokeColor("black");

  let y = drawProviderHeader(doc, data.provider, language, 50);
  doc
    .font(FONT_BOLD)
    .fontSize(28)
    .text(`${t.certificateTitle} ${data.number}`, 70, Math.max(y + 24, 130), {
      width,
      align: "center",
    });

  const hours = academicHoursText(data.academicHours, language);
  const [before, name, after] = t.certificateBody(fullNameOf(data.holder), hours, data.holder.sex);
  // The body sits in the middle third of the page, the way the printed form lays it out.
  doc
    .font(FONT_REGULAR)
    .fontSize(16)
    .text(before, 70, doc.y + 36, { width, align: "center" });
  doc
    .font(FONT_BOLD)
    .fontSize(22)
    .text(name, 70, doc.y + 12, { width, align: "center" });
  doc
    .font(FONT_REGULAR)
    .fontSize(16)
    .text(after, 70, doc.y + 12, { width, align: "center" });
  if (data.programTitle) {
    const title = `«${data.programTitle[language]}»`;
    doc.fontSize(13).text(title, 70, doc.y + 16, { width, align: "center" });
  }

  const { day, monthName, year } = datePieces(data.issuedOn, language);
  y = doc.page.height - 175;
  doc.fontSize(12).text(t.issuedOn(day, monthName, year), 70, y);
  drawSignatureBlock(doc, t, data.provider.headName, y + 30);

  const qr = await loadQrcode().toBuffer(data.verifyUrl, {
    margin: 1,
    width: 180,
    errorCorrectionLevel: "M",
  });
  const qrX = doc.page.width - 70 - 90;
  doc.image(qr, qrX, y - 20, { width: 90 });
  doc.fontSize(7).text(t.verify(data.verifyUrl, data.verificationCode), qrX - 160, y + 74, {
    width: 250,
    align: "right",
  });

  if (data.status === "replaced") drawWatermark(doc, t.replaced);
  if (data.status === "revoked") drawWatermark(doc, t.revoked);
  return toBuffer(doc);
}

export function providerName(provider: ProviderOnDocument, language: Language): string {
  return language === "kk" ? provider.nameKk : provider.nameRu;
}

/**
 * A document a provider issues to a person (the certificate, the attendance
 * statement): A4, the provider its author, dated the day of issue, so both files
 * carry the same metadata and come out the same when made again.
 */
export function providerDocument(
  data: { provider: ProviderOnDocument; issuedOn: IsoDate },
  language: Language,
  page: { title: string; layout?: "landscape"; margins: PDFKit.PDFDocumentOptions["margins"] },
): PDFKit.PDFDocument {
  const issued = new Date(`${data.issuedOn}T00:00:00Z`);
  return newDocument({
    size: "A4",
    ...(page.layout ? { layout: page.layout } : {}),
    margins: page.margins,
    info: {
      Title: page.title,
      Author: providerName(data.provider, language),
      CreationDate: issued,
      ModDate: issued,
    },
  });
}

/** The provider's logo and name at the top of its documents; returns the y below. */
export function drawProviderHeader(
  doc: PDFKit.PDFDocument,
  provider: ProviderOnDocument,
  language: Language,
  top: number,
): number {
  return drawHeader(doc, { name: providerName(provider, language), logo: provider.logo }, top);
}
