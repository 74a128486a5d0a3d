// The training year as it really goes, lived through the bot on real dates: one
// retest a calendar year per employee whatever the enrolment (item 13(1)); a cohort
// takes people by order only until its first day, by an order not dated in the
// future (items 9, 12); a revoked certificate counts for nothing (items 12, 13, 14); a
// cohort's hours and programme are fixed once a test is recorded; the results board
// is one service call that says why each refused person was not recorded.
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveConsolidated } from "../../bot/services/consolidated-list.js";
import { enrolByOrder } from "../../bot/services/enrolment.js";
import { openList } from "../../bot/services/lists.js";
import {
  recordFinalResult,
  recordFinalResults,
  recordRetest,
} from "../../bot/services/test-results.js";
import { migrations } from "../../db/migrations/index.js";
import { seedUnits } from "../../db/seed/units.js";
import { createTestDatabase, postgresUrl } from "../support/database.js";
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

const PROVIDER = 20_500;
const OTHER_DEVICE = 20_501;
const REGIONAL = 20_600;
const RETESTED = 20_701; // two retests in one year across a transfer
const REVOKED_ORDER = 20_702; // a revoked certificate: sent again by order
const REVOKED_RETEST = 20_703; // a revoked certificate: retested
const LATE = 20_704; // an order for a cohort that started
let app: TestBot;
let providerId: number;
let region: number;
const employee: Record<number, number> = {};
let cohortA: number; // 01.02–10.02.2027
let cohortB: number; // 01.09–10.09.2027
let cohortC: number; // 01.03–10.03.2028
let cohortD: number; // 01.06–10.06.2028

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  providerId = await createProvider(db, "ЖЫЛ");
  region = await unitId(db, KATO.abaiRegion);
  await grantRole(db, PROVIDER, "provider_coordinator", { providerId });
  await grantRole(db, OTHER_DEVICE, "provider_coordinator", { providerId });
  await grantRole(db, REGIONAL, "regional_coordinator", { unitId: region });
  const names: Record<number, string> = {
    [RETESTED]: "Алиев",
    [REVOKED_ORDER]: "Бақыт",
    [REVOKED_RETEST]: "Даулет",
    [LATE]: "Ерлан",
  };
  for (const [id, lastName] of Object.entries(names)) {
    employee[Number(id)] = await createEmployee(db, {
      unitId: region,
      telegramId: Number(id),
      lastName,
      firstName: "Тест",
      patronymic: null,
    });
  }
  cohortA = await createCohort(db, { providerId, startsOn: "2027-02-01", endsOn: "2027-02-10" });
  cohortB = await createCohort(db, { providerId, startsOn: "2027-09-01", endsOn: "2027-09-10" });
  cohortC = await createCohort(db, { providerId, startsOn: "2028-03-01", endsOn: "2028-03-10" });
  cohortD = await createCohort(db, { providerId, startsOn: "2028-06-01", endsOn: "2028-06-10" });
  for (const id of [PROVIDER, OTHER_DEVICE, REGIONAL, ...Object.keys(names).map(Number)])
    await app.sim.user({ id, language_code: "ru" }).send("/start");
  for (const year of [2027, 2028]) {
    const approvedAt = new Date(`${year - 1}-11-28T10:00:00+05:00`);
    const list = await openList(db, region, year, "regional", REGIONAL, approvedAt);
    await approveConsolidated(db, list.id, year, REGIONAL, approvedAt);
  }
});
afterAll(() => app.database.close());

async function as(id: number) {
  const user = app.sim.user({ id, language_code: "ru" });
  await user.send("/menu");
  return user;
}

/** The regional coordinator sends people by order through the screens. */
async function sendByOrder(cohortButton: string, names: string[], number: string, date: string) {
  const regional = await as(REGIONAL);
  await regional.press("📝 Направить на обучение");
  await regional.press(cohortButton);
  for (const name of names) await regional.press(`☐ ${name}`);
  await regional.press(`Далее (${names.length}) ›`);
  await regional.press("Номер и дата приказа ›");
  await regional.send(number);
  await regional.send(date);
  return regional;
}

/** The provider records the final test of a cohort; `failed` are the board's numbers tapped. */
async function finalTest(cohortButton: string, date: string, failed: number[]) {
  const provider = await as(PROVIDER);
  await provider.press("🎓 Потоки обучения");
  await provider.press(cohortButton);
  await provider.press("📝 Результаты тестирования");
  await provider.send(date);
  for (const n of failed) await provider.press(`✅ ${n}`);
  await provider.press("💾 Сохранить");
  return provider;
}

async function retest(cohortButton: string, name: string, date: string, passed: boolean) {
  const provider = await as(PROVIDER);
  await provider.press("🎓 Потоки обучения");
  await provider.press(cohortButton);
  await provider.press("🔄 Повторное тестирование");
  await provider.press(name);
  await provider.send(date);
  await provider.press(passed ? "✅ Пройдено" : "❌ Не пройдено");
  return provider;
}

async function revoke(number: string, reason: string) {
  const provider = await as(PROVIDER);
  await provider.press("📜 Сертификат по номеру");
  await provider.send(number);
  await provider.press("⛔ Аннулировать");
  await provider.send(reason);
  return provider;
}

async function enrolmentOf(employeeId: number, cohortId: number) {
  return app.deps.db
    .selectFrom("enrolments")
    .selectAll()
    .where("employee_id", "=", employeeId)
    .where("cohort_id", "=", cohortId)
    .executeTakeFirstOrThrow();
}

describe("2027: orders, final tests, revocations (findings 3, 6, 7)", () => {
  it("sends four people to the February cohort and records its final test", async () => {
    app.clock.set("2027-01-15T10:00:00+05:00");
    const regional = await sendByOrder(
      "1. 01.02.2027",
      ["Алиев Тест", "Бақыт Тест", "Даулет Тест", "Ерлан Тест"],
      "12-ө",
      "15.01.2027",
    );
    expect(regional.lastText()).toContain(
      "Направлено на обучение: 4 (приказ № 12-ө от 15.01.2027)",
    );
    app.clock.set("2027-02-10T16:00:00+05:00");
    // Алиев (1) fails; Бақыт, Даулет and Ерлан pass.
    const provider = await finalTest("01.02.2027–10.02.2027", "10.02.2027", [1]);
    expect(provider.lastText()).toBe(
      "✅ Результаты сохранены. Выдано сертификатов: 3 (ЖЫЛ-2027-000001, ЖЫЛ-2027-000002, ЖЫЛ-2027-000003). Выдано справок: 1.",
    );
  });

  it("fixes the cohort's academic hours and programme once a test is recorded", async () => {
    const provider = await as(PROVIDER);
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–10.02.2027");
    await provider.press("✏️ Часы");
    await provider.send("40");
    expect(provider.lastText()).toBe(
      "Результаты тестирования уже записаны: сроки, объём в академических часах и программу потока изменить нельзя (пункт 12 Правил).",
    );
    await provider.send("/menu");
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.02.2027–10.02.2027");
    await provider.press("✏️ Название (рус.)");
    await provider.send("Другая программа");
    expect(provider.lastText()).toBe(
      "Результаты тестирования уже записаны: сроки, объём в академических часах и программу потока изменить нельзя (пункт 12 Правил).",
    );
    const cohort = await app.deps.db
      .selectFrom("cohorts")
      .select(["academic_hours", "program_title_ru"])
      .where("id", "=", cohortA)
      .executeTakeFirstOrThrow();
    expect(cohort).toEqual({
      academic_hours: 72,
      program_title_ru: "Защита прав детей: современные подходы",
    });
  });

  it("records a first retest of 2027 on 01.03", async () => {
    app.clock.set("2027-03-01T10:00:00+05:00");
    expect(
      (await retest("01.02.2027–10.02.2027", "Алиев Тест", "01.03.2027", false)).lastText(),
    ).toBe("Результат повторного тестирования записан: не пройдено.");
  });
});

describe("a revoked certificate counts for nothing", () => {
  it("makes the person due again, with the reason on their screen", async () => {
    app.clock.set("2027-03-05T10:00:00+05:00");
    const provider = await revoke("ЖЫЛ-2027-000001", "Ошибка в ведомости");
    expect(provider.lastText()).toBe("⛔ Сертификат № ЖЫЛ-2027-000001 аннулирован.");
    await revoke("ЖЫЛ-2027-000002", "Тест сдан не лично");
    const person = await as(REVOKED_ORDER);
    // The employee is told, with the way to their screen.
    await person.press("📅 Срок повышения квалификации");
    const screen = person.lastText();
    expect(screen).toContain("Нет сведений о прохождении вами повышения квалификации");
    expect(screen).toContain(
      "⛔ Сертификат № ЖЫЛ-2027-000001 от 10.02.2027 аннулирован 05.03.2027 (Ошибка в ведомости): он не учитывается, повышение квалификации нужно пройти снова.",
    );
  });

  it("tells the person and the region, and lets the region send them again by order", async () => {
    const person = app.sim.user({ id: REVOKED_ORDER, language_code: "ru" });
    expect(person.texts().join("\n")).toContain(
      "⛔ Ваш сертификат № ЖЫЛ-2027-000001 аннулирован организацией",
    );
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    expect(regional.texts().join("\n")).toContain(
      "⛔ Сертификат № ЖЫЛ-2027-000001 (Бақыт Тест) аннулирован",
    );
    // A transfer is not the way for a finished training: the screen says why.
    await person.send("/menu");
    await person.press("🔁 Перевод в другой поток");
    expect(person.lastText()).toBe(
      "Ваш сертификат № ЖЫЛ-2027-000001 по этому обучению аннулирован, обучение по этому потоку завершено, поэтому перевод невозможен. Региональный уполномоченный орган направит вас на обучение новым приказом (пункт 9 Правил).",
    );
    const done = await sendByOrder("1. 01.09.2027", ["Бақыт Тест"], "40-ө", "05.03.2027");
    expect(done.lastText()).toContain("Направлено на обучение: 1 (приказ № 40-ө от 05.03.2027)");
    expect((await enrolmentOf(employee[REVOKED_ORDER] ?? 0, cohortB)).status).toBe("enrolled");
  });

  it("lets the provider retest the person, once in the year (item 13(1))", async () => {
    app.clock.set("2027-03-10T10:00:00+05:00");
    const provider = await retest("01.02.2027–10.02.2027", "Даулет Тест", "10.03.2027", true);
    expect(provider.lastText()).toBe(
      "✅ Результат повторного тестирования записан, выдан сертификат № ЖЫЛ-2027-000004.",
    );
    // A valid certificate counts again: no order sends them this year.
    const enrolled = await enrolByOrder(app.deps.db, {
      regionId: region,
      cohortId: cohortB,
      employeeIds: [employee[REVOKED_RETEST] ?? 0],
      orderNumber: "41-ө",
      orderDate: "2027-03-10",
      actor: REGIONAL,
      now: app.clock.now(),
    });
    expect(enrolled).toMatchObject({
      ok: true,
      enrolled: [],
      alreadyEnrolled: [employee[REVOKED_RETEST]],
    });
  });
});

describe("one retest a calendar year per employee, whatever the enrolment", () => {
  it("refuses a second retest in 2027 after a transfer, with the date of the first", async () => {
    // Transferred for illness to the September cohort (item 13(2)).
    const first = await enrolmentOf(employee[RETESTED] ?? 0, cohortA);
    await app.deps.db
      .updateTable("enrolments")
      .set({ status: "transferred" })
      .where("id", "=", first.id)
      .execute();
    await app.deps.db
      .insertInto("enrolments")
      .values({
        employee_id: first.employee_id,
        cohort_id: cohortB,
        order_number: first.order_number,
        order_date: first.order_date,
        transferred_from_id: first.id,
      })
      .execute();
    app.clock.set("2027-09-10T16:00:00+05:00");
    // Алиев (1) fails again; Бақыт, sent again after the revocation, passes.
    await finalTest("01.09.2027–10.09.2027", "10.09.2027", [1]);
    app.clock.set("2027-10-01T10:00:00+05:00");
    const provider = await retest("01.09.2027–10.09.2027", "Алиев Тест", "01.10.2027", true);
    expect(provider.lastText()).toBe(
      "Повторное тестирование невозможно: в 2027 году у работника уже было повторное тестирование — 01.03.2027. Не более одного раза в год (подпункт 1) пункта 13 Правил).",
    );
    expect(provider.inlineButtons()).toContain("‹ К потоку");
    // The service says the same when called directly, with the date.
    const second = await enrolmentOf(employee[RETESTED] ?? 0, cohortB);
    const direct = await recordRetest(app.deps.db, {
      providerId,
      enrolmentId: second.id,
      passed: true,
      takenOn: "2027-10-01",
      actor: PROVIDER,
      now: app.clock.now(),
    });
    expect(direct).toMatchObject({
      ok: false,
      reason: "retest_used_this_year",
      earlierOn: "2027-03-01",
    });
    // The database itself keeps it: a second retest of the employee in 2027 is refused.
    await expect(
      app.deps.db
        .insertInto("test_attempts")
        .values({
          enrolment_id: second.id,
          employee_id: second.employee_id,
          taken_on: "2027-11-01",
          kind: "retest",
          retest_year: 2027,
          passed: true,
        })
        .execute(),
    ).rejects.toMatchObject({ code: "23505" });
    // The employee's screen says no retest is left this year.
    const person = await as(RETESTED);
    await person.press("📅 Срок повышения квалификации");
    expect(person.lastText()).toContain("Осталось попыток повторного тестирования в этом году: 0");
    // A new year, a new attempt.
    app.clock.set("2028-01-15T10:00:00+05:00");
    expect(
      (await retest("01.09.2027–10.09.2027", "Алиев Тест", "15.01.2028", true)).lastText(),
    ).toBe("✅ Результат повторного тестирования записан, выдан сертификат № ЖЫЛ-2028-000001.");
  });
});

describe("a cohort takes people by order until its first day", () => {
  it("is not offered once it has started, even on its last day", async () => {
    app.clock.set("2028-03-10T10:00:00+05:00");
    const regional = await as(REGIONAL);
    await regional.press("📝 Направить на обучение");
    expect(regional.inlineButtons()).toContain("1. 01.06.2028");
    expect(regional.inlineButtons().some((b) => b.includes("01.03.2028"))).toBe(false);
    expect(regional.lastText()).not.toContain("01.03.2028");
  });

  it("refuses an order dated in the future, and takes one signed earlier and entered late", async () => {
    const regional = await as(REGIONAL);
    await regional.press("📝 Направить на обучение");
    await regional.press("1. 01.06.2028");
    await regional.press("☐ Ерлан Тест");
    await regional.press("Далее (1) ›");
    await regional.press("Номер и дата приказа ›");
    await regional.send("7-ө");
    await regional.send("01.01.2030");
    expect(regional.texts().at(-2)).toBe(
      "Дата приказа ещё не наступила: укажите дату подписанного приказа (пункт 9 Правил).",
    );
    await regional.send("20.02.2028");
    expect(regional.lastText()).toContain("Направлено на обучение: 1 (приказ № 7-ө от 20.02.2028)");
  });

  it("is checked by the enrolment service itself, inside its transaction", async () => {
    const db = app.deps.db;
    const base = {
      regionId: region,
      employeeIds: [employee[REVOKED_RETEST] ?? 0],
      orderNumber: "8-ө",
      actor: REGIONAL,
      now: new Date("2028-04-10T10:00:00+05:00"),
    };
    // A cohort that ended a month earlier.
    expect(await enrolByOrder(db, { ...base, cohortId: cohortC, orderDate: "2028-02-20" })).toEqual(
      { ok: false, reason: "cohort_started", startsOn: "2028-03-01" },
    );
    expect(await enrolByOrder(db, { ...base, cohortId: cohortD, orderDate: "2030-01-01" })).toEqual(
      { ok: false, reason: "order_date_future" },
    );
    const count = await db
      .selectFrom("enrolments")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("cohort_id", "in", [cohortC, cohortD])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

describe("the results board", () => {
  it("records everyone in one call and says why each refused person was not recorded", async () => {
    const db = app.deps.db;
    const cohortE = await createCohort(db, {
      providerId,
      startsOn: "2028-04-01",
      endsOn: "2028-04-10",
    });
    const people: number[] = [];
    for (const lastName of ["Жанар", "Зере", "Ілияс"]) {
      const id = await createEmployee(db, { unitId: region, lastName, firstName: "Тест" });
      people.push(await enrol(db, id, cohortE));
    }
    app.clock.set("2028-04-10T16:00:00+05:00");
    const provider = await as(PROVIDER);
    await provider.press("🎓 Потоки обучения");
    await provider.press("01.04.2028–10.04.2028");
    await provider.press("📝 Результаты тестирования");
    await provider.send("10.04.2028");
    // Meanwhile: a second device records Жанар; Зере is transferred.
    const [zhanar, zere] = people;
    const other = await recordFinalResult(db, {
      providerId,
      enrolmentId: zhanar ?? 0,
      passed: false,
      takenOn: "2028-04-10",
      actor: OTHER_DEVICE,
      now: new Date("2028-04-10T16:05:00+05:00"),
    });
    expect(other.ok).toBe(true);
    await db
      .updateTable("enrolments")
      .set({ status: "transferred" })
      .where("id", "=", zere ?? 0)
      .execute();
    await provider.press("💾 Сохранить");
    const text = provider.lastText();
    expect(text).toContain("Выдано сертификатов: 1");
    expect(text).toContain(
      "Не записаны:\n• Жанар Тест Нұрланқызы — результат уже записан: User 20501, 10.04.2028 16:05",
    );
    expect(text).toContain("• Зере Тест Нұрланқызы — перевод в другой поток");
    // Жанар's result stands as the other device recorded it; nothing for Зере.
    const recorded = await db
      .selectFrom("test_attempts")
      .select(["enrolment_id", "passed", "recorded_by"])
      .where("enrolment_id", "in", people)
      .orderBy("enrolment_id")
      .execute();
    expect(recorded).toEqual([
      { enrolment_id: zhanar, passed: false, recorded_by: OTHER_DEVICE },
      { enrolment_id: people[2], passed: true, recorded_by: PROVIDER },
    ]);
    expect(provider.inlineButtons()).toContain("‹ К потоку");
  });

  it("refuses the whole board for a date before the cohort's last day, writing nothing", async () => {
    const db = app.deps.db;
    const cohortF = await createCohort(db, {
      providerId,
      startsOn: "2028-05-01",
      endsOn: "2028-05-10",
    });
    const id = await createEmployee(db, { unitId: region, lastName: "Қайрат", firstName: "Тест" });
    const enrolmentId = await enrol(db, id, cohortF);
    const outcome = await recordFinalResults(db, {
      providerId,
      cohortId: cohortF,
      results: [{ enrolmentId, passed: true }],
      takenOn: "2028-05-09",
      actor: PROVIDER,
      now: new Date("2028-05-11T10:00:00+05:00"),
    });
    expect(outcome).toEqual({ ok: false, reason: "before_cohort_end" });
    const attempts = await db
      .selectFrom("test_attempts")
      .select("id")
      .where("enrolment_id", "=", enrolmentId)
      .execute();
    expect(attempts).toHaveLength(0);
  });
});

describe("the migration to one retest per employee and year", () => {
  it("keeps the retests recorded before it, two in a year included, and refuses a new second one", async () => {
    const mine = "2026-12-06T02-00-00_retest_per_employee_year";
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < mine));
    const database = await createTestDatabase(postgresUrl, {
      migrate: async (db) => {
        const migrator = new Migrator({ db, provider: { getMigrations: async () => before } });
        const { error } = await migrator.migrateToLatest();
        if (error) throw error;
      },
    });
    try {
      const { db } = database;
      await seedUnits(db);
      const provider = await createProvider(db, "ЕСКІ");
      const employeeId = await createEmployee(db, { unitId: await unitId(db, KATO.astana) });
      const first = await createCohort(db, {
        providerId: provider,
        startsOn: "2027-02-01",
        endsOn: "2027-02-10",
      });
      const second = await createCohort(db, {
        providerId: provider,
        startsOn: "2027-09-01",
        endsOn: "2027-09-10",
      });
      const enrolments = [
        await enrol(db, employeeId, first, "failed"),
        await enrol(db, employeeId, second, "failed"),
      ];
      // What the defect let through: a retest in each enrolment in 2027.
      for (const [i, enrolmentId] of enrolments.entries())
        await sql`insert into test_attempts (enrolment_id, taken_on, passed, kind) values
          (${enrolmentId}, ${i ? "2027-09-10" : "2027-02-10"}, false, 'final'),
          (${enrolmentId}, ${i ? "2027-10-01" : "2027-03-01"}, false, 'retest')`.execute(db);

      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      const rows = await db
        .selectFrom("test_attempts")
        .select(["employee_id", "kind", "taken_on", "retest_year"])
        .orderBy("taken_on")
        .execute();
      expect(rows).toEqual([
        { employee_id: employeeId, kind: "final", taken_on: "2027-02-10", retest_year: null },
        { employee_id: employeeId, kind: "retest", taken_on: "2027-03-01", retest_year: 2027 },
        { employee_id: employeeId, kind: "final", taken_on: "2027-09-10", retest_year: null },
        { employee_id: employeeId, kind: "retest", taken_on: "2027-10-01", retest_year: null },
      ]);
      const retest = (takenOn: string, year: number | null, enrolmentId = enrolments[1] ?? 0) =>
        db
          .insertInto("test_attempts")
          .values({
            enrolment_id: enrolmentId,
            employee_id: employeeId,
            taken_on: takenOn,
            kind: "retest",
            retest_year: year,
            passed: true,
          })
          .execute();
      // A new second retest of 2027 is refused; one without its year, or another year's, too.
      await expect(retest("2027-11-01", 2027)).rejects.toMatchObject({ code: "23505" });
      await expect(retest("2027-11-01", null)).rejects.toMatchObject({ code: "23514" });
      await expect(retest("2027-11-01", 2028)).rejects.toMatchObject({ code: "23514" });
      // The employee of a test is the enrolment's.
      const other = await createEmployee(db, { unitId: await unitId(db, KATO.astana) });
      await expect(
        db
          .insertInto("test_attempts")
          .values({
            enrolment_id: enrolments[1] ?? 0,
            employee_id: other,
            taken_on: "2028-01-15",
            kind: "retest",
            retest_year: 2028,
            passed: true,
          })
          .execute(),
      ).rejects.toMatchObject({ code: "23503" });
      await retest("2028-01-15", 2028);
    } finally {
      await database.close();
    }
  });
});
