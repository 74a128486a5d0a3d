// "My data" as a PDF, read back from the file the bot sends: every section heading
// starts at the left margin on a line of its own, also after a table (whose last
// column once pulled the next heading to the right, splitting its words).
import { getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEmployee,
  createProvider,
  issueCertificate,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const EMPLOYEES = { ru: 9940, kk: 9941 };
const MARGIN = 50;
const HEADINGS = {
  ru: [
    "Запись",
    "Сертификаты",
    "Справки о прослушивании программы",
    "Списки",
    "Направления на обучение",
    "Согласие на обработку персональных данных",
    "Запросы на исправление",
    "Кто и когда просматривал ваши данные",
  ],
  kk: [
    "Жазба",
    "Сертификаттар",
    "Тыңдағаны туралы анықтамалар",
    "Тізімдер",
    "Оқуға жіберу",
    "Дербес деректерді өңдеуге келісім",
    "Түзету туралы сұраулар",
    "Деректеріңізді кім және қашан қарады",
  ],
};
let app: TestBot;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  const providerId = await createProvider(db, "ДЕР");
  const district = await unitId(db, KATO.abaiDistrict);
  for (const [language, telegramId] of Object.entries(EMPLOYEES)) {
    const employeeId = await createEmployee(db, { unitId: district, telegramId });
    // A certificate, so the first table has rows and its last column text.
    await issueCertificate(db, {
      employeeId,
      providerId,
      issuedOn: "2025-03-14",
      number: `ДЕР-2025-00${telegramId}`,
    });
    await app.sim.user({ id: telegramId, language_code: language }).send("/start");
  }
});
afterAll(() => app.database.close());

/** Each line of text in the PDF with where it starts: page, x, y. */
async function textLines(bytes: Buffer) {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const lines: Array<{ page: number; x: number; y: number; text: string }> = [];
  for (let page = 1; page <= pdf.numPages; page++) {
    const content = await (await pdf.getPage(page)).getTextContent();
    for (const item of content.items) {
      if (!("str" in item) || !item.str.trim()) continue;
      lines.push({ page, x: item.transform[4], y: item.transform[5], text: item.str.trim() });
    }
  }
  return lines;
}

describe("the «My data» PDF", () => {
  for (const language of ["ru", "kk"] as const) {
    it(`starts every section heading at the left margin, whole (${language})`, async () => {
      const user = app.sim.user({ id: EMPLOYEES[language], language_code: language });
      await user.send("/menu");
      await user.press(language === "ru" ? "🔒 Мои данные" : "🔒 Менің деректерім");
      await user.press(/^📄/);
      const file = user.lastMessage.document;
      expect(file?.file_name).toMatch(/\.pdf$/);
      const lines = await textLines(file?.bytes ?? Buffer.alloc(0));
      for (const heading of HEADINGS[language]) {
        const found = lines.filter((l) => l.text === heading);
        expect(found, `«${heading}» as a line of its own`).toHaveLength(1);
        expect(found[0]?.x, `«${heading}» at the margin`).toBeCloseTo(MARGIN, 0);
      }
    });
  }
});
