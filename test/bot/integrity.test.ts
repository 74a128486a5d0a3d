// The regulation's states cannot be pushed where the rules forbid, whatever the order
// of presses: a stale button, two coordinators at the same moment, a typed date. Each
// case is told as the people lived it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../bot/routes/index.js";
import { approveConsolidated } from "../../bot/services/consolidated-list.js";
import { acceptList, submitList } from "../../bot/services/district-lists.js";
import { enrolByOrder } from "../../bot/services/enrolment.js";
import { openList } from "../../bot/services/lists.js";
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

const PROVIDER = 31_000;
const REGIONAL = 31_100;
const SECOND_REGIONAL = 31_101;
const DISTRICT = 31_200;
let nextId = 31_500;
let app: TestBot;
let region: number;
let district: number;
let providerId: number;

beforeAll(async () => {
  app = await startTestBot();
  app.clock.set("2026-11-25T10:00:00+05:00");
  const db = app.deps.db;
  region = await unitId(db, KATO.abaiRegion);
  district = await unitId(db, KATO.abaiDistrict);
  providerId = await createProvider(db);
  await grantRole(db, PROVIDER, "provider_coordinator", { providerId });
  await grantRole(db, REGIONAL, "regional_coordinator", { unitId: region });
  await grantRole(db, SECOND_REGIONAL, "regional_coordinator", { unitId: region });
  await grantRole(db, DISTRICT, "district_coordinator", { unitId: district });
  for (const id of [PROVIDER, REGIONAL, SECOND_REGIONAL, DISTRICT])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
});
afterAll(() => app.database.close());

async function as(id: number) {
  const user = app.sim.user({ id, language_code: "ru" });
  await user.send("/menu");
  return user;
}

async function employeeIn(cohortId: number, status: "enrolled" | "failed" = "enrolled") {
  const telegramId = nextId++;
  const employeeId = await createEmployee(app.deps.db, {
    unitId: district,
    telegramId,
    lastName: `Тестов${telegramId}`,
    firstName: "Иван",
    patronymic: null,
  });
  const enrolmentId = await enrol(app.deps.db, employeeId, cohortId, status);
  const user = app.sim.user({ id: telegramId, language_code: "ru" });
  await user.send("/start");
  return { user, employeeId, enrolmentId };
}

function enrolmentsOf(employeeId: number) {
  return app.deps.db
    .selectFrom("enrolments")
    .select(["cohort_id", "status"])
    .where("employee_id", "=", employeeId)
    .orderBy("id")
    .execute();
}

async function requestTransfer(user: ReturnType<typeof app.sim.user>, target: RegExp) {
  await user.send("/menu");
  await user.press("🔁 Перевод в другой поток");
  await user.press("🤒 Болезнь");
  await user.press("Пропустить ›");
  await user.press("Пропустить ›");
  await user.press(target);
  await user.press("📨 Отправить заявление");
}

describe("a transfer request", () => {
  it("approved after the employee passed changes nothing: the result closed it", async () => {
    app.clock.set("2026-12-06T10:00:00+05:00");
    const from = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2026-12-01",
      endsOn: "2026-12-05",
    });
    await createCohort(app.deps.db, { providerId, startsOn: "2026-12-14", endsOn: "2026-12-24" });
    const { user, employeeId } = await employeeIn(from);
    await requestTransfer(user, /^1\. 14\.12\.2026/);
    const regional = await as(REGIONAL);
    await regional.press("Открыть заявление");

    // Meanwhile the provider records the final test: a pass.
    const provider = await as(PROVIDER);
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.12.2026–05.12.2026");
    await provider.press("📝 Результаты тестирования");
    await provider.send("05.12.2026");
    await provider.press("💾 Сохранить");
    expect(user.texts().join("\n")).toMatch(/Заявление о переводе № \d+ закрыто/);

    await regional.press("✅ Перевести в выбранный поток");
    expect(regional.lastText()).toMatch(
      /Заявление № \d+ закрыто 06\.12\.2026 10:00, потому что по этому обучению записан результат: итоговое тестирование 05\.12\.2026 — пройдено\./,
    );
    expect(regional.lastText()).toContain("User 31000");
    expect(regional.inlineButtons()).toContain("‹ Назад");
    expect(await enrolmentsOf(employeeId)).toEqual([{ cohort_id: from, status: "passed" }]);
  });

  it("is for cohorts of the year of the employee's cohort, and not after that year", async () => {
    app.clock.set("2026-12-20T10:00:00+05:00");
    const december = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2026-12-15",
      endsOn: "2026-12-30",
    });
    await createCohort(app.deps.db, { providerId, startsOn: "2027-01-18", endsOn: "2027-01-29" });
    const { user } = await employeeIn(december);
    app.clock.set("2027-01-05T10:00:00+05:00");
    await user.send("/menu");
    await user.press("🔁 Перевод в другой поток");
    expect(user.lastText()).toContain("Год вашего потока обучения закончился");
  });

  it("waiting when the year ends cannot be approved in January", async () => {
    app.clock.set("2026-12-16T10:00:00+05:00");
    const first = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2026-12-16",
      endsOn: "2026-12-18",
    });
    await createCohort(app.deps.db, { providerId, startsOn: "2026-12-21", endsOn: "2026-12-29" });
    const { user, employeeId } = await employeeIn(first);
    await requestTransfer(user, /^\d\. 21\.12\.2026/);
    const regional = await as(REGIONAL);
    await regional.press("Открыть заявление");
    app.clock.set("2027-01-05T10:00:00+05:00");
    await regional.press("✅ Перевести в выбранный поток");
    expect(regional.lastText()).toContain("Год потока работника закончился");
    expect(await enrolmentsOf(employeeId)).toEqual([{ cohort_id: first, status: "enrolled" }]);
  });
});

describe("test dates", () => {
  let cohort: number;
  beforeAll(async () => {
    cohort = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2027-02-01",
      endsOn: "2027-02-12",
    });
  });

  it("no results button before the cohort's last day; a stale one says why", async () => {
    const { employeeId } = await employeeIn(cohort);
    app.clock.set("2027-02-01T10:00:00+05:00");
    const provider = await as(PROVIDER);
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–12.02.2027");
    expect(provider.inlineButtons()).not.toContain("📝 Результаты тестирования");
    const cohortMessage = provider.lastMessage.message_id;
    await provider.pressCallbackData(
      routes.cohortResults.pack({
        grant: { role: "provider_coordinator", providerId },
        cohort,
      }),
      cohortMessage,
    );
    expect(provider.lastText()).toContain("с последнего дня обучения — с 12.02.2027");
    expect(provider.inlineButtons()).toContain("‹ К потоку");
    expect(await enrolmentsOf(employeeId)).toEqual([{ cohort_id: cohort, status: "enrolled" }]);
  });

  it("a final test is not dated before the last day, nor in the future; asked again", async () => {
    app.clock.set("2027-02-13T10:00:00+05:00");
    const provider = await as(PROVIDER);
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–12.02.2027");
    await provider.press("📝 Результаты тестирования");
    await provider.send("10.02.2027");
    expect(provider.texts().at(-2)).toContain("не может быть раньше последнего дня обучения");
    await provider.send("14.02.2027");
    expect(provider.texts().at(-2)).toContain("Эта дата ещё не наступила");
    await provider.send("12.02.2027");
    await provider.press("✅ 1");
    await provider.press("💾 Сохранить");
    expect(provider.lastText()).toContain("Выдано справок: 1");
    expect(provider.inlineButtons()).toEqual(["‹ К потоку", "‹ Назад"]);
  });

  it("a retest dated last December cannot buy a second attempt in a year", async () => {
    app.clock.set("2027-03-01T10:00:00+05:00");
    const retest = async (date: string) => {
      const provider = await as(PROVIDER);
      await provider.press("🎓 Потоки обучения");
      await provider.press("01.02.2027–12.02.2027");
      await provider.press("🔄 Повторное тестирование");
      await provider.press(/^Тестов/);
      await provider.send(date);
      return provider;
    };
    let provider = await retest("01.03.2027");
    await provider.press("❌ Не пройдено");
    expect(provider.lastText()).toContain("Результат повторного тестирования записан: не пройдено");
    provider = await retest("20.12.2026");
    expect(provider.texts().at(-2)).toContain("не может быть раньше последнего дня обучения");
    await provider.send("/cancel");
    const retests = await app.deps.db
      .selectFrom("test_attempts")
      .select("taken_on")
      .where("kind", "=", "retest")
      .execute();
    expect(retests).toEqual([{ taken_on: "2027-03-01" }]);
  });
});

describe("a cohort edit", () => {
  it("keeps the creation rules, stays in its list's year, and tells the participants", async () => {
    app.clock.set("2027-03-01T10:00:00+05:00");
    const cohort = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2027-04-05",
      endsOn: "2027-04-16",
    });
    const { user } = await employeeIn(cohort);
    const provider = await as(PROVIDER);
    const editStart = async (date: string) => {
      await provider.send("/menu");
      await provider.press("🎓 Потоки обучения");
      await provider.press(/^05\.04\.2027/);
      await provider.press("✏️ Начало");
      await provider.send(date);
    };
    await editStart("01.02.2027");
    expect(provider.texts().at(-2)).toContain("Дата начала уже прошла");
    await provider.send("/cancel");

    await provider.send("/menu");
    await provider.press("🎓 Потоки обучения");
    await provider.press(/^05\.04\.2027/);
    await provider.press("✏️ Окончание");
    await provider.send("10.01.2028");
    expect(provider.lastText()).toContain("нельзя перенести на другой год");
    expect(provider.inlineButtons()).toContain("‹ К потоку");

    await editStart("06.04.2027");
    expect(provider.lastText()).toContain("Сохранено");
    expect(user.lastText()).toContain("Сроки обучения изменились");
    expect(user.lastText()).toContain("06.04.2027 – 16.04.2027");
  });
});

describe("a district list", () => {
  it("decided by two regional coordinators at once: one decision, the second told who and when", async () => {
    app.clock.set("2026-10-20T10:00:00+05:00");
    await createEmployee(app.deps.db, { unitId: district, lastName: "Жоқов", firstName: "Асқар" });
    const districtUser = await as(DISTRICT);
    await districtUser.press("📋 Список на обучение");
    await districtUser.press("📤 Направить список");
    const first = await as(REGIONAL);
    const second = await as(SECOND_REGIONAL);
    for (const user of [first, second]) {
      await user.press("🗂 Списки районов");
      await user.press("Абайский район");
    }
    await Promise.all([first.press("✅ Принять"), second.press("✅ Принять")]);
    const answers = [first.lastText(), second.lastText()];
    expect(answers.filter((t) => t.startsWith("✅ Список принят"))).toHaveLength(1);
    expect(answers.filter((t) => t.startsWith("Это уже сделано: User 3110"))).toHaveLength(1);
    // The "return" button of the same stale screen says the same, and asks for nothing.
    await second.press("↩️ Вернуть");
    expect(second.lastText()).toMatch(/^Это уже сделано: User 3110\d, 20\.10\.2026/);
    expect(second.inlineButtons()).toEqual(["‹ Назад"]);
    const audit = await app.deps.db
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity", "=", "list")
      .where("action", "in", ["list.accept", "list.return"])
      .execute();
    expect(audit).toEqual([{ action: "list.accept", after: { status: "accepted", late: false } }]);
    expect(districtUser.texts().filter((t) => t.includes("принял ваш список"))).toHaveLength(1);
  });
});

describe("an order", () => {
  it("cannot put one employee in two cohorts, even at the same moment", async () => {
    const db = app.deps.db;
    const now = new Date("2026-11-30T10:00:00+05:00");
    const employeeId = await createEmployee(db, { unitId: region, lastName: "Дважды" });
    const list = await openList(db, region, 2028, "regional", REGIONAL, now);
    await db
      .insertInto("list_entries")
      .values({ list_id: list.id, employee_id: employeeId, reason: "never_trained" })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await approveConsolidated(db, list.id, 2028, REGIONAL, now);
    const cohorts = [
      await createCohort(db, { providerId, startsOn: "2028-02-01", endsOn: "2028-02-10" }),
      await createCohort(db, { providerId, startsOn: "2028-03-01", endsOn: "2028-03-10" }),
    ];
    const results = await Promise.all(
      cohorts.map((cohortId, i) =>
        enrolByOrder(db, {
          regionId: region,
          cohortId,
          employeeIds: [employeeId],
          orderNumber: `${i + 1}-ө`,
          orderDate: "2026-11-30",
          actor: REGIONAL,
          now,
        }),
      ),
    );
    const enrolledBy = results.map((r) => (r.ok ? r.enrolled.length : -1));
    expect(enrolledBy.sort()).toEqual([0, 1]);
    const open = await db
      .selectFrom("enrolments")
      .select("id")
      .where("employee_id", "=", employeeId)
      .where("status", "=", "enrolled")
      .execute();
    expect(open).toHaveLength(1);
    // And the database refuses a second open enrolment even from a bug in the code.
    await expect(enrol(db, employeeId, cohorts[0] ?? 0)).rejects.toThrow();
  });

  it("says who could not be told, and leaves a way on", async () => {
    const db = app.deps.db;
    app.clock.set("2027-12-01T10:00:00+05:00");
    const now = app.deps.clock();
    const joinedId = nextId++;
    const joined = await createEmployee(db, {
      unitId: region,
      telegramId: joinedId,
      lastName: "Вботе",
      firstName: "Есть",
    });
    await app.sim.user({ id: joinedId, language_code: "ru" }).send("/start");
    const absent = await createEmployee(db, {
      unitId: region,
      lastName: "Безбота",
      firstName: "Нет",
    });
    const list = await openList(db, region, 2029, "regional", REGIONAL, now);
    await db
      .insertInto("list_entries")
      .values([joined, absent].map((id) => ({ list_id: list.id, employee_id: id, reason: "due" })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await approveConsolidated(db, list.id, 2029, REGIONAL, now);
    await createCohort(db, { providerId, startsOn: "2029-01-15", endsOn: "2029-01-25" });
    const regional = await as(REGIONAL);
    await regional.press("📝 Направить на обучение");
    await regional.press(/15\.01\.2029/);
    await regional.press("☐ Безбота Нет");
    await regional.press("☐ Вботе Есть");
    await regional.press("Далее (2) ›");
    await regional.press("Номер и дата приказа ›");
    await regional.send("12-ө");
    await regional.send("01.12.2027");
    expect(regional.lastText()).toContain("Направлено на обучение: 2");
    expect(regional.lastText()).toContain("сообщите им иначе: Безбота Нет");
    expect(regional.lastText()).not.toContain("Работники уведомлены");
    expect(regional.inlineButtons()).toEqual(["‹ Назад"]);
  });
});

describe("what an employee reads", () => {
  it("after the consolidated list is approved, and after a failed test", async () => {
    const db = app.deps.db;
    app.clock.set("2026-11-20T10:00:00+05:00");
    const telegramId = nextId++;
    const employeeId = await createEmployee(db, { unitId: district, telegramId });
    const districtList = await openList(db, district, 2027, "district", DISTRICT, app.clock.now());
    // The district's 2027 list is the one decided above by two coordinators at once; accept
    // it if this test runs alone.
    if (districtList.status === "draft") {
      await submitList(db, districtList.id, 2027, DISTRICT, app.clock.now());
      await acceptList(db, districtList.id, REGIONAL, app.clock.now());
    }
    await db
      .insertInto("list_entries")
      .values({ list_id: districtList.id, employee_id: employeeId, reason: "never_trained" })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const consolidated = await openList(db, region, 2027, "regional", REGIONAL, app.clock.now());
    await approveConsolidated(db, consolidated.id, 2027, REGIONAL, app.clock.now());
    const user = app.sim.user({ id: telegramId, language_code: "ru" });
    await user.send("/start");
    await user.press("📅 Срок повышения квалификации");
    expect(user.lastText()).toContain("на 2027 год (статус списка: утверждён)");

    const failed = await employeeIn(
      await createCohort(db, { providerId, startsOn: "2026-09-01", endsOn: "2026-09-10" }),
      "failed",
    );
    await failed.user.press("📅 Срок повышения квалификации");
    expect(failed.user.lastText()).toContain("🎓 Поток:");
    expect(failed.user.lastText()).toContain("Итоговое тестирование по этому потоку не пройдено");
    expect(failed.user.lastText()).not.toContain("не направлены ни в один поток");
  });
});
