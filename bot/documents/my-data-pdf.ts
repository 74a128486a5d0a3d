// "My data" as a PDF: everything the bot holds about one employee, in their
// language, section by section (Law No. 94-V, art. 24). The person's own IIN is
// shown in full: the file goes only to them. Statuses and actions are nouns or
// impersonal forms («тестирование пройдено», «открыта карточка»), never «(а)» forms.
import type { ConsentDecision, ConsentSubject, IsoDate } from "../../db/types.js";
import type { Language } from "../rules/index.js";
import { formatDate, formatDateTime } from "../rules/index.js";
import { FONT_BOLD, FONT_REGULAR, newDocument, toBuffer } from "./fonts.js";
import { drawTable, numberPages } from "./table.js";

type Localized = { kk: string; ru: string };

/** Everything the file draws; services/my-data.ts gathers it for one employee. */
export interface MyData {
  record: {
    iin: string;
    lastName: string;
    firstName: string;
    patronymic: string | null;
    unit: Localized;
    position: string;
    phone: string | null;
    telegramId: number | null;
    active: boolean;
    previousCertificateOn: IsoDate | null;
    createdAt: Date;
  };
  certificates: Array<{
    number: string;
    issuedOn: IsoDate;
    provider: Localized;
    hours: number;
    status: string;
  }>;
  statements: Array<{ issuedOn: IsoDate; provider: Localized; program: Localized }>;
  lists: Array<{ year: number; kind: string; unit: Localized; reason: string; removed: boolean }>;
  enrolments: Array<{
    program: Localized;
    provider: Localized;
    startsOn: IsoDate;
    endsOn: IsoDate;
    order: string;
    orderDate: IsoDate;
    status: string;
    agreementAt: Date | null;
    tests: Array<{ on: IsoDate; kind: string; passed: boolean }>;
    transfers: Array<{ reason: string; status: string; at: Date }>;
  }>;
  consents: Array<{
    subject: ConsentSubject;
    version: number;
    decision: ConsentDecision;
    language: Language;
    decidedAt: Date;
  }>;
  corrections: Array<{ id: number; text: string; status: string; at: Date }>;
  views: Array<{
    at: Date;
    /** services/access-log.ts's action; the file names the ones it knows. */
    action: string;
    actorName: string;
    actorId: number;
  }>;
}

const TEXTS = {
  kk: {
    title: "Бот сіз туралы сақтайтын дербес деректер",
    made: (at: string) => `Жасалған уақыты: ${at}`,
    law: "«Дербес деректер және оларды қорғау туралы» 2013 жылғы 21 мамырдағы № 94-V ҚР Заңы",
    record: "Жазба",
    fields: {
      name: "Тегі, аты, әкесінің аты",
      iin: "ЖСН",
      unit: "Жұмыс орны",
      position: "Лауазымы",
      phone: "Телефон",
      telegram: "Telegram аккаунты (id)",
      active: "Тізімде",
      previous: "Соңғы сертификат күні",
      created: "Жазба енгізілген күні",
    },
    yes: "иә",
    no: "жоқ",
    none: "Жоқ.",
    certificates: "Сертификаттар",
    certificateColumns: ["№", "Берілген күні", "Ұйым", "Академиялық сағат", "Мәртебесі"],
    statements: "Тыңдағаны туралы анықтамалар",
    statementColumns: ["Берілген күні", "Ұйым", "Бағдарлама"],
    lists: "Тізімдер",
    listColumns: ["Жыл", "Тізім", "Орган", "Енгізу негізі"],
    listKind: { district: "аудан тізімі", regional: "жиынтық тізім" } as Record<string, string>,
    removed: " (тізімнен шығарылды)",
    reason: {
      due: "мерзімі келеді",
      overdue: "мерзімі өткен",
      never_trained: "өткені туралы мәлімет жоқ",
      retest: "қайта тестілеу",
      added_by_coordinator: "үйлестірушінің шешімі бойынша",
    } as Record<string, string>,
    enrolments: "Оқуға жіберу",
    enrolmentColumns: [
      "Бағдарлама, ұйым",
      "Мерзімі",
      "Бұйрық",
      "Мәртебесі, келісім",
      "Тестілеу, ауысу",
    ],
    consents: "Дербес деректерді өңдеуге келісім",
    consentColumns: ["Уақыты", "Хабарлама", "Редакциясы", "Жауабы"],
    subject: { employee: "қызметкер", coordinator: "үйлестіруші" } as Record<string, string>,
    decision: { agreed: "келісті", declined: "келіспеді" } as Record<string, string>,
    corrections: "Түзету туралы сұраулар",
    correctionColumns: ["№", "Уақыты", "Мәтіні", "Мәртебесі"],
    correctionStatus: { open: "орындалуда", done: "орындалды" } as Record<string, string>,
    views: "Деректеріңізді кім және қашан қарады",
    viewColumns: ["Уақыты", "Кім (Telegram id)", "Әрекет"],
    viewAction: {
      "employee.card": "карточканы ашты",
      "employee.iin": "ЖСН-ді көрсетті",
      "evidence.view": "ауысу туралы өтініштің растамасын ашты",
    } as Record<string, string>,
    status: {
      valid: "жарамды",
      replaced: "алмастырылды",
      revoked: "күші жойылды",
      enrolled: "оқуда",
      passed: "өтті",
      failed: "тестілеуден өтпеді",
      transferred: "басқа лекке ауыстырылды",
      withdrawn: "шығарылды",
    } as Record<string, string>,
    passed: "өтті",
    failed: "өтпеді",
    agreement: (at: string | null) => (at ? `келісім: ${at}` : "келісім расталмаған"),
    transfer: "ауысу туралы өтініш",
  },
  ru: {
    title: "Персональные данные, которые бот хранит о вас",
    made: (at: string) => `Сформировано: ${at}`,
    law: "Закон РК от 21 мая 2013 года № 94-V «О персональных данных и их защите»",
    record: "Запись",
    fields: {
      name: "Фамилия, имя, отчество",
      iin: "ИИН",
      unit: "Место работы",
      position: "Должность",
      phone: "Телефон",
      telegram: "Аккаунт Telegram (id)",
      active: "В списке",
      previous: "Дата последнего сертификата",
      created: "Запись внесена",
    },
    yes: "да",
    no: "нет",
    none: "Нет.",
    certificates: "Сертификаты",
    certificateColumns: ["№", "Дата выдачи", "Организация", "Академических часов", "Статус"],
    statements: "Справки о прослушивании программы",
    statementColumns: ["Дата выдачи", "Организация", "Программа"],
    lists: "Списки",
    listColumns: ["Год", "Список", "Орган", "Основание включения"],
    listKind: { district: "список района", regional: "сводный список" } as Record<string, string>,
    removed: " (исключение из списка)",
    reason: {
      due: "наступает срок",
      overdue: "срок истёк",
      never_trained: "нет сведений о прохождении",
      retest: "повторное тестирование",
      added_by_coordinator: "по решению координатора",
    } as Record<string, string>,
    enrolments: "Направления на обучение",
    enrolmentColumns: [
      "Программа, организация",
      "Сроки",
      "Приказ",
      "Статус, договор",
      "Тестирование, перевод",
    ],
    consents: "Согласие на обработку персональных данных",
    consentColumns: ["Время", "Уведомление", "Редакция", "Ответ"],
    subject: { employee: "работника", coordinator: "координатора" } as Record<string, string>,
    decision: { agreed: "согласие дано", declined: "отказ" } as Record<string, string>,
    corrections: "Запросы на исправление",
    correctionColumns: ["№", "Время", "Текст", "Статус"],
    correctionStatus: { open: "в работе", done: "выполнен" } as Record<string, string>,
    views: "Кто и когда просматривал ваши данные",
    viewColumns: ["Время", "Кто (Telegram id)", "Действие"],
    viewAction: {
      "employee.card": "открыта карточка",
      "employee.iin": "показан ИИН",
      "evidence.view": "открыто подтверждение к заявлению о переводе",
    } as Record<string, string>,
    status: {
      valid: "действителен",
      replaced: "заменён",
      revoked: "аннулирован",
      enrolled: "обучается",
      passed: "тестирование пройдено",
      failed: "тестирование не пройдено",
      transferred: "перевод в другой поток",
      withdrawn: "исключение из потока",
    } as Record<string, string>,
    passed: "пройдено",
    failed: "не пройдено",
    agreement: (at: string | null) => (at ? `договор: ${at}` : "договор не подтверждён"),
    transfer: "заявление о переводе",
  },
} as const;

type Texts = (typeof TEXTS)[Language];

function section(doc: PDFKit.PDFDocument, title: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.6).font(FONT_BOLD).fontSize(12).text(title).font(FONT_REGULAR).fontSize(10);
  doc.moveDown(0.3);
}

function table(doc: PDFKit.PDFDocument, t: Texts, titles: readonly string[], rows: string[][]) {
  if (rows.length === 0) {
    doc.text(t.none);
    return;
  }
  const columns = titles.map((title) => ({ title, width: 1 }));
  drawTable(
    doc,
    columns,
    rows.map((cells) => ({ cells })),
    doc.y,
  );
}

export async function renderMyDataPdf(
  data: MyData,
  language: Language,
  now: Date,
): Promise<Buffer> {
  const t = TEXTS[language];
  const doc = newDocument({ size: "A4", margin: 50, bufferPages: true });
  doc.font(FONT_BOLD).fontSize(15).text(t.title, { align: "center" });
  doc.font(FONT_REGULAR).fontSize(9).text(t.law, { align: "center" });
  doc.text(t.made(formatDateTime(now)), { align: "center" });

  const r = data.record;
  section(doc, t.record);
  const fields: Array<[string, string]> = [
    [t.fields.name, [r.lastName, r.firstName, r.patronymic].filter(Boolean).join(" ")],
    [t.fields.iin, r.iin],
    [t.fields.unit, r.unit[language]],
    [t.fields.position, r.position],
    [t.fields.phone, r.phone ? `+${r.phone}` : "—"],
    [t.fields.telegram, r.telegramId === null ? "—" : String(r.telegramId)],
    [t.fields.active, r.active ? t.yes : t.no],
    [t.fields.previous, r.previousCertificateOn ? formatDate(r.previousCertificateOn) : "—"],
    [t.fields.created, formatDateTime(r.createdAt)],
  ];
  for (const [label, value] of fields) doc.text(`${label}: ${value}`);

  // Every other section is a table, or "None." when there is nothing to show.
  const tables: Array<[title: string, columns: readonly string[], rows: string[][]]> = [
    [
      t.certificates,
      t.certificateColumns,
      data.certificates.map((c) => [
        c.number,
        formatDate(c.issuedOn),
        c.provider[language],
        String(c.hours),
        t.status[c.status] ?? c.status,
      ]),
    ],
    [
      t.statements,
      t.statementColumns,
      data.statements.map((s) => [
        formatDate(s.issuedOn),
        s.provider[language],
        s.program[language],
      ]),
    ],
    [
      t.lists,
      t.listColumns,
      data.lists.map((l) => [
        String(l.year),
        t.listKind[l.kind] ?? l.kind,
        l.unit[language],
        `${t.reason[l.reason] ?? l.reason}${l.removed ? t.removed : ""}`,
      ]),
    ],
    [
      t.enrolments,
      t.enrolmentColumns,
      data.enrolments.map((e) => [
        `${e.program[language]}\n${e.provider[language]}`,
        `${formatDate(e.startsOn)} – ${formatDate(e.endsOn)}`,
        `№ ${e.order}, ${formatDate(e.orderDate)}`,
        `${t.status[e.status] ?? e.status}\n${t.agreement(e.agreementAt ? formatDateTime(e.agreementAt) : null)}`,
        [
          ...e.tests.map((x) => `${formatDate(x.on)}: ${x.passed ? t.passed : t.failed}`),
          ...e.transfers.map((x) => `${t.transfer} ${formatDateTime(x.at)}`),
        ].join("\n") || "—",
      ]),
    ],
    [
      t.consents,
      t.consentColumns,
      data.consents.map((c) => [
        formatDateTime(c.decidedAt),
        t.subject[c.subject] ?? c.subject,
        `№ ${c.version}`,
        t.decision[c.decision] ?? c.decision,
      ]),
    ],
    [
      t.corrections,
      t.correctionColumns,
      data.corrections.map((c) => [
        String(c.id),
        formatDateTime(c.at),
        c.text,
        t.correctionStatus[c.status] ?? c.status,
      ]),
    ],
    [
      t.views,
      t.viewColumns,
      data.views.map((v) => [
        formatDateTime(v.at),
        `${v.actorName} (${v.actorId})`,
        t.viewAction[v.action] ?? v.action,
      ]),
    ],
  ];
  for (const [title, columns, rows] of tables) {
    section(doc, title);
    table(doc, t, columns, rows);
  }
  numberPages(doc);
  return toBuffer(doc);
}
