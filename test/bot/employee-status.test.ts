// "My training status" answers "when am I due, and why?" for each kind of
// employee, in both languages; "My cohort" and the agreement (item 11).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../bot/routes/index.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  enrol,
  issueCertificate,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

// The clock stands at 25 November 2026, 11:00 in Almaty.
let app: TestBot;
let district: number;
let providerId: number;
let nextId = 3000;

beforeAll(async () => {
  app = await startTestBot();
  district = await unitId(app.deps.db, KATO.abaiDistrict);
  providerId = await createProvider(app.deps.db);
});
afterAll(() => app.database.close());

async function employeeWith(language: "kk" | "ru", certificateOn: string | null) {
  const telegramId = nextId++;
  const employeeId = await createEmployee(app.deps.db, { unitId: district, telegramId });
  if (certificateOn) {
    await issueCertificate(app.deps.db, {
      employeeId,
      providerId,
      issuedOn: certificateOn,
      number: `ҰБО-${telegramId}`,
    });
  }
  const user = app.sim.user({ id: telegramId, language_code: language });
  await user.send("/start");
  return { user, employeeId };
}

async function statusText(language: "kk" | "ru", certificateOn: string | null) {
  const { user } = await employeeWith(language, certificateOn);
  await user.press(
    language === "kk" ? "📅 Біліктілікті арттыру мерзімі" : "📅 Срок повышения квалификации",
  );
  return user.lastText();
}

describe("my training status", () => {
  it("tells a never-trained employee they are due now", async () => {
    expect(await statusText("ru", null)).toContain("подлежите обучению сейчас");
    expect(await statusText("kk", null)).toContain("қазір оқуға жатасыз");
  });

  it("shows an up-to-date employee their certificate and the date two years on", async () => {
    const text = await statusText("ru", "2026-03-10");
    expect(text).toContain("Последний сертификат: № ҰБО-");
    expect(text).toContain("10.03.2026");
    expect(text).toContain("72 акад. ч.");
    expect(text).toContain("до 10.03.2028");
    expect(text).toContain("пункту 6 Правил");
  });

  it("warns an employee due within 90 days, with the days left", async () => {
    const text = await statusText("kk", "2025-01-20");
    expect(text).toContain("2027 жылғы 20 қаңтарға дейін өту керек (56 күн қалды)");
  });

  it("tells an overdue employee since when (a 29 February certificate is due on 28 February)", async () => {
    const text = await statusText("ru", "2024-02-29");
    expect(text).toContain("Срок повышения квалификации истёк 28.02.2026");
    expect(text).toContain("просрочено дней: 270");
  });
});

describe("my cohort and the agreement", () => {
  it("shows the cohort with the order, and records the agreement once", async () => {
    const { user, employeeId } = await employeeWith("ru", null);
    const cohortId = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2026-12-01",
      endsOn: "2026-12-10",
      scheduleText: "Пн–Пт, 09:00–17:00",
    });
    await enrol(app.deps.db, employeeId, cohortId);

    await user.send("/menu");
    await user.press("🎓 Мой поток");
    const cohort = user.lastText();
    expect(cohort).toContain("Защита прав детей: современные подходы");
    expect(cohort).toContain("01.12.2026 – 10.12.2026");
    expect(cohort).toContain("очная");
    expect(cohort).toContain("Объём: 72 академических часа");
    expect(cohort).toContain("№ 47-ө от 01.09.2026");
    expect(cohort).toContain("Пн–Пт, 09:00–17:00");

    await user.press("✍️ Договор");
    expect(user.lastText()).toContain("пройти итоговое тестирование");
    await user.press("✅ Принимаю условия");
    expect(user.lastText()).toContain("Договор подтверждён: 25.11.2026 11:00");

    const row = await app.deps.db
      .selectFrom("enrolments")
      .select("agreement_confirmed_at")
      .where("employee_id", "=", employeeId)
      .executeTakeFirstOrThrow();
    expect(row.agreement_confirmed_at?.toISOString()).toBe("2026-11-25T06:00:00.000Z");

    await user.send("/menu");
    await user.press("✍️ Договор");
    expect(user.lastText()).toContain("Договор подтверждён: 25.11.2026 11:00");
    expect(user.inlineButtons()).not.toContain("✅ Принимаю условия");
  });

  it("in Kazakh too", async () => {
    const { user, employeeId } = await employeeWith("kk", null);
    const cohortId = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2026-12-01",
      endsOn: "2026-12-10",
    });
    await enrol(app.deps.db, employeeId, cohortId);
    await user.send("/menu");
    await user.press("🎓 Оқу легім");
    expect(user.lastText()).toContain("Оқу мерзімі: 01.12.2026 – 10.12.2026");
    await user.press("✍️ Келісім");
    await user.press("✅ Шарттармен келісемін");
    expect(user.lastText()).toContain("Келісім расталды: 25.11.2026 11:00");
  });

  it("cannot confirm someone else's agreement by forging the button", async () => {
    const victim = await employeeWith("ru", null);
    const cohortId = await createCohort(app.deps.db, {
      providerId,
      startsOn: "2026-12-01",
      endsOn: "2026-12-10",
    });
    const victimEnrolment = await enrol(app.deps.db, victim.employeeId, cohortId);
    const { user: attacker } = await employeeWith("ru", null);
    await attacker.pressCallbackData(
      routes.agreementConfirm.pack({ grant: { role: "employee" }, enrolment: victimEnrolment }),
      attacker.lastMessage.message_id,
    );
    expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    const row = await app.deps.db
      .selectFrom("enrolments")
      .select("agreement_confirmed_at")
      .where("id", "=", victimEnrolment)
      .executeTakeFirstOrThrow();
    expect(row.agreement_confirmed_at).toBeNull();
  });

  it("cannot download someone else's certificate", async () => {
    const victim = await employeeWith("ru", "2025-05-05");
    const certificate = await app.deps.db
      .selectFrom("certificates")
      .select("id")
      .where("employee_id", "=", victim.employeeId)
      .executeTakeFirstOrThrow();
    const { user: attacker } = await employeeWith("ru", null);
    const forged = routes.documentFile.pack({
      grant: { role: "employee" },
      kind: "certificate",
      document: certificate.id,
      language: "ru",
    });
    await attacker.pressCallbackData(forged, attacker.lastMessage.message_id);
    expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    // The old form of the button, or a language the bot has no text in, is refused by the table.
    for (const data of [`ed:c:${certificate.id}`, `edf:certificate:${certificate.id}:en`]) {
      await attacker.pressCallbackData(data, attacker.lastMessage.message_id);
      expect(app.sim.calls.at(-1)?.params).toMatchObject({
        text: "Эта кнопка устарела. Откройте меню заново: /menu",
      });
    }
    expect(attacker.messages.some((m) => m.document)).toBe(false);
  });
});
