// The attendance statement (item 13): free form, the same header as the
// certificate, saying the person attended the programme without passing the test.
import { formatDate, type IsoDate, type Language } from "../rules/index.js";
import {
  type CertificateDocument,
  drawProviderHeader,
  fullNameOf,
  providerDocument,
} from "./certificate-pdf.js";
import { FONT_BOLD, FONT_REGULAR, toBuffer } from "./fonts.js";
import { drawSignatureBlock } from "./layout.js";
import { academicHoursText, TEXTS } from "./texts.js";

export interface AttendanceStatementDocument {
  number: string;
  holder: CertificateDocument["holder"];
  programTitle: { kk: string; ru: string };
  startsOn: IsoDate;
  endsOn: IsoDate;
  academicHours: number;
  issuedOn: IsoDate;
  provider: CertificateDocument["provider"];
}

export function renderAttendanceStatementPdf(
  data: AttendanceStatementDocument,
  language: Language,
): Promise<Buffer> {
  const t = TEXTS[language];
  const doc = providerDocument(data, language, {
    title: t.statementTitle.join(" "),
    margins: { top: 60, bottom: 60, left: 70, right: 60 },
  });
  const width = doc.page.width - 130;
  const y = drawProviderHeader(doc, data.provider, language, 60);
  doc
    .font(FONT_REGULAR)
    .fontSize(11)
    .text(t.statementNumber(data.number, formatDate(data.issuedOn)), 70, y + 10);
  doc
    .font(FONT_BOLD)
    .fontSize(15)
    .text(t.statementTitle[0], 70, doc.y + 24, { width, align: "center" });
  doc.text(t.statementTitle[1], { width, align: "center" });

  const hours = academicHoursText(data.academicHours, language);
  const body = t.statementBody(
    fullNameOf(data.holder),
    data.programTitle[language],
    formatDate(data.startsOn),
    formatDate(data.endsOn),
    hours,
    data.holder.sex,
  );
  doc
    .font(FONT_REGULAR)
    .fontSize(12)
    .text(body, 70, doc.y + 24, { width, align: "justify", lineGap: 3, indent: 30 });
  drawSignatureBlock(doc, t, data.provider.headName, doc.y + 60);
  return toBuffer(doc);
}
