// The words printed on documents, in both languages; TypeScript keeps the two in step.
import type { Language, Sex } from "../rules/index.js";

interface DocumentTexts {
  certificateTitle: string;
  certificateBody: (name: string, hours: string, sex: Sex | null) => [string, string, string];
  issuedOn: (day: string, month: string, year: string) => string;
  head: string;
  signature: string;
  seal: string;
  verify: (url: string, code: string) => string;
  statementTitle: [string, string];
  statementBody: (
    name: string,
    program: string,
    from: string,
    to: string,
    hours: string,
    sex: Sex | null,
  ) => string;
  statementNumber: (number: string, date: string) => string;
  replaced: string;
  revoked: string;
}

/**
 * A Russian past-tense verb agrees with the person's sex, which the IIN gives; the
 * rare record without it gets the masculine form, as official forms print it.
 */
function ruPast(sex: Sex | null, male: string, female: string): string {
  return sex === "female" ? female : male;
}

/** Russian genitive after a numeral: 1, 21, 31… часа; otherwise часов. */
export function ruAcademicHours(hours: number): string {
  const lastTwo = hours % 100;
  const last = hours % 10;
  const singular = last === 1 && lastTwo !== 11;
  return `${hours} ${singular ? "академического часа" : "академических часов"}`;
}

/**
 * The hours as the certificate and the attendance statement print them: the Kazakh
 * sentence carries "академиялық сағат" itself, the Russian one takes the agreeing words.
 */
export function academicHoursText(hours: number, language: Language): string {
  return language === "kk" ? String(hours) : ruAcademicHours(hours);
}

/**
 * The Rules' exact title in the genitive, as a document cites them at the first mention
 * («…бекітілген … қағидалары мен мерзімдерінің (бұдан әрі – Қағидалар) 9-тармағына» /
 * «пунктом 9 Правил и сроков …, утверждённых …»). The order's own title, word for word.
 */
export const RULES_TITLE_GENITIVE: Record<Language, string> = {
  kk:
    "Қазақстан Республикасының балалардың құқықтарын қорғау жөніндегі өңірлік уәкілетті " +
    "органы қызметкерлерінің біліктілігін арттырудан өту қағидалары мен мерзімдерінің",
  ru:
    "Правил и сроков прохождения повышения квалификации работниками регионального " +
    "уполномоченного органа по защите прав детей Республики Казахстан",
};

/** The order that approved the Rules, as the subject of «бекітілген» / «утверждённых». */
export const RULES_ORDER: Record<Language, string> = {
  kk: "Қазақстан Республикасы Оқу-ағарту министрінің 2026 жылғы 29 сәуірдегі № 114-НҚ бұйрығымен",
  ru: "приказом Министра просвещения Республики Казахстан от 29 апреля 2026 года № 114-НҚ",
};

export const TEXTS: Record<Language, DocumentTexts> = {
  kk: {
    certificateTitle: "СЕРТИФИКАТ №",
    certificateBody: (name, hours) => [
      "Осы сертификатпен",
      name,
      `${hours} академиялық сағат көлемінде біліктілікті арттырудан өткендігі расталады.`,
    ],
    issuedOn: (day, month, year) => `Берілген күні «${day}» ${month} ${year} жыл`,
    head: "Ұйым басшысы",
    signature: "(қолы)",
    seal: "М.О.",
    verify: (url, code) => `Тексеру: ${url}\nнемесе ботта /verify ${code}`,
    statementTitle: ["Біліктілікті арттыру бағдарламасын тыңдағаны туралы", "АНЫҚТАМА"],
    statementBody: (name, program, from, to, hours) =>
      `Осы анықтама мынаны растайды: ${name} «${program}» біліктілікті арттыру бағдарламасын ${from} – ${to} аралығында ${hours} академиялық сағат көлемінде тыңдады, алайда қорытынды тестілеуден өтпеді.\n\nАнықтама ${RULES_ORDER.kk} бекітілген ${RULES_TITLE_GENITIVE.kk} (бұдан әрі – Қағидалар) 13-тармағына сәйкес берілді. Қызметкер жылына бір реттен артық емес қайта тестілеуге қатыса алады.`,
    statementNumber: (number, date) => `№ ${number}, ${date}`,
    replaced: "АЛМАСТЫРЫЛДЫ",
    revoked: "КҮШІ ЖОЙЫЛДЫ",
  },
  ru: {
    certificateTitle: "СЕРТИФИКАТ №",
    certificateBody: (name, hours, sex) => [
      "Настоящий сертификат подтверждает, что",
      name,
      `${ruPast(sex, "прошёл", "прошла")} повышение квалификации в объёме ${hours}.`,
    ],
    issuedOn: (day, month, year) => `Дата выдачи «${day}» ${month} ${year} г.`,
    head: "Руководитель организации",
    signature: "(подпись)",
    seal: "М.П.",
    verify: (url, code) => `Проверка: ${url}\nили /verify ${code} в боте`,
    statementTitle: ["СПРАВКА", "о прослушивании программы повышения квалификации"],
    statementBody: (name, program, from, to, hours, sex) =>
      `Настоящая справка подтверждает, что ${name} ${ruPast(sex, "прослушал", "прослушала")} программу повышения квалификации «${program}» с ${from} по ${to} в объёме ${hours}, но не ${ruPast(sex, "прошёл", "прошла")} итоговое тестирование.\n\nСправка выдана в соответствии с пунктом 13 ${RULES_TITLE_GENITIVE.ru} (далее – Правила), утверждённых ${RULES_ORDER.ru}. Работник вправе пройти повторное тестирование не более одного раза в год.`,
    statementNumber: (number, date) => `№ ${number} от ${date}`,
    replaced: "ЗАМЕНЁН",
    revoked: "АННУЛИРОВАН",
  },
};
