// Invite links: an admin invites a coordinator, a coordinator invites an
// employee. Each link works once, expires, and is stored only as a hash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routes } from "../../bot/routes/index.js";
import { hashCode } from "../../bot/services/invites.js";
import { createEmployee, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const ADMIN = 500;
let app: TestBot;
beforeAll(async () => {
  app = await startTestBot({ admins: [ADMIN] });
});
afterAll(() => app.database.close());

function linkIn(text: string): string {
  const match = /https:\/\/t\.me\/\w+\?start=(i-[\w-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`no invite link in: ${text}`);
  return match[1];
}

async function adminInvitesDistrictCoordinator(): Promise<string> {
  const admin = app.sim.user({ id: ADMIN, language_code: "ru" });
  await admin.send("/start");
  await admin.press("✉️ Пригласить координатора");
  await admin.press("🏘 Координатор района");
  await admin.press("Область Абай");
  await admin.press("Абайский район");
  const text = admin.lastText();
  expect(text).toContain("Координатор районного органа");
  expect(text).toContain("Абайский район");
  return linkIn(text);
}

describe("a coordinator invite", () => {
  it("makes the person a district coordinator of that district, once", async () => {
    const payload = await adminInvitesDistrictCoordinator();

    const coordinator = app.sim.user({ id: 600, language_code: "ru" });
    await coordinator.send(`/start ${payload}`);
    expect(coordinator.texts().join("\n")).toContain(
      "Ваша роль: Координатор районного органа: Абайский район",
    );
    // The coordinator's own personal-data notice comes first; agreeing opens the menu.
    expect(coordinator.lastText()).toContain("Уведомление о персональных данных для координатора");
    await coordinator.press("✅ Даю согласие");
    expect(coordinator.lastText()).toContain("Выберите раздел");

    const stranger = app.sim.user({ id: 601, language_code: "ru" });
    await stranger.send(`/start ${payload}`);
    expect(stranger.texts().join("\n")).toContain("уже была использована");
    const memberships = await app.deps.db
      .selectFrom("memberships")
      .select("telegram_user_id")
      .execute();
    expect(memberships.map((m) => m.telegram_user_id)).toEqual([600]);
  });

  it("is kept only as a hash", async () => {
    const payload = await adminInvitesDistrictCoordinator();
    const code = payload.slice(2);
    const rows = await app.deps.db.selectFrom("invites").select("code_hash").execute();
    expect(rows.some((r) => r.code_hash.includes(code))).toBe(false);
    expect(rows.some((r) => r.code_hash === hashCode(code))).toBe(true);
  });

  it("expires after 14 days", async () => {
    const payload = await adminInvitesDistrictCoordinator();
    app.clock.advanceDays(15);
    try {
      const late = app.sim.user({ id: 602, language_code: "kk" });
      await late.send(`/start ${payload}`);
      expect(late.texts().join("\n")).toContain("мерзімі өтіп кеткен");
    } finally {
      app.clock.advanceDays(-15);
    }
  });

  it("refuses a made-up code", async () => {
    const guesser = app.sim.user({ id: 603, language_code: "ru" });
    await guesser.send("/start i-AAAAAAAAAAAAAAAAAAAAAAAA");
    expect(guesser.texts().join("\n")).toContain("недействительна");
  });

  it("is not offered to someone who is not an admin, whatever they press", async () => {
    const intruder = app.sim.user({ id: 604, language_code: "ru" });
    await intruder.send("/start");
    await intruder.pressCallbackData(
      routes.coordinatorInvite.pack({ grant: { role: "admin" } }),
      intruder.lastMessage.message_id,
    );
    expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
  });
});

describe("an employee invite", () => {
  it("binds the employee record to the Telegram account that opens it, once", async () => {
    const district = await unitId(app.deps.db, KATO.abaiDistrict);
    const employeeId = await createEmployee(app.deps.db, {
      unitId: district,
      lastName: "Құрманғазы",
      firstName: "Өмірзақ",
      patronymic: null,
    });
    const coordinator = app.sim.user({ id: 600, language_code: "ru" });
    await coordinator.send("/menu");
    await coordinator.press("✉️ Пригласить работников");
    await coordinator.press("Құрманғазы Ө.");
    const payload = linkIn(coordinator.lastText());
    expect(coordinator.lastText()).toContain("Құрманғазы Өмірзақ");

    const employee = app.sim.user({ id: 700, language_code: "kk" });
    await employee.send(`/start ${payload}`);
    expect(employee.texts().join("\n")).toContain("Сіздің рөліңіз: Қызметкер");
    const bound = await app.deps.db
      .selectFrom("employees")
      .select("telegram_user_id")
      .where("id", "=", employeeId)
      .executeTakeFirstOrThrow();
    expect(bound.telegram_user_id).toBe(700);

    const other = app.sim.user({ id: 701, language_code: "kk" });
    await other.send(`/start ${payload}`);
    expect(other.texts().join("\n")).toContain("бұрын пайдаланылған");
  });

  it("cannot be made for an employee of another district, whatever callback data is sent", async () => {
    const elsewhere = await unitId(app.deps.db, KATO.semeyCity);
    const foreignEmployee = await createEmployee(app.deps.db, {
      unitId: elsewhere,
      lastName: "Бөтен",
    });
    const coordinator = app.sim.user({ id: 600, language_code: "ru" });
    await coordinator.send("/menu");
    const district = await unitId(app.deps.db, KATO.abaiDistrict);
    await coordinator.pressCallbackData(
      routes.employeeInviteLink.pack({
        grant: { role: "district_coordinator" as const, unitId: district },
        employee: foreignEmployee,
      }),
      coordinator.lastMessage.message_id,
    );
    expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    // Pretending to hold the other district's role does not help either.
    await coordinator.pressCallbackData(
      routes.employeeInviteLink.pack({
        grant: { role: "district_coordinator" as const, unitId: elsewhere },
        employee: foreignEmployee,
      }),
      coordinator.lastMessage.message_id,
    );
    expect(app.sim.calls.at(-1)?.params).toMatchObject({ text: "Это действие вам недоступно." });
    const invites = await app.deps.db
      .selectFrom("invites")
      .select("employee_id")
      .where("employee_id", "=", foreignEmployee)
      .execute();
    expect(invites).toEqual([]);
  });
});
