// A district coordinator's "📣 Reminders": what goes out in the next 7 days, the
// last week's deliveries, and who must be called because the bot cannot reach them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../../bot/outbox/outbox.js";
import {
  createCohort,
  createEmployee,
  createProvider,
  enrol,
  grantRole,
  issueCertificate,
  KATO,
  unitId,
} from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const COORDINATOR = 9800;
let app: TestBot;

beforeAll(async () => {
  app = await startTestBot();
  app.clock.set("2026-12-08T10:00:00+05:00");
  const db = app.deps.db;
  const district = await unitId(db, KATO.abaiDistrict);
  const provider = await createProvider(db);
  await grantRole(db, COORDINATOR, "district_coordinator", { unitId: district });
  // Joined, due on 10.03.2027: the 90-day reminder falls on 10.12.2026.
  const joined = await createEmployee(db, {
    unitId: district,
    telegramId: 9801,
    lastName: "Қосылған",
  });
  await issueCertificate(db, {
    employeeId: joined,
    providerId: provider,
    issuedOn: "2025-03-10",
    number: "S-1",
  });
  // Never joined and never trained; and one who blocked the bot while overdue.
  await createEmployee(db, {
    unitId: district,
    lastName: "Қосылмаған",
    firstName: "Асқар",
    phone: "77017778899",
  });
  const blocked = await createEmployee(db, {
    unitId: district,
    telegramId: 9802,
    lastName: "Бұғаттаған",
    firstName: "Дина",
  });
  await issueCertificate(db, {
    employeeId: blocked,
    providerId: provider,
    issuedOn: "2024-01-15",
    number: "S-2",
  });
  await db
    .updateTable("telegram_users")
    .set({ unreachable_at: new Date() })
    .where("telegram_id", "=", 9802)
    .execute();
  // A provider whose cohort ended on 07.12.2026 without results.
  await grantRole(db, 9810, "provider_coordinator", { providerId: provider });
  const cohort = await createCohort(db, {
    providerId: provider,
    startsOn: "2026-12-01",
    endsOn: "2026-12-07",
  });
  await enrol(db, joined, cohort);
  await enqueue(db, [
    {
      telegramId: 9801,
      textKey: "reminders.due",
      params: { date: "x", days: 1 },
      dedupeKey: "old",
      notBefore: new Date(),
    },
  ]);
  await db
    .updateTable("outbox")
    .set({ status: "sent", created_at: app.clock.now() })
    .where("dedupe_key", "=", "old")
    .execute();
});
afterAll(() => app.database.close());

describe("the reminders screen", () => {
  it("shows the coming week, last week's deliveries and the people to call", async () => {
    const coordinator = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    await coordinator.send("/start");
    await coordinator.press("📣 Напоминания");
    const text = coordinator.lastText();
    expect(text).toContain("08.12.2026 — ничего");
    expect(text).toContain("10.12.2026 — приближается срок: 1");
    expect(text).toContain("За последние 7 дней: отправлено — 1, в очереди — 0");
    expect(text).toContain("Нужно связаться по телефону (2)");
    expect(text).toContain(
      "Қосылмаған Асқар Нұрланқызы, +77017778899 — бот не подключён, нет сведений о прохождении",
    );
    expect(text).toContain("Бұғаттаған Дина Нұрланқызы, — — бот заблокирован, срок истёк");
    expect(text).not.toContain("Қосылған");
  });

  it("shows a provider coordinator what goes to their organization's people", async () => {
    const provider = app.sim.user({ id: 9810, language_code: "ru" });
    await provider.send("/start");
    await provider.press("📣 Напоминания");
    expect(provider.lastText()).toContain("10.12.2026 — приближается срок: 1, результаты: 1");
    expect(provider.lastText()).not.toContain("Нужно связаться по телефону");
  });
});
