// After the final test is passed, the employee's due-date screen says which training
// they completed and when its test was passed — not that they were never sent anywhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCohort,
  createEmployee,
  createProvider,
  enrol,
  grantRole,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const PROVIDER = 9920;
const EMPLOYEES = { ru: 9921, kk: 9922 };
let app: TestBot;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  const providerId = await createProvider(db, "ТӘЖ");
  const district = await unitId(db, KATO.abaiDistrict);
  await grantRole(db, PROVIDER, "provider_coordinator", { providerId });
  const cohortId = await createCohort(db, {
    providerId,
    startsOn: "2027-02-01",
    endsOn: "2027-02-12",
  });
  for (const [i, telegramId] of Object.values(EMPLOYEES).entries()) {
    const employee = await createEmployee(db, {
      unitId: district,
      telegramId,
      lastName: ["Асанова", "Бекболатов"][i],
    });
    await enrol(db, employee, cohortId);
  }
  await app.sim.user({ id: PROVIDER, language_code: "ru" }).send("/start");
  for (const [language, id] of Object.entries(EMPLOYEES))
    await app.sim.user({ id, language_code: language }).send("/start");
  app.clock.set("2027-02-15T10:00:00+05:00");
});
afterAll(() => app.database.close());

describe("the due-date screen after the final test is passed", () => {
  it("names the training completed and the day its test was passed, in Russian and Kazakh", async () => {
    const provider = app.sim.user({ id: PROVIDER, language_code: "ru" });
    await provider.send("/menu");
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–12.02.2027");
    await provider.press("📝 Результаты тестирования");
    await provider.send("12.02.2027");
    await provider.press("💾 Сохранить");
    expect(provider.lastText()).toContain("Выдано сертификатов: 2");

    const ru = app.sim.user({ id: EMPLOYEES.ru, language_code: "ru" });
    await ru.send("/menu");
    await ru.press("📅 Срок повышения квалификации");
    const text = ru.lastText();
    expect(text).toContain(
      "🎓 Вы прошли повышение квалификации: «Защита прав детей: современные подходы», НОЦ «Центр защиты прав детей», 01.02.2027 – 12.02.2027. ✅ Итоговое тестирование сдано 12.02.2027.",
    );
    expect(text).not.toContain("не направлены");
    expect(text).toContain("до 12.02.2029");

    const kk = app.sim.user({ id: EMPLOYEES.kk, language_code: "kk" });
    await kk.send("/menu");
    await kk.press("📅 Біліктілікті арттыру мерзімі");
    expect(kk.lastText()).toContain(
      "🎓 Біліктілікті арттырудан өттіңіз: «Балалардың құқықтарын қорғау: қазіргі тәсілдер», «Балалардың құқықтарын қорғау орталығы» ҰБО, 01.02.2027 – 12.02.2027. ✅ Қорытынды тестілеу 12.02.2027 тапсырылды.",
    );
    expect(kk.lastText()).not.toContain("жіберілмегенсіз");
  });
});
