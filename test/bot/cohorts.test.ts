// The whole path of a cohort: created by the provider (39 hours refused, distance
// without a basis impossible), employees of the approved list enrolled by the head's
// order within capacity, the agreement confirmed, results recorded with certificate
// numbers, a failure with one retest a year, and a breach reaching the region.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../bot/routes/index.js";
import { approveConsolidated } from "../../bot/services/consolidated-list.js";
import { openList } from "../../bot/services/lists.js";
import { recordFinalResult } from "../../bot/services/test-results.js";
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

const PROVIDER = 9500;
const OTHER_PROVIDER = 9501;
const KAZAKH_PROVIDER = 9502;
const REGIONAL = 9600;
const EMPLOYEES = [9701, 9702, 9703];
let app: TestBot;
let providerId: number;
let region: number;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  providerId = await createProvider(db, "ҰБО");
  const otherProvider = await createProvider(db, "БАСҚА");
  region = await unitId(db, KATO.abaiRegion);
  await grantRole(db, PROVIDER, "provider_coordinator", { providerId });
  await grantRole(db, OTHER_PROVIDER, "provider_coordinator", { providerId: otherProvider });
  await grantRole(db, REGIONAL, "regional_coordinator", { unitId: region });
  for (const [i, id] of EMPLOYEES.entries()) {
    await createEmployee(db, {
      unitId: region,
      telegramId: id,
      lastName: ["Абаев", "Бекова", "Ғалымов"][i],
      firstName: "Тест",
      patronymic: null,
    });
  }
  for (const id of [PROVIDER, OTHER_PROVIDER, REGIONAL, ...EMPLOYEES])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
  // The consolidated list for 2027 was approved on 28 November 2026 (items 7, 8).
  const approvedAt = new Date("2026-11-28T10:00:00+05:00");
  const list = await openList(db, region, 2027, "regional", REGIONAL, approvedAt);
  await approveConsolidated(db, list.id, 2027, REGIONAL, approvedAt);
  app.clock.set("2027-01-10T10:00:00+05:00");
});
afterAll(() => app.database.close());

async function as(id: number) {
  const user = app.sim.user({ id, language_code: "ru" });
  await user.send("/menu");
  return user;
}

describe("a cohort", () => {
  it("needs at least 40 academic hours, and distance learning a basis", async () => {
    const provider = await as(PROVIDER);
    await provider.press("🎓 Потоки обучения");
    await provider.press("➕ Новый поток");
    await provider.send("Балалардың құқықтарын қорғау");
    await provider.send("Защита прав детей");
    await provider.send("01.02.2027");
    await provider.send("12.02.2027");
    await provider.press("Дистанционная");
    await provider.send("без основания");
    expect(provider.lastText()).toContain("Выберите одну из кнопок");
    await provider.press("карантин");
    await provider.press("Пропустить ›");
    await provider.send("39");
    expect(provider.texts().at(-2)).toBe(
      "Повышение квалификации — не менее 40 академических часов (пункт 6 Правил).",
    );
    await provider.send("72");
    await provider.send("2");
    await provider.send("Пн–Пт, 09:00–17:00, ауд. 204");
    expect(provider.lastText()).toBe(
      "✅ Поток создан: «Защита прав детей», 01.02.2027 – 12.02.2027, 72 акад. ч., мест: 2.",
    );
    const cohort = await app.deps.db.selectFrom("cohorts").selectAll().executeTakeFirstOrThrow();
    expect(cohort).toMatchObject({
      form: "remote",
      remote_basis: "quarantine",
      academic_hours: 72,
      capacity: 2,
      schedule_text: "Пн–Пт, 09:00–17:00, ауд. 204",
    });
  });
});

describe("enrolment by the head's order", () => {
  it("keeps to the cohort's capacity and tells each employee, who confirms the agreement", async () => {
    const regional = await as(REGIONAL);
    await regional.press("📝 Направить на обучение");
    await regional.press("1. 01.02.2027");
    expect(regional.lastText()).toContain("выбрано 0, свободных мест 2");
    for (const name of ["☐ Абаев Тест", "☐ Бекова Тест", "☐ Ғалымов Тест"])
      await regional.press(name);
    await regional.press("Далее (3) ›");
    await regional.press("Номер и дата приказа ›");
    await regional.send("47-ө");
    await regional.send("10.01.2027");
    expect(regional.lastText()).toBe("Не хватает мест: свободно 2. Выберите меньше работников.");

    await regional.send("/menu");
    await regional.press("📝 Направить на обучение");
    await regional.press("1. 01.02.2027");
    await regional.press("🔎 Поиск по фамилии");
    await regional.send("аба");
    expect(regional.inlineButtons().filter((b) => b.startsWith("☐"))).toEqual(["☐ Абаев Тест"]);
    await regional.press("☐ Абаев Тест");
    await regional.press("Все");
    await regional.press("☐ Бекова Тест");
    await regional.press("Далее (2) ›");
    await regional.press("Номер и дата приказа ›");
    await regional.send("47-ө");
    await regional.send("10.01.2027");
    expect(regional.lastText()).toBe(
      "✅ Направлено на обучение: 2 (приказ № 47-ө от 10.01.2027). Уже были в потоках: 0.\nВсе направленные работники получили уведомление в боте.",
    );

    const employee = app.sim.user({ id: EMPLOYEES[0] ?? 0, language_code: "ru" });
    expect(employee.lastText()).toContain(
      "Вы направлены на повышение квалификации (приказ № 47-ө от 10.01.2027)",
    );
    expect(employee.lastText()).toContain("Сроки обучения: 01.02.2027 – 12.02.2027");
    await employee.press("✍️ Договор");
    await employee.press("✅ Принимаю условия");
    expect(employee.lastText()).toContain("Договор подтверждён: 10.01.2027 10:00");
    await employee.send("/menu");
    await employee.press("🎓 Мой поток");
    expect(employee.lastText()).toContain("Форма: дистанционная. Основание: карантин");
  });
});

describe("editing a cohort", () => {
  it("refuses fewer places than participants, and takes the schedule as a file the employees get", async () => {
    const provider = await as(PROVIDER);
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–12.02.2027");
    await provider.press("✏️ Места");
    await provider.send("1");
    expect(provider.lastText()).toBe("Мест не может быть меньше, чем участников в потоке.");
    await provider.send("/menu");
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–12.02.2027");
    await provider.press("✏️ Часы");
    await provider.send("30");
    expect(provider.lastText()).toBe(
      "Повышение квалификации — не менее 40 академических часов (пункт 6 Правил).",
    );
    await provider.send("/menu");
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–12.02.2027");
    await provider.press("✏️ Расписание");
    await provider.sendDocument({
      fileName: "кесте.pdf",
      mimeType: "application/pdf",
      bytes: Buffer.from("%PDF-1.4 schedule"),
    });
    expect(provider.lastText()).toBe("✅ Сохранено.");

    const employee = await as(EMPLOYEES[0] ?? 0);
    await employee.press("🎓 Мой поток");
    expect(employee.texts().join("\n")).toContain("Расписание занятий отправлено ниже файлом.");
    expect(employee.lastMessage.document?.file_name).toBe("кесте.pdf");
    const audit = await app.deps.db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "=", "cohort.update")
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe("results", () => {
  it("issue a numbered certificate to who passed and a statement to who failed, and tell both", async () => {
    app.clock.set("2027-02-13T10:00:00+05:00");
    const provider = await as(PROVIDER);
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–12.02.2027");
    await provider.press("📝 Результаты тестирования");
    await provider.send("12.02.2027");
    expect(provider.lastText()).toContain("1. ✅ Абаев Тест");
    await provider.press("✅ 2"); // Бекова did not pass
    expect(provider.lastText()).toContain("2. ❌ Бекова Тест");
    await provider.press("💾 Сохранить");
    expect(provider.lastText()).toBe(
      "✅ Результаты сохранены. Выдано сертификатов: 1 (ҰБО-2027-000001). Выдано справок: 1.",
    );

    const passed = app.sim.user({ id: EMPLOYEES[0] ?? 0, language_code: "ru" });
    expect(passed.lastText()).toContain("выдан сертификат № ҰБО-2027-000001");
    const failed = app.sim.user({ id: EMPLOYEES[1] ?? 0, language_code: "ru" });
    expect(failed.lastText()).toContain("Справка о прослушивании программы");
    await failed.press("📄 Мои документы");
    await failed.press(/Справка · 12\.02\.2027/);
    expect(failed.lastMessage.document?.file_name).toBe("Справка 12.02.2027.pdf");
  });

  it("allow one retest a calendar year; the pass issues the certificate", async () => {
    const provider = await as(PROVIDER);
    const retest = async (date: string, result: "✅ Пройдено" | "❌ Не пройдено") => {
      await provider.send("/menu");
      await provider.press("🎓 Потоки обучения");
      await provider.press("01.02.2027–12.02.2027");
      await provider.press("🔄 Повторное тестирование");
      await provider.press("Бекова Тест");
      await provider.send(date);
      await provider.press(result);
      return provider.lastText();
    };
    app.clock.set("2027-03-01T10:00:00+05:00");
    expect(await retest("01.03.2027", "❌ Не пройдено")).toBe(
      "Результат повторного тестирования записан: не пройдено.",
    );
    app.clock.set("2027-04-01T10:00:00+05:00");
    expect(await retest("01.04.2027", "✅ Пройдено")).toContain(
      "в 2027 году у работника уже было повторное тестирование — 01.03.2027",
    );
    app.clock.set("2028-01-15T10:00:00+05:00");
    expect(await retest("15.01.2028", "✅ Пройдено")).toBe(
      "✅ Результат повторного тестирования записан, выдан сертификат № ҰБО-2028-000001.",
    );
    const employee = app.sim.user({ id: EMPLOYEES[1] ?? 0, language_code: "ru" });
    expect(employee.lastText()).toContain("выдан сертификат № ҰБО-2028-000001");
  });
});

describe("a breach of the agreement", () => {
  it("reaches the employee's regional coordinators and their breaches list", async () => {
    const provider = await as(PROVIDER);
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–12.02.2027");
    await provider.press("⚠️ Нарушение договора");
    await provider.press("Абаев Тест");
    await provider.send("Пропустил три дня занятий без уважительной причины");
    expect(provider.lastText()).toBe(
      "✅ Нарушение зарегистрировано, координаторы областного (городского) органа уведомлены.",
    );
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    expect(regional.lastText()).toContain("⚠️ Нарушение договора: Абаев Тест");
    expect(regional.lastText()).toContain("Пропустил три дня занятий");
    await regional.send("/menu");
    await regional.press("⚠️ Нарушения договора");
    expect(regional.lastText()).toContain("Абаев Тест (Область Абай)");
  });
});

describe("scope", () => {
  it("another organization's coordinator cannot see or act on the cohort", async () => {
    const cohort = await app.deps.db.selectFrom("cohorts").select("id").executeTakeFirstOrThrow();
    const other = await as(OTHER_PROVIDER);
    const otherId = (
      await app.deps.db
        .selectFrom("providers")
        .select("id")
        .where("certificate_prefix", "=", "БАСҚА")
        .executeTakeFirstOrThrow()
    ).id;
    const theirs = { grant: { role: "provider_coordinator" as const, providerId: otherId } };
    const ours = { grant: { role: "provider_coordinator" as const, providerId } };
    const onCohort = { ...theirs, cohort: cohort.id };
    for (const data of [
      routes.cohort.pack(onCohort),
      routes.cohortResults.pack(onCohort),
      routes.cohortRetest.pack(onCohort),
      routes.cohortBreach.pack(onCohort),
      routes.cohortEdit.pack({ ...onCohort, field: "capacity" }),
      routes.cohort.pack({ ...ours, cohort: cohort.id }),
      routes.enrol.pack({ grant: { role: "regional_coordinator", unitId: region } }),
    ]) {
      await other.pressCallbackData(data, other.lastMessage.message_id);
      expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    }
    // Forged data the route table refuses before any handler: a field that is not one.
    const forged = routes.cohortEdit
      .pack({ ...onCohort, field: "capacity" })
      .replace(/capacity$/, "provider_id");
    await other.pressCallbackData(forged, other.lastMessage.message_id);
    expect(app.sim.calls.at(-1)?.params).toMatchObject({
      text: "Эта кнопка устарела. Откройте меню заново: /menu",
    });
  });
});

describe("certificate numbers under load", () => {
  it("fifty results recorded at once get fifty distinct, consecutive numbers", async () => {
    const db = app.deps.db;
    const cohortId = await createCohort(db, {
      providerId,
      startsOn: "2029-03-01",
      endsOn: "2029-03-10",
      capacity: 50,
    });
    const enrolments: number[] = [];
    for (let i = 0; i < 50; i++) {
      const employeeId = await createEmployee(db, {
        unitId: region,
        lastName: "Көп",
        firstName: "Тест",
      });
      enrolments.push(await enrol(db, employeeId, cohortId));
    }
    const outcomes = await Promise.all(
      enrolments.map((enrolmentId) =>
        recordFinalResult(db, {
          providerId,
          enrolmentId,
          passed: true,
          takenOn: "2029-03-10",
          actor: PROVIDER,
          now: new Date("2029-03-11T10:00:00+05:00"),
        }),
      ),
    );
    const numbers = outcomes.map((o) => (o.ok ? o.outcome.certificateNumber : null)).sort();
    expect(numbers).toEqual(
      Array.from({ length: 50 }, (_, i) => `ҰБО-2029-${String(i + 1).padStart(6, "0")}`),
    );
  });
});

describe("in Kazakh", () => {
  it("a new cohort is confirmed with the programme's Kazakh name", async () => {
    const db = app.deps.db;
    await grantRole(db, KAZAKH_PROVIDER, "provider_coordinator", {
      providerId: await createProvider(db, "ҚАЗ"),
    });
    const provider = app.sim.user({ id: KAZAKH_PROVIDER, language_code: "kk" });
    await provider.send("/start");
    await provider.send("/menu");
    await provider.press("🎓 Оқу лектері");
    await provider.press("➕ Жаңа оқу легі");
    await provider.send("Балалардың құқықтарын қорғау");
    await provider.send("Защита прав детей");
    await provider.send("01.03.2031");
    await provider.send("12.03.2031");
    await provider.press("Күндізгі");
    await provider.send("72");
    await provider.send("20");
    await provider.press("Өткізіп жіберу ›");
    expect(provider.lastText()).toBe(
      "✅ Оқу легі құрылды: «Балалардың құқықтарын қорғау», 01.03.2031 – 12.03.2031, 72 акад. сағат, 20 орын.",
    );
  });
});
