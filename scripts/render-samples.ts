// `npx tsx scripts/render-samples.ts`: writes sample documents to docs/ (PDF), so
// anyone can see what the bot produces; `pdftoppm` turns them into the PNGs there.
import { writeFileSync } from "node:fs";
import {
  renderAttendanceStatementPdf,
  renderCertificatePdf,
  renderListPdf,
  renderRegisterPdf,
} from "../bot/documents/index.js";

const provider = {
  nameKk: "«Балалардың құқықтарын қорғау ұлттық орталығы» КЕАҚ",
  nameRu: "НАО «Национальный центр защиты прав детей»",
  headName: "Мұқанова Г. С.",
  logo: null,
};
const holder = {
  lastName: "Әбілқайыр",
  firstName: "Нұрсұлтан",
  patronymic: "Ғабитұлы",
  sex: "male" as const,
};
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
      holder: { lastName: "Ким", firstName: "Ольга", patronymic: "Викторовна", sex: "female" },
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
const names = [
  "Сәрсенбаев Құдайберген Әлібекұлы",
  "Ким Ольга Викторовна",
  "Нұрланова Гүлмира",
  "Оспанов Ғалым Серікұлы",
];
writeFileSync(
  "docs/register-kk.pdf",
  await renderRegisterPdf(
    {
      providerName: provider.nameKk,
      period: { from: "2026-01-01", to: "2026-12-31" },
      rows: Array.from({ length: 40 }, (_, i) => ({
        holderName: names[i % names.length] ?? "",
        iin: "880314345218",
        workplace: i % 2 ? "Абай ауданы" : "Семей қаласы",
        position: "балалардың құқықтарын қорғау жөніндегі бас маман",
        number: `ҰО-2026-${String(i + 1).padStart(6, "0")}`,
        issuedOn: "2026-04-29",
        status: i === 3 ? "replaced" : "valid",
        replacedByNumber: i === 3 ? "ҰО-2026-000041" : null,
      })),
    },
    "kk",
  ),
);
writeFileSync(
  "docs/list-regional-ru.pdf",
  await renderListPdf(
    {
      kind: "regional",
      year: 2027,
      unitName: "Область Абай",
      status: "approved",
      late: false,
      statusDate: "2026-11-28",
      showFullIin: false,
      groups: ["Город Семей", "Абайский район", null].map((name, g) => ({
        name,
        rows: Array.from({ length: 4 }, (_, i) => ({
          fullName: names[(g + i) % names.length] ?? "",
          iin: "880314345218",
          position: "главный специалист",
          reason: (["due", "overdue", "never_trained", "due"] as const)[i] ?? "due",
          dueOn: i === 2 ? null : "2027-03-15",
        })),
      })),
    },
    "ru",
  ),
);
console.log("docs/*.pdf written");
