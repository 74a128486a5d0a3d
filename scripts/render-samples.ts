// `npx tsx scripts/render-samples.ts`: writes sample documents to docs/ (PDF), so
// anyone can see what the bot produces; `pdftoppm` turns them into the PNGs there.
import { writeFileSync } from "node:fs";
import { renderAttendanceStatementPdf, renderCertificatePdf } from "../bot/documents/index.js";

const provider = {
  nameKk: "«Балалардың құқықтарын қорғау ұлттық орталығы» КЕАҚ",
  nameRu: "НАО «Национальный центр защиты прав детей»",
  headName: "Мұқанова Г. С.",
  logo: null,
};
const holder = { lastName: "Әбілқайыр", firstName: "Нұрсұлтан", patronymic: "Ғабитұлы" };
const certificate = {
  number: "ҰО-2026-000017",
  verificationCode: "K7QF-3MZX-P2AH",
  verifyUrl: "https://t.me/biliktilik_bot?start=v-K7QF3MZXP2AH",
  holder,
  academicHours: 72,
  issuedOn: "2026-04-29",
  provider,
  programTitle: {
    kk: "Балалардың құқықтарын қорғау: қазіргі тәсілдер",
    ru: "Защита прав детей: современные подходы",
  },
};
for (const language of ["kk", "ru"] as const) {
  writeFileSync(
    `docs/certificate-${language}.pdf`,
    await renderCertificatePdf(certificate, language),
  );
}
writeFileSync(
  "docs/attendance-statement-ru.pdf",
  await renderAttendanceStatementPdf(
    {
      number: "12",
      holder,
      programTitle: certificate.programTitle,
      startsOn: "2026-04-13",
      endsOn: "2026-04-24",
      academicHours: 72,
      issuedOn: "2026-04-29",
      provider,
    },
    "ru",
  ),
);
console.log("docs/certificate-kk.pdf, docs/certificate-ru.pdf, docs/attendance-statement-ru.pdf");
