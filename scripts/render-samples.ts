// `npx tsx scripts/render-samples.ts`: writes sample documents to docs/ (PDF), so
// anyone can see what the bot produces; `pdftoppm` turns them into the PNGs there.
import { writeFileSync } from "node:fs";
import { complianceChartPng } from "../bot/charts/compliance-chart.js";
import { nationalSeasonChartPng, regionSeasonChartPng } from "../bot/charts/season-chart.js";
import { headOrderDocx } from "../bot/documents/head-order-docx.js";
import { headOrderPdf } from "../bot/documents/head-order-pdf.js";
import {
  renderAttendanceStatementPdf,
  renderCertificatePdf,
  renderListPdf,
  renderMyDataPdf,
  renderRegisterPdf,
} from "../bot/documents/index.js";
import {
  districtRows,
  nationalSeasonSample,
  regionRows,
  regionSeasonSample,
  regions,
} from "./chart-sample-data.js";

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
// The personal-data PDF (Law No. 94-V, art. 24) of an employee with something in every
// section: a replaced certificate, a failed test and its retest, a transfer, a view of
// her card. Page 1 as PNG: `pdftoppm -png -r 60 -f 1 -l 1 docs/my-data-ru.pdf …`.
const at = (iso: string) => new Date(iso);
const myData = {
  record: {
    iin: "880314450012",
    lastName: "Ким",
    firstName: "Ольга",
    patronymic: "Викторовна",
    unit: { kk: "Семей қаласы", ru: "Город Семей" },
    position: "главный специалист",
    phone: "77017778899",
    telegramId: 5551234,
    active: true,
    previousCertificateOn: "2024-03-15",
    createdAt: at("2026-09-01T04:00:00Z"),
  },
  certificates: [
    {
      number: "ҰО-2026-000017",
      issuedOn: "2026-04-29",
      provider: { kk: provider.nameKk, ru: provider.nameRu },
      hours: 72,
      status: "replaced",
    },
    {
      number: "ҰО-2026-000041",
      issuedOn: "2026-05-06",
      provider: { kk: provider.nameKk, ru: provider.nameRu },
      hours: 72,
      status: "valid",
    },
  ],
  statements: [
    {
      issuedOn: "2026-04-29",
      provider: { kk: provider.nameKk, ru: provider.nameRu },
      program: certificate.programTitle,
    },
  ],
  lists: [
    {
      year: 2026,
      kind: "district",
      unit: { kk: "Семей қаласы", ru: "Город Семей" },
      reason: "never_trained",
      removed: false,
    },
    {
      year: 2026,
      kind: "regional",
      unit: { kk: "Абай облысы", ru: "Область Абай" },
      reason: "added_by_coordinator",
      removed: true,
    },
  ],
  enrolments: [
    {
      program: certificate.programTitle,
      provider: { kk: provider.nameKk, ru: provider.nameRu },
      startsOn: "2026-04-13",
      endsOn: "2026-04-24",
      order: "12-ө",
      orderDate: "2026-04-01",
      status: "passed",
      agreementAt: at("2026-04-06T05:30:00Z"),
      tests: [
        { on: "2026-04-24", kind: "final", passed: false },
        { on: "2026-05-05", kind: "retest", passed: true },
      ],
      transfers: [],
    },
    {
      program: certificate.programTitle,
      provider: { kk: provider.nameKk, ru: provider.nameRu },
      startsOn: "2026-03-02",
      endsOn: "2026-03-13",
      order: "7-ө",
      orderDate: "2026-02-16",
      status: "transferred",
      agreementAt: null,
      tests: [],
      transfers: [{ reason: "illness", status: "approved", at: at("2026-02-27T06:00:00Z") }],
    },
  ],
  consents: [
    {
      subject: "employee" as const,
      version: 1,
      decision: "agreed" as const,
      language: "ru" as const,
      decidedAt: at("2026-09-01T05:12:00Z"),
    },
  ],
  corrections: [
    {
      id: 3,
      text: "Отчество: Викторовна, а не Викторович",
      status: "done",
      at: at("2026-09-02T08:00:00Z"),
    },
  ],
  views: [
    {
      at: at("2026-09-03T04:20:00Z"),
      action: "employee.card" as const,
      actorName: "Асанова Г.",
      actorId: 1003,
    },
    {
      at: at("2026-09-03T04:21:00Z"),
      action: "employee.iin" as const,
      actorName: "Асанова Г.",
      actorId: 1003,
    },
    {
      at: at("2026-02-27T09:00:00Z"),
      action: "evidence.view" as const,
      actorName: "Мусин Е.",
      actorId: 1002,
    },
  ],
};
for (const language of ["kk", "ru"] as const) {
  writeFileSync(
    `docs/my-data-${language}.pdf`,
    await renderMyDataPdf(myData, language, at("2026-12-07T05:00:00Z")),
  );
}
console.log("docs/*.pdf written");

// The head's order (item 9), a draft in both languages; the PNGs beside them come
// from `pdftoppm -png -r 80 -f 1 -l 1 docs/order-draft-kk.pdf docs/order-draft-kk`.
const orderContent = {
  region: { kk: "Абай облысы", ru: "Область Абай" },
  provider: { kk: provider.nameKk, ru: provider.nameRu },
  program: certificate.programTitle,
  form: "full_time" as const,
  remoteBasis: null,
  remoteBasisNote: null,
  startsOn: "2027-02-01",
  endsOn: "2027-02-12",
  academicHours: 72,
  listYear: 2027,
  employees: names.map((fullName, i) => ({
    fullName,
    position: i % 2 ? "главный специалист" : "бас маман",
    workplace:
      i % 2
        ? { kk: "Семей қаласы", ru: "Город Семей" }
        : { kk: "Абай ауданы", ru: "Абайский район" },
  })),
};
for (const language of ["kk", "ru"] as const) {
  writeFileSync(
    `docs/order-draft-${language}.pdf`,
    await headOrderPdf(orderContent, language, null),
  );
  writeFileSync(
    `docs/order-draft-${language}.docx`,
    await headOrderDocx(orderContent, language, null),
  );
}
console.log("docs/order-draft-*.pdf and .docx written");

// Compliance charts (PNG as the bot sends them) from the made-up figures of
// scripts/chart-sample-data.ts: a region's districts, the country's regions, the list season.
const abai = regions[0]?.kato ?? "100000000";
writeFileSync(
  "docs/chart-region-kk.png",
  complianceChartPng({
    rows: districtRows(abai),
    title: "Біліктілікті арттыру: Абай облысы",
    today: "2026-11-26",
    language: "kk",
  }),
);
writeFileSync(
  "docs/chart-national-ru.png",
  complianceChartPng({
    rows: regionRows(),
    title: "Повышение квалификации по регионам",
    today: "2026-11-26",
    language: "ru",
  }),
);
writeFileSync(
  "docs/chart-season-region-ru.png",
  regionSeasonChartPng({
    season: regionSeasonSample(abai),
    unitName: "Область Абай",
    language: "ru",
  }),
);
writeFileSync(
  "docs/chart-season-national-kk.png",
  nationalSeasonChartPng({
    year: 2027,
    today: "2026-11-26",
    regions: nationalSeasonSample(),
    language: "kk",
  }),
);
console.log("docs/chart-*.png written");
// The same region chart as a 360 px wide phone screen shows it (one pixel per layout
// pixel): the check that the labels stay readable there.
writeFileSync(
  "docs/chart-region-kk-360px.png",
  complianceChartPng({
    rows: districtRows(abai),
    title: "Біліктілікті арттыру: Абай облысы",
    today: "2026-11-26",
    language: "kk",
    scale: 1,
  }),
);
