// Joining by phone number, and people with several roles.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmployee, createProvider, grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

let app: TestBot;
beforeAll(async () => {
  app = await startTestBot();
});
afterAll(() => app.database.close());

describe("binding by phone number", () => {
  it("accepts the person's own contact when it matches their record", async () => {
    const district = await unitId(app.deps.db, KATO.abaiDistrict);
    const employeeId = await createEmployee(app.deps.db, {
      unitId: district,
      phone: "77011234567",
    });
    const user = app.sim.user({ id: 2001, language_code: "ru" });
    await user.send("/start");
    await user.shareContact({ phone_number: "+7 701 123 45 67" });
    expect(user.texts().join("\n")).toContain("бот вас узнал");
    // The personal-data notice comes first; agreeing opens the employee's menu.
    expect(user.lastText()).toContain("Уведомление о персональных данных");
    await user.press("✅ Даю согласие");
    expect(user.lastText()).toContain("Работник");
    const row = await app.deps.db
      .selectFrom("employees")
      .select("telegram_user_id")
      .where("id", "=", employeeId)
      .executeTakeFirstOrThrow();
    expect(row.telegram_user_id).toBe(2001);
  });

  it("refuses someone else's contact, even with a matching number", async () => {
    const district = await unitId(app.deps.db, KATO.abaiDistrict);
    const employeeId = await createEmployee(app.deps.db, {
      unitId: district,
      phone: "77017654321",
    });
    const user = app.sim.user({ id: 2002, language_code: "ru" });
    await user.send("/start");
    await user.shareContact({ phone_number: "77017654321", user_id: 2999 });
    expect(user.lastText()).toContain("Контакт другого человека не принимается");
    const row = await app.deps.db
      .selectFrom("employees")
      .select("telegram_user_id")
      .where("id", "=", employeeId)
      .executeTakeFirstOrThrow();
    expect(row.telegram_user_id).toBeNull();
  });

  it("says so when no record has the number", async () => {
    const user = app.sim.user({ id: 2003, language_code: "kk" });
    await user.send("/start");
    await user.shareContact({ phone_number: "77000000000" });
    expect(user.lastText()).toContain("табылмады");
  });
});

describe("a person with two roles", () => {
  it("picks which menu to open, and can switch", async () => {
    const district = await unitId(app.deps.db, KATO.abaiDistrict);
    const providerId = await createProvider(app.deps.db);
    await createEmployee(app.deps.db, { unitId: district, telegramId: 2100 });
    await grantRole(app.deps.db, 2100, "provider_coordinator", { providerId });

    const user = app.sim.user({ id: 2100, language_code: "ru" });
    await user.send("/start");
    expect(user.lastText()).toContain("У вас несколько ролей");
    // The message names each role in full; the buttons carry the icon and the scope.
    expect(user.lastText()).toContain("🏫 Координатор организации: НОЦ «Центр защиты прав детей»");
    expect(user.inlineButtons()).toEqual(["👤 Работник", "🏫 НОЦ «Центр защиты прав…"]);

    await user.press("👤 Работник");
    expect(user.lastText()).toContain("Работник");
    expect(user.inlineButtons()).toContain("📅 Срок повышения квалификации");

    await user.press("🔁 Другая роль");
    await user.press(/^🏫 НОЦ/);
    expect(user.lastText()).toContain("Координатор организации: НОЦ «Центр защиты прав детей»");
  });

  it("cannot open a menu of a role they do not hold by sending its callback data", async () => {
    const user = app.sim.user({ id: 2100, language_code: "ru" });
    await user.send("/menu");
    await user.pressCallbackData("m:a", user.lastMessage.message_id);
    expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    expect(user.lastText()).toContain("У вас несколько ролей");
  });
});

describe("whom About tells an employee to ask", () => {
  it("names the body's own coordinators: district ones for a district, regional ones for the region's own staff", async () => {
    const district = await unitId(app.deps.db, KATO.abaiDistrict);
    const region = await unitId(app.deps.db, KATO.abaiRegion);
    await grantRole(app.deps.db, 2200, "district_coordinator", { unitId: district });
    await grantRole(app.deps.db, 2201, "regional_coordinator", { unitId: region });
    await createEmployee(app.deps.db, { unitId: district, telegramId: 2202 });
    await createEmployee(app.deps.db, { unitId: region, telegramId: 2203 });

    const inDistrict = app.sim.user({ id: 2202, language_code: "ru" });
    await inDistrict.send("/about");
    expect(inDistrict.lastText()).toContain(
      "По вопросам обращайтесь к координатору своего органа: User2200.",
    );
    // An employee of the region-level body has no district: the regional coordinator answers.
    const inRegion = app.sim.user({ id: 2203, language_code: "kk" });
    await inRegion.send("/about");
    expect(inRegion.lastText()).toContain(
      "Сұрақтар бойынша өз органыңыздың үйлестірушісіне хабарласыңыз: User2201.",
    );
    expect(inRegion.lastText()).not.toContain("ауданыңыз");
  });
});
