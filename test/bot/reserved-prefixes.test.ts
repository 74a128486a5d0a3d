// A certificate prefix given up by one organization and taken by
// another made the second one's results fail on a duplicate number. Prefixes once
// used stay reserved to their organization: the admin is told which organization
// holds it and asked again, and the database refuses it whatever code tries.
import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../../db/migrations/index.js";
import { seedUnits } from "../../db/seed/units.js";
import { createTestDatabase, postgresUrl } from "../support/database.js";
import {
  createEmployee,
  createProvider,
  issueCertificate,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const ADMIN = 8700;
const SECOND_ADMIN = 8701;
const THIRD_ADMIN = 8702;
let app: TestBot;
let firstProvider: number;

beforeAll(async () => {
  app = await startTestBot({ admins: [ADMIN, SECOND_ADMIN, THIRD_ADMIN] });
  firstProvider = await createProvider(app.deps.db, "ҰБО");
  const employeeId = await createEmployee(app.deps.db, {
    unitId: await unitId(app.deps.db, KATO.abaiDistrict),
  });
  await issueCertificate(app.deps.db, {
    employeeId,
    providerId: firstProvider,
    issuedOn: "2026-06-01",
    number: "ҰБО-2026-000001",
  });
});
afterAll(() => app.database.close());

const PREFIX_QUESTION =
  "Отправьте префикс номера сертификата: 2–10 заглавных букв или цифр (например, ҰБО).";
const RESERVED_BY_FIRST =
  "Префикс занят: его использует или использовала организация «НОЦ «Центр защиты прав детей»», и её сертификаты с этим префиксом остаются в журнале. Префикс, однажды использованный, навсегда закреплён за своей организацией. Отправьте другой префикс.";

async function startNewOrganization(id: number, nameRu: string) {
  const admin = app.sim.user({ id, language_code: "ru" });
  await admin.send("/menu");
  await admin.press("🏫 Организации");
  await admin.press("➕ Добавить организацию");
  await admin.send(`«${nameRu}» оқу орталығы`);
  await admin.send(nameRu);
  await admin.send("Серікова А. Б.");
  return admin;
}

describe("a certificate prefix once used", () => {
  it("stays with its organization after it gives it up: another is refused with a clear message and asked again", async () => {
    const admin = app.sim.user({ id: ADMIN, language_code: "ru" });
    await admin.send("/start");
    await admin.press("🏫 Организации");
    await admin.press("НОЦ «Центр защиты прав детей»");
    await admin.press("Префикс номера");
    await admin.send("ЦЗПД");
    expect(admin.lastText()).toBe("✅ Сохранено.");
    expect(admin.inlineButtons()).toEqual(["‹ К организации", "🏫 Организации", "🏠 Меню"]);

    await startNewOrganization(ADMIN, "Учебный центр «Жаңа»");
    await admin.send("ҰБО");
    expect(admin.texts().at(-2)).toBe(RESERVED_BY_FIRST);
    expect(admin.lastText()).toBe(PREFIX_QUESTION);
    await admin.send("ЖАҢА");
    expect(admin.lastText()).toBe("✅ Организация добавлена: Учебный центр «Жаңа», префикс ЖАҢА.");
    // Not a dead end: the screen offers a way on.
    expect(admin.inlineButtons()).toEqual(["‹ К организации", "🏫 Организации", "🏠 Меню"]);

    // Editing the new organization's prefix to one in use is refused the same way, in Kazakh too.
    const kk = app.sim.user({ id: SECOND_ADMIN, language_code: "kk" });
    await kk.send("/start");
    await kk.press("🏫 Ұйымдар");
    await kk.press("«Учебный центр «Жаңа»» оқу орталығы");
    await kk.press("Нөмір префиксі");
    await kk.send("ЦЗПД");
    expect(kk.texts().at(-2)).toContain(
      "Префикс бос емес: оны ««Балалардың құқықтарын қорғау орталығы» ҰБО» ұйымы",
    );
    await kk.send("ЖАҢА2");
    expect(kk.lastText()).toBe("✅ Сақталды.");

    // The first organization may take its own old prefix back.
    await admin.send("/menu");
    await admin.press("🏫 Организации");
    await admin.press("НОЦ «Центр защиты прав детей»");
    await admin.press("Префикс номера");
    await admin.send("ҰБО");
    expect(admin.lastText()).toBe("✅ Сохранено.");

    const reserved = await app.deps.db
      .selectFrom("certificate_prefixes")
      .select(["prefix", "provider_id"])
      .orderBy("prefix")
      .execute();
    const second = await app.deps.db
      .selectFrom("providers")
      .select("id")
      .where("certificate_prefix", "=", "ЖАҢА2")
      .executeTakeFirstOrThrow();
    expect(reserved).toEqual(
      [
        { prefix: "ЖАҢА", provider_id: second.id },
        { prefix: "ЖАҢА2", provider_id: second.id },
        { prefix: "ЦЗПД", provider_id: firstProvider },
        { prefix: "ҰБО", provider_id: firstProvider },
      ].sort((a, b) => (a.prefix < b.prefix ? -1 : 1)),
    );
  });

  it("is refused by the database itself, whatever code writes the provider", async () => {
    await expect(createProvider(app.deps.db, "ЖАҢА")).rejects.toMatchObject({ code: "23505" });
    await expect(
      app.deps.db
        .updateTable("providers")
        .set({ certificate_prefix: "ЦЗПД" })
        .where("certificate_prefix", "=", "ЖАҢА2")
        .execute(),
    ).rejects.toMatchObject({ code: "23505" });
  });

  it("taken by two admins at the same moment goes to one; the other is told who holds it", async () => {
    const first = await startNewOrganization(ADMIN, "Центр «Бірінші»");
    const second = await startNewOrganization(THIRD_ADMIN, "Центр «Екінші»");
    await Promise.all([first.send("ҚОС"), second.send("ҚОС")]);
    const answers = [first.texts().at(-1), second.texts().at(-2)];
    const created = [first, second].filter((a) =>
      a.lastText().startsWith("✅ Организация добавлена"),
    );
    expect(created).toHaveLength(1);
    const refused = created[0] === first ? second : first;
    expect(refused.texts().at(-2)).toMatch(
      /^Префикс занят: его использует или использовала организация «Центр «(Бірінші|Екінші)»»/,
    );
    expect(refused.lastText()).toBe(PREFIX_QUESTION);
    expect(answers).toHaveLength(2);
    const holders = await app.deps.db
      .selectFrom("providers")
      .select("id")
      .where("certificate_prefix", "=", "ҚОС")
      .execute();
    expect(holders).toHaveLength(1);
  });
});

describe("the migration that reserves prefixes", () => {
  it("reserves the prefixes of existing organizations and of the certificates they issued", async () => {
    const mine = "2026-11-26T07-00-00_reserved_prefixes_and_revocation";
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
      await issueCertificate(db, {
        employeeId,
        providerId: provider,
        issuedOn: "2025-03-01",
        number: "ЕСКІ-2025-000007",
      });
      // Before the fix, the prefix could simply be given up and taken by another.
      await db.updateTable("providers").set({ certificate_prefix: "ҚАЗІР" }).execute();

      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const { error } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      const reserved = await db
        .selectFrom("certificate_prefixes")
        .select(["prefix", "provider_id"])
        .orderBy("prefix")
        .execute();
      expect(reserved).toEqual([
        { prefix: "ЕСКІ", provider_id: provider },
        { prefix: "ҚАЗІР", provider_id: provider },
      ]);
      await expect(createProvider(db, "ЕСКІ")).rejects.toMatchObject({ code: "23505" });
    } finally {
      await database.close();
    }
  });
});
