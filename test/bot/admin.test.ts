// The national administrator: training organizations and the national overview.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../bot/routes/index.js";
import { createEmployee, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const ADMIN = 9900;
let app: TestBot;
beforeAll(async () => {
  app = await startTestBot({ admins: [ADMIN] });
});
afterAll(() => app.database.close());

describe("an admin", () => {
  it("creates a provider (the prefix is checked and must be unique), edits and deactivates it", async () => {
    const admin = app.sim.user({ id: ADMIN, language_code: "ru" });
    await admin.send("/start");
    await admin.press("🏫 Организации");
    expect(admin.lastText()).toBe("Организаций пока нет.");
    await admin.press("➕ Добавить организацию");
    await admin.send("«Балалар құқығы» оқу орталығы");
    await admin.send("Учебный центр «Балалар құқығы»");
    await admin.send("Мұқанова Г. С.");
    await admin.send("ұбо");
    expect(admin.texts().at(-2)).toBe("Префикс — это 2–10 заглавных букв или цифр.");
    await admin.send("ҰБО");
    expect(admin.lastText()).toBe(
      "✅ Организация добавлена: Учебный центр «Балалар құқығы», префикс ҰБО.",
    );

    await admin.send("/menu");
    await admin.press("🏫 Организации");
    await admin.press("Учебный центр «Балалар құқығы»");
    await admin.press("Руководитель");
    await admin.send("Сейтжанова А. Б.");
    expect(admin.lastText()).toBe("✅ Сохранено.");
    await admin.send("/menu");
    await admin.press("🏫 Организации");
    await admin.press("Учебный центр «Балалар құқығы»");
    expect(admin.lastText()).toContain("Руководитель: Сейтжанова А. Б.");
    await admin.press("⏸ Сделать неактивной");
    const provider = await app.deps.db
      .selectFrom("providers")
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(provider).toMatchObject({
      active: false,
      head_name: "Сейтжанова А. Б.",
      certificate_prefix: "ҰБО",
    });
    const audit = await app.deps.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "provider")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "provider.create",
      "provider.update",
      "provider.deactivate",
    ]);
  });

  it("sees the national overview by region", async () => {
    await createEmployee(app.deps.db, { unitId: await unitId(app.deps.db, KATO.abaiDistrict) });
    await createEmployee(app.deps.db, { unitId: await unitId(app.deps.db, KATO.astana) });
    const admin = app.sim.user({ id: ADMIN, language_code: "kk" });
    await admin.send("/menu");
    await admin.press("📊 Обзор по республике");
    const text = admin.lastText();
    expect(text).toContain("Всего: 2 · ✅ 0 · ⏳ 0 · ❗️ 0 · ⚪️ 2");
    expect(text).toContain("Область Абай: 1");
    expect(text).toContain("Город Астана: 1");
  });

  it("is the only one who gets there", async () => {
    const stranger = app.sim.user({ id: 9901, language_code: "ru" });
    await stranger.send("/start");
    const grant = { role: "admin" } as const;
    for (const data of [
      routes.providers.pack({ grant }),
      routes.providerNew.pack({ grant }),
      routes.nationalOverview.pack({ grant }),
      routes.providerToggle.pack({ grant, provider: 1 }),
      routes.providerEdit.pack({ grant, provider: 1, field: "name_kk" }),
    ]) {
      await stranger.pressCallbackData(data, stranger.lastMessage.message_id);
      expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    }
  });

  it("refuses forged provider buttons before any screen runs, even an admin's", async () => {
    const admin = app.sim.user({ id: ADMIN, language_code: "ru" });
    await admin.send("/menu");
    // A field that is not one of the four, a provider id that is not a number, parts missing.
    for (const data of ["ape:1:9", "ape:1:iin", "apv:x", "apx", "ape:1", "cr:a:z:0", "al:31:0"]) {
      await admin.pressCallbackData(data, admin.lastMessage.message_id);
      expect(app.sim.calls.at(-1)?.params, data).toMatchObject({
        text: "Эта кнопка устарела. Откройте меню заново: /menu",
      });
    }
  });
});
