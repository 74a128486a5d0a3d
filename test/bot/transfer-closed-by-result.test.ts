// A transfer request waits with the regional coordinator; meanwhile the training
// organization records the final test, which closes the request (items 12, 13.1).
// The coordinator's stale buttons then say what closed it — which test, its day and
// outcome — and name the organization's coordinator who recorded it, not an id.
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
import { photoJpeg } from "../support/images.js";

const REGIONAL = 9930;
const PROVIDER = 9931;
const EMPLOYEE = 9932;
let app: TestBot;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  const providerId = await createProvider(db, "ЖАБ");
  const cohort = await createCohort(db, {
    providerId,
    startsOn: "2026-12-01",
    endsOn: "2026-12-05",
  });
  await createCohort(db, { providerId, startsOn: "2026-12-14", endsOn: "2026-12-24" });
  await grantRole(db, REGIONAL, "regional_coordinator", {
    unitId: await unitId(db, KATO.abaiRegion),
  });
  await grantRole(db, PROVIDER, "provider_coordinator", { providerId });
  const employee = await createEmployee(db, {
    unitId: await unitId(db, KATO.abaiDistrict),
    telegramId: EMPLOYEE,
  });
  await enrol(db, employee, cohort);
  for (const [id, language] of [
    [REGIONAL, "ru"],
    [EMPLOYEE, "ru"],
  ] as const)
    await app.sim.user({ id, language_code: language }).send("/start");
  await providerCoordinator().send("/start");
  app.clock.set("2026-11-25T11:00:00+05:00");
});
afterAll(() => app.database.close());

/** The organization's coordinator, as Telegram names her. */
function providerCoordinator() {
  return app.sim.user({
    id: PROVIDER,
    first_name: "Айгүл",
    last_name: "Сапарова",
    username: "saparova_a",
    language_code: "ru",
  });
}

describe("a transfer request closed by a recorded result", () => {
  it("answers the coordinator's stale buttons with the result that closed it and who recorded it", async () => {
    const employee = app.sim.user({ id: EMPLOYEE, language_code: "ru" });
    await employee.press("🔁 Перевод в другой поток");
    await employee.press("🤒 Болезнь");
    await employee.press("Пропустить ›");
    await employee.sendPhoto({ bytes: await photoJpeg() });
    await employee.press("1. 14.12.2026–24.12.2026");
    await employee.press("📨 Отправить заявление");
    const request = await app.deps.db
      .selectFrom("transfer_requests")
      .select("id")
      .executeTakeFirstOrThrow();

    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.press("Открыть заявление");
    expect(regional.texts().join("\n")).toContain("Причина: 🤒 Болезнь");

    // The cohort ends; its organization records the final test: passed.
    app.clock.set("2026-12-07T10:00:00+05:00");
    const provider = providerCoordinator();
    await provider.send("/menu");
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.12.2026–05.12.2026");
    await provider.press("📝 Результаты тестирования");
    await provider.send("05.12.2026");
    await provider.press("💾 Сохранить");

    const closed = [
      `Заявление № ${request.id} закрыто 07.12.2026 10:00, потому что по этому обучению записан результат: итоговое тестирование 05.12.2026 — пройдено. Переводить больше нечего.`,
      "Результат внесён координатором организации НОЦ «Центр защиты прав детей»: Айгүл Сапарова (@saparova_a).",
    ].join("\n");
    await regional.press("✅ Перевести в выбранный поток");
    expect(regional.lastText()).toBe(closed);
    expect(regional.lastText()).not.toMatch(/User ?\d+/);
    expect(regional.inlineButtons()).toEqual(["‹ Назад"]);

    await regional.press("Открыть заявление");
    expect(regional.lastText()).toBe(closed);
  });
});
