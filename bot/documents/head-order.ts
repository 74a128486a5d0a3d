// The head's order sending employees to training (item 9), as words on a page, in
// the usual form of a Kazakh administrative order: the body's name, БҰЙРЫҚ / ПРИКАЗ,
// the number and date (blanks in a draft), the title, the basis, БҰЙЫРАМЫН: /
// ПРИКАЗЫВАЮ:, numbered points with the table of employees, the head's signature.
// The DOCX and the PDF are both drawn from this one layout, so they say the same.
// An order on a transfer (item 13.2) changes its title, basis and first point
// (head-order-transfer.ts).
import type { Language } from "../../db/types.js";
import { formatDate, formatDateLong } from "../rules/index.js";
import type { HeadOrderContent, OrderLayout, SignedOrder } from "./head-order-content.js";
import { withTransfer } from "./head-order-transfer.js";
import { RULES_ORDER, RULES_TITLE_GENITIVE, ruAcademicHours } from "./texts.js";

const KK_BASES: Record<string, string> = {
  emergency_state: "төтенше жағдай",
  restrictive_measures: "шектеу іс-шаралары",
  quarantine: "карантин",
  emergency_declared: "төтенше жағдайлар жариялануы",
};
const RU_BASES: Record<string, string> = {
  emergency_state: "чрезвычайное положение",
  restrictive_measures: "ограничительные мероприятия",
  quarantine: "карантин",
  emergency_declared: "объявление чрезвычайных ситуаций",
};

function basisText(content: HeadOrderContent, lang: Language): string {
  const bases = lang === "kk" ? KK_BASES : RU_BASES;
  const basis = bases[content.remoteBasis ?? ""] ?? content.remoteBasis ?? "";
  return content.remoteBasisNote ? `${basis}, ${content.remoteBasisNote}` : basis;
}

/** The number and date of a signed order, or a draft's mark and the blanks it leaves for them. */
function numberAndDate(
  signed: SignedOrder | null,
  lang: Language,
  draft: { mark: string; dateBlank: string },
): Pick<OrderLayout, "draftMark" | "dateLine" | "numberLine"> {
  return {
    draftMark: signed ? null : draft.mark,
    dateLine: signed ? formatDateLong(signed.date, lang) : draft.dateBlank,
    numberLine: `№ ${signed ? signed.number : "__________"}`,
  };
}

/** The employees sent, numbered, each with their workplace in the order's language. */
function employeeTable(
  content: HeadOrderContent,
  lang: Language,
  header: OrderLayout["table"]["header"],
): OrderLayout["table"] {
  return {
    header,
    rows: content.employees.map((e, i) => [
      String(i + 1),
      e.fullName,
      e.position,
      e.workplace[lang],
    ]),
  };
}

function kazakh(content: HeadOrderContent, signed: SignedOrder | null): OrderLayout {
  const form =
    content.form === "remote"
      ? `қашықтан оқыту нысаны, Қағидалардың 4-тармағының 2) тармақшасы негізінде (${basisText(content, "kk")})`
      : "күндізгі (Қағидалардың 4-тармағының 1) тармақшасы)";
  return {
    heading: [
      content.region.kk.toLocaleUpperCase("kk"),
      "БАЛАЛАРДЫҢ ҚҰҚЫҚТАРЫН ҚОРҒАУ ЖӨНІНДЕГІ",
      "ӨҢІРЛІК УӘКІЛЕТТІ ОРГАНЫ",
    ],
    kind: "БҰЙРЫҚ",
    ...numberAndDate(signed, "kk", { mark: "ЖОБА", dateBlank: "20___ жылғы «___» ______________" }),
    title: "Біліктілікті арттыруға жіберу туралы",
    basis:
      `${RULES_ORDER.kk} бекітілген ${RULES_TITLE_GENITIVE.kk} ` +
      `(бұдан әрі – Қағидалар) 9-тармағына және ${content.listYear} жылға арналған ` +
      "біліктілігін арттыруға жататын қызметкерлердің жиынтық тізіміне сәйкес",
    command: "БҰЙЫРАМЫН:",
    sendPoint: {
      text: "1. Төмендегі тізімде көрсетілген қызметкерлер біліктілікті арттыруға жіберілсін:",
      items: [
        `1) ұйым: ${content.provider.kk};`,
        `2) біліктілікті арттыру бағдарламасы: «${content.program.kk}»;`,
        `3) оқыту нысаны: ${form};`,
        `4) оқу мерзімі: ${formatDate(content.startsOn)} – ${formatDate(content.endsOn)};`,
        `5) көлемі: ${content.academicHours} академиялық сағат (академиялық сағат – 45 минут).`,
      ],
    },
    table: employeeTable(content, "kk", [
      "№",
      "Тегі, аты, әкесінің аты (ол болған жағдайда)",
      "Лауазымы",
      "Жұмыс орны",
    ]),
    points: [
      "2. 1-тармақта көрсетілген қызметкерлер ұйыммен келісім жасассын (Қағидалардың " +
        "11-тармағы), сабақ кестесін, оқу тәртібі мен мінез-құлық нормаларын сақтасын және " +
        "қорытынды тестілеуден өтсін.",
      content.form === "remote"
        ? "3. Қызметкерлер жұмыс істейтін өңірлік уәкілетті органдардың басшылары олардың " +
          "қашықтан оқуға жұмыс уақытында қатысуын қамтамасыз етсін."
        : "3. Қызметкерлер жұмыс істейтін өңірлік уәкілетті органдардың басшылары оларды оқу " +
          "кезеңінде жалақысы сақтала отырып жұмыстан босатуды қамтамасыз етсін " +
          "(Қағидалардың 4-тармағының 1) тармақшасы).",
      "4. Осы бұйрықтың орындалуын бақылау ______________________ (лауазымы, Т.А.Ә.) жүктелсін.",
      "5. Осы бұйрық қол қойылған күнінен бастап қолданысқа енгізіледі.",
    ],
    signature: { head: "Басшы", sign: "(қолы)", name: "(Т.А.Ә.)" },
  };
}

function russian(content: HeadOrderContent, signed: SignedOrder | null): OrderLayout {
  const form =
    content.form === "remote"
      ? `дистанционная, на основании подпункта 2) пункта 4 Правил (${basisText(content, "ru")})`
      : "очная (подпункт 1) пункта 4 Правил)";
  return {
    // The region on top, as in the Kazakh heading: a KATO name stays in the nominative
    // on a line of its own («ОБЛАСТЬ АБАЙ»), never declined into the body's name.
    heading: [
      content.region.ru.toLocaleUpperCase("ru"),
      "РЕГИОНАЛЬНЫЙ УПОЛНОМОЧЕННЫЙ ОРГАН",
      "ПО ЗАЩИТЕ ПРАВ ДЕТЕЙ",
    ],
    kind: "ПРИКАЗ",
    ...numberAndDate(signed, "ru", { mark: "ПРОЕКТ", dateBlank: "«___» ______________ 20___ г." }),
    title: "О направлении на повышение квалификации",
    basis:
      `В соответствии с пунктом 9 ${RULES_TITLE_GENITIVE.ru}, утверждённых ${RULES_ORDER.ru} ` +
      "(далее – Правила), и сводным списком работников, подлежащих повышению квалификации, " +
      `на ${content.listYear} год`,
    command: "ПРИКАЗЫВАЮ:",
    sendPoint: {
      text: "1. Направить на повышение квалификации работников согласно списку ниже:",
      items: [
        `1) организация: ${content.provider.ru};`,
        `2) программа повышения квалификации: «${content.program.ru}»;`,
        `3) форма обучения: ${form};`,
        `4) сроки обучения: с ${formatDate(content.startsOn)} по ${formatDate(content.endsOn)};`,
        `5) объём: ${ruAcademicHours(content.academicHours)} (академический час – 45 минут).`,
      ],
    },
    table: employeeTable(content, "ru", [
      "№",
      "Фамилия, имя, отчество (при его наличии)",
      "Должность",
      "Место работы",
    ]),
    points: [
      "2. Работникам, указанным в пункте 1, заключить договор с организацией (пункт 11 " +
        "Правил), соблюдать расписание занятий, учебную дисциплину и нормы поведения, пройти " +
        "итоговое тестирование.",
      content.form === "remote"
        ? "3. Руководителям региональных уполномоченных органов по месту работы указанных " +
          "работников обеспечить их участие в дистанционном обучении в рабочее время."
        : "3. Руководителям региональных уполномоченных органов по месту работы указанных " +
          "работников обеспечить их освобождение от работы на период обучения с сохранением " +
          "заработной платы (подпункт 1) пункта 4 Правил).",
      "4. Контроль за исполнением настоящего приказа возложить на ______________________ " +
        "(должность, Ф.И.О.).",
      "5. Настоящий приказ вступает в силу со дня его подписания.",
    ],
    signature: { head: "Руководитель", sign: "(подпись)", name: "(Ф.И.О.)" },
  };
}

/** The order's words in one language; `signed` fills the number and date blanks. */
export function orderLayout(
  content: HeadOrderContent,
  lang: Language,
  signed: SignedOrder | null,
): OrderLayout {
  const layout = lang === "kk" ? kazakh(content, signed) : russian(content, signed);
  return withTransfer(layout, content, lang);
}

/** A file name a person recognises: "buyryq-zhoba-2027-02-01.docx" / "prikaz-…". */
export function orderFileName(
  content: HeadOrderContent,
  lang: Language,
  signed: SignedOrder | null,
  ext: "docx" | "pdf",
): string {
  const base = lang === "kk" ? "бұйрық" : "приказ";
  const tag = signed
    ? signed.number.replace(/[^\p{L}\p{N}-]+/gu, "-")
    : lang === "kk"
      ? "жоба"
      : "проект";
  return `${base}-${tag}-${content.startsOn}.${ext}`;
}
