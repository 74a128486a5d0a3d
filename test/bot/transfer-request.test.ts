// An employee asks to move to another cohort for a valid reason (item 13.2); the
// regional coordinator of their region hears of it at once and decides.
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
import { photoJpeg, truncatedRgbaPng } from "../support/images.js";

const REGIONAL = 4000;
const OTHER_REGIONAL = 4001;
let app: TestBot;
let district: number;
let providerId: number;
let currentCohort: number;
let laterCohort: number;
let nextYearCohort: number;
let nextId = 4100;

beforeAll(async () => {
  app = await startTestBot();
  const db = app.deps.db;
  district = await unitId(db, KATO.abaiDistrict);
  providerId = await createProvider(db);
  currentCohort = await createCohort(db, {
    providerId,
    startsOn: "2026-12-01",
    endsOn: "2026-12-05",
  });
  laterCohort = await createCohort(db, {
    providerId,
    startsOn: "2026-12-14",
    endsOn: "2026-12-24",
  });
  nextYearCohort = await createCohort(db, {
    providerId,
    startsOn: "2027-01-18",
    endsOn: "2027-01-29",
  });
  await grantRole(db, REGIONAL, "regional_coordinator", {
    unitId: await unitId(db, KATO.abaiRegion),
  });
  await grantRole(db, OTHER_REGIONAL, "regional_coordinator", {
    unitId: await unitId(db, KATO.akmolaRegion),
  });
});
afterAll(() => app.database.close());

async function enrolledEmployee(
  language: "kk" | "ru",
  status: "enrolled" | "passed" | "failed" = "enrolled",
) {
  const telegramId = nextId++;
  const employeeId = await createEmployee(app.deps.db, {
    unitId: district,
    telegramId,
    lastName: `Тест${telegramId}`,
  });
  const enrolmentId = await enrol(app.deps.db, employeeId, currentCohort, status);
  const user = app.sim.user({ id: telegramId, language_code: language });
  await user.send("/start");
  return { user, employeeId, enrolmentId };
}

describe("a transfer request", () => {
  it("goes through reason, comment, evidence, target and summary, and reaches the regional coordinator", async () => {
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.send("/start");
    const otherRegional = app.sim.user({ id: OTHER_REGIONAL, language_code: "ru" });
    await otherRegional.send("/start");
    const { user, enrolmentId, employeeId } = await enrolledEmployee("ru");

    await user.press("🔁 Перевод в другой поток");
    expect(user.lastText()).toContain("Выберите уважительную причину");
    await user.press("🤒 Болезнь");
    await user.send("Больничный лист с 28.11");
    await user.sendPhoto({ bytes: truncatedRgbaPng(), caption: "справка" });
    expect(user.lastText()).toContain("Не удалось прочитать изображение");
    await user.sendPhoto({ bytes: await photoJpeg(), caption: "справка" });
    expect(user.lastText()).toContain("В какой поток");
    // Only the cohort of the current year with places is offered, not the current one nor 2027's.
    expect(user.lastText()).toContain(
      "1. «Защита прав детей: современные подходы», НОЦ «Центр защиты прав детей», 14.12.2026 – 24.12.2026, свободных мест: 25",
    );
    expect(user.inlineButtons()).toEqual([
      "1. 14.12.2026–24.12.2026",
      "Пусть выберет координатор",
      "✖️ Отменить",
    ]);
    await user.press("1. 14.12.2026–24.12.2026");
    const summary = user.lastText();
    expect(summary).toContain("Причина: 🤒 Болезнь");
    expect(summary).toContain("Комментарий: Больничный лист с 28.11");
    expect(summary).toContain("Подтверждающий документ: фото");
    await user.press("📨 Отправить заявление");
    expect(user.lastText()).toMatch(/Заявление № \d+ отправлено/);

    const request = await app.deps.db
      .selectFrom("transfer_requests")
      .selectAll()
      .where("enrolment_id", "=", enrolmentId)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      reason: "illness",
      status: "pending",
      target_cohort_id: laterCohort,
      evidence_kind: "photo",
    });

    expect(regional.lastText()).toContain(`Новое заявление о переводе № ${request.id}`);
    expect(otherRegional.texts().join("\n")).not.toContain("Новое заявление о переводе");

    // The coordinator opens it, sees the evidence as it was sent, and approves.
    await regional.press("Открыть заявление");
    expect(regional.texts().join("\n")).toContain("Причина: 🤒 Болезнь");
    expect(regional.lastMessage.photo).toBeDefined();
    await regional.press("✅ Перевести в выбранный поток");
    // The employee is sent to the new cohort by the head's order (items 9, 13.2).
    await regional.press("Номер и дата приказа ›");
    await regional.send("48-ө");
    await regional.send("25.11.2026");
    expect(regional.lastText()).toContain("удовлетворено");
    expect(user.lastText()).toContain(`Ваше заявление о переводе № ${request.id} удовлетворено`);

    const enrolments = await app.deps.db
      .selectFrom("enrolments")
      .select(["cohort_id", "status"])
      .where("employee_id", "=", employeeId)
      .orderBy("id")
      .execute();
    expect(enrolments).toEqual([
      { cohort_id: currentCohort, status: "transferred" },
      { cohort_id: laterCohort, status: "enrolled" },
    ]);
    const audit = await app.deps.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "transfer_request")
      .where("entity_id", "=", String(request.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "transfer_request.create",
      "transfer_request.approve",
    ]);
  });

  it("can leave the choice to the coordinator, who rejects it with a reason the employee sees", async () => {
    const { user } = await enrolledEmployee("kk");
    await user.press("🔁 Басқа лекке ауысу");
    await user.press("🌊 Дүлей зілзала");
    await user.press("Өткізіп жіберу ›");
    await user.press("Өткізіп жіберу ›");
    await user.press("Үйлестіруші таңдасын");
    expect(user.lastText()).toContain("Қай лекке: Үйлестіруші таңдасын");
    await user.press("📨 Өтінішті жіберу");

    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.press("Открыть заявление");
    await regional.press("❌ Отказать");
    await regional.send("Нет подтверждающих документов");
    expect(regional.lastText()).toContain("отказано");
    expect(user.lastText()).toContain("қанағаттандырылмады");
    expect(user.lastText()).toContain("Нет подтверждающих документов");
  });

  it("asks again when the answer does not fit the step, and /cancel leaves without a request", async () => {
    const { user, enrolmentId } = await enrolledEmployee("ru");
    await user.press("🔁 Перевод в другой поток");
    await user.send("просто текст вместо кнопки");
    expect(user.lastText()).toContain("Выберите одну из кнопок");
    await user.press("🚨 Чрезвычайная ситуация");
    await user.sendDocument({
      fileName: "справка.pdf",
      mimeType: "application/pdf",
      bytes: Buffer.from("%PDF-1.4"),
    });
    expect(user.lastText()).toContain("Отправьте комментарий текстом");
    await user.send("/cancel");
    expect(user.lastText()).toContain("Отменено");
    const requests = await app.deps.db
      .selectFrom("transfer_requests")
      .select("id")
      .where("enrolment_id", "=", enrolmentId)
      .execute();
    expect(requests).toEqual([]);
  });
});

describe("a transfer request is refused", () => {
  it("when the employee already holds a certificate from the training", async () => {
    const { user } = await enrolledEmployee("ru", "passed");
    await user.press("🔁 Перевод в другой поток");
    expect(user.lastText()).toContain("уже получили сертификат");
  });

  it("when a request is already waiting", async () => {
    const { user } = await enrolledEmployee("ru");
    await user.press("🔁 Перевод в другой поток");
    await user.press("🤒 Болезнь");
    await user.press("Пропустить ›");
    await user.press("Пропустить ›");
    await user.press("Пусть выберет координатор");
    await user.press("📨 Отправить заявление");
    await user.send("/menu");
    await user.press("🔁 Перевод в другой поток");
    expect(user.lastText()).toContain("уже рассматривается");
  });

  it("when no cohort of the current year has places left", async () => {
    await app.deps.db
      .updateTable("cohorts")
      .set({ capacity: 1 })
      .where("id", "=", laterCohort)
      .execute();
    try {
      const { user } = await enrolledEmployee("kk");
      await user.press("🔁 Басқа лекке ауысу");
      expect(user.lastText()).toContain("Ағымдағы жылы бос орны бар");
    } finally {
      await app.deps.db
        .updateTable("cohorts")
        .set({ capacity: 25 })
        .where("id", "=", laterCohort)
        .execute();
    }
  });

  it("is never shown to a coordinator of another region, whatever callback data they send", async () => {
    const request = await app.deps.db
      .selectFrom("transfer_requests")
      .select("id")
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    const otherRegional = app.sim.user({ id: OTHER_REGIONAL, language_code: "ru" });
    await otherRegional.send("/menu");
    const akmola = await unitId(app.deps.db, KATO.akmolaRegion);
    const abai = await unitId(app.deps.db, KATO.abaiRegion);
    const denied = "Это действие вам недоступно.";
    const attempts: Array<[string, string]> = [
      [`tv:r${akmola}:${request.id}`, denied],
      [`tv:r${abai}:${request.id}`, denied],
      [`tn:r${akmola}:${request.id}`, denied],
      [`ty:r${abai}:${request.id}:${laterCohort}`, denied],
      [
        `ty:r${akmola}:${request.id}:${laterCohort}`,
        "Это заявление уже рассмотрено или вам недоступно.",
      ],
    ];
    for (const [data, answer] of attempts) {
      await otherRegional.pressCallbackData(data, otherRegional.lastMessage.message_id);
      expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: answer });
    }
    const still = await app.deps.db
      .selectFrom("transfer_requests")
      .select("status")
      .where("id", "=", request.id)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe("pending");
  });

  it("cannot be approved into a cohort of the next year, even by forged callback data", async () => {
    const request = await app.deps.db
      .selectFrom("transfer_requests")
      .select("id")
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow();
    const regional = app.sim.user({ id: REGIONAL, language_code: "ru" });
    await regional.send("/menu");
    const abai = await unitId(app.deps.db, KATO.abaiRegion);
    await regional.pressCallbackData(
      `ty:r${abai}:${request.id}:${nextYearCohort}`,
      regional.lastMessage.message_id,
    );
    expect(app.sim.calls.at(-1)?.params).toMatchObject({
      text: "Перевести в этот поток нельзя: нет мест, поток завершён или не относится к текущему году.",
    });
    const still = await app.deps.db
      .selectFrom("transfer_requests")
      .select("status")
      .where("id", "=", request.id)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe("pending");
  });
});
