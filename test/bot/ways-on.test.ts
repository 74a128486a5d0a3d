// Every reply ends with a way on (docs/ARCHITECTURE.md, "Where to add… a screen"):
// the enrolment that has nothing to offer, a stale "results" button, a new employee
// added. Each story presses the button the reply leaves and lands where it should.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveConsolidated } from "../../bot/services/consolidated-list.js";
import { openList } from "../../bot/services/lists.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  enrol,
  grantRole,
  KATO,
  unitId,
  validIin,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const REGIONAL = 9810;
const PROVIDER = 9811;
const DISTRICT = 9812;
let app: TestBot;
let providerId: number;
let region: number;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  providerId = await createProvider(db, "ЖОЛ");
  region = await unitId(db, KATO.abaiRegion);
  await grantRole(db, REGIONAL, "regional_coordinator", { unitId: region });
  await grantRole(db, PROVIDER, "provider_coordinator", { providerId });
  await grantRole(db, DISTRICT, "district_coordinator", {
    unitId: await unitId(db, KATO.abaiDistrict),
  });
  for (const id of [REGIONAL, PROVIDER, DISTRICT])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
  app.clock.set("2027-01-10T10:00:00+05:00");
});
afterAll(() => app.database.close());

async function as(id: number) {
  const user = app.sim.user({ id, language_code: "ru" });
  await user.send("/menu");
  return user;
}

describe("sending people to training, when there is nobody or nothing to send them to", () => {
  it("says why and leaves «‹ Назад» to the menu: no cohort, list not approved, nobody left", async () => {
    const regional = await as(REGIONAL);
    await regional.press("📝 Направить на обучение");
    expect(regional.lastText()).toBe(
      "Нет потоков, которые ещё не начались и в которых есть свободные места: по приказу в поток направляют только до начала обучения (пункты 9, 12 Правил).",
    );
    expect(regional.inlineButtons()).toEqual(["‹ Назад"]);
    await regional.press("‹ Назад");
    expect(regional.lastText()).toContain("Выберите раздел");

    const cohortId = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2027-02-01",
      endsOn: "2027-02-12",
    });
    await regional.press("📝 Направить на обучение");
    await regional.press("1. 01.02.2027");
    expect(regional.lastText()).toContain("Сводный список на 2027 год ещё не утверждён");
    expect(regional.inlineButtons()).toEqual(["‹ Назад"]);
    await regional.press("‹ Назад");
    expect(regional.lastText()).toContain("Выберите раздел");

    // The one person of the approved list is already in the cohort.
    const employee = await createEmployee(app.deps.db, { unitId: region });
    const approvedAt = new Date("2026-11-28T10:00:00+05:00");
    const list = await openList(app.deps.db, region, 2027, "regional", REGIONAL, approvedAt);
    await approveConsolidated(app.deps.db, list.id, 2027, REGIONAL, approvedAt);
    await enrol(app.deps.db, employee, cohortId);
    await regional.press("📝 Направить на обучение");
    await regional.press("1. 01.02.2027");
    expect(regional.lastText()).toBe(
      "В утверждённом списке не осталось работников, не направленных на обучение.",
    );
    expect(regional.inlineButtons()).toEqual(["‹ Назад"]);
    await regional.press("‹ Назад");
    expect(regional.lastText()).toContain("Выберите раздел");
  });
});

describe("a stale «📝 Результаты тестирования» button", () => {
  it("says nobody waits for a result and leads back to the cohort", async () => {
    const cohortId = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2026-12-01",
      endsOn: "2026-12-12",
    });
    const employee = await createEmployee(app.deps.db, { unitId: region, lastName: "Жолдасова" });
    const enrolment = await enrol(app.deps.db, employee, cohortId);
    const provider = await as(PROVIDER);
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.12.2026–12.12.2026");
    // Meanwhile the result is recorded elsewhere (a second device, another coordinator).
    await app.deps.db
      .updateTable("enrolments")
      .set({ status: "failed" })
      .where("id", "=", enrolment)
      .execute();
    await provider.press("📝 Результаты тестирования");
    expect(provider.lastText()).toBe(
      "В этом потоке нет участников, ожидающих результата итогового тестирования.",
    );
    expect(provider.inlineButtons()).toEqual(["‹ К потоку", "‹ Назад"]);
    await provider.press("‹ К потоку");
    expect(provider.lastText()).toContain("01.12.2026");
  });
});

describe("a district coordinator adds an employee", () => {
  it("«✅ Работник добавлен» offers the new card, another one to add, and the way back", async () => {
    const district = await as(DISTRICT);
    await district.press("👥 Работники");
    await district.press("➕ Добавить");
    await district.send(validIin("1988-03-02", "male"));
    await district.send("Нұрланов");
    await district.send("Ерлан");
    await district.press("Пропустить ›");
    await district.send("главный специалист");
    await district.press("Пропустить ›");
    await district.press("Пропустить ›");
    expect(district.lastText()).toBe(
      "✅ Работник добавлен: Нұрланов Ерлан. Дата последнего сертификата: —.",
    );
    expect(district.inlineButtons()).toEqual(["👤 Карточка работника", "➕ Добавить", "‹ Назад"]);
    await district.press("👤 Карточка работника");
    expect(district.lastText()).toContain("Нұрланов Ерлан");
    expect(district.lastText()).toContain("Должность: главный специалист");

    await district.press("Должность");
    await district.send("ведущий специалист");
    expect(district.lastText()).toBe("✅ Сохранено.");
    await district.press("‹ Назад");
    expect(district.lastText()).toContain("Должность: ведущий специалист");
  });
});
