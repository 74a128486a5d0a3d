// Conversation state lives in the database: a restart in the middle of one loses
// nothing. And updates of one chat are handled one at a time, even by two bot
// instances sharing one database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TelegramSimulator } from "../simulator/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { startTestBot } from "../support/harness.js";

const ADMIN = 900;
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("a restart in the middle of a conversation", () => {
  it("lets the admin finish where they were", async () => {
    const sim = new TelegramSimulator();
    const first = await startTestBot({ database, sim, admins: [ADMIN] });
    sim.connect((update) => first.bot.handleUpdate(update));
    const admin = sim.user({ id: ADMIN, language_code: "kk" });
    await admin.send("/start");
    await admin.press("✉️ Үйлестірушіні шақыру");
    await admin.press("🏛 Облыс (қала) үйлестірушісі");
    expect(admin.lastText()).toContain("Облысты");

    // The process dies; a new one starts on the same database and Telegram.
    const second = await startTestBot({ database, sim, admins: [ADMIN] });
    sim.connect((update) => second.bot.handleUpdate(update), { replaceAll: true });
    await admin.press("Ақмола облысы");
    expect(admin.lastText()).toContain("Шақыру сілтемесі дайын");
    expect(admin.lastText()).toContain("Ақмола облысы");
  });
});

describe("two bot instances on one database", () => {
  it("handle two updates of the same chat one after the other", async () => {
    const other = database.url ? await database.openAnother() : database;
    const sim = new TelegramSimulator();
    const a = await startTestBot({ database, sim });
    const b = await startTestBot({ database: { ...database, ...other }, sim });
    const instanceA = sim.connect((update) => a.bot.handleUpdate(update));
    const instanceB = sim.connect((update) => b.bot.handleUpdate(update));
    const user = sim.user({ id: 950, language_code: "ru" });
    await user.send("/start", { bot: instanceA });

    // Telegram is slow to accept A's answer; B gets the next update meanwhile.
    const held = sim.delay("sendMessage", 400, { chatId: 950 });
    const first = user.send("/about", { bot: instanceA });
    // B's update comes while A is in the middle of answering (holding the chat).
    await held;
    const second = user.send("/language", { bot: instanceB });
    await Promise.all([first, second]);

    const calls = sim.calls
      .filter((c) => c.params?.chat_id === 950 && c.method === "sendMessage")
      .slice(-2);
    expect(calls.map((c) => String(c.params?.text).slice(0, 20))).toEqual([
      expect.stringContaining("Бот повышения"),
      expect.stringContaining("Тілді таңдаңыз"),
    ]);
    // B's answer started only after A's had finished.
    const [aCall, bCall] = calls;
    expect(bCall?.at ?? 0).toBeGreaterThanOrEqual((aCall?.at ?? 0) + 350);
    if (other !== database) await other.close();
  });
});
