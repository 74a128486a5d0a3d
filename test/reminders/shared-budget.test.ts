// Replies and a broadcast share Telegram's ~30 messages a second. A broadcast of
// 2,000 reminders goes out while 200 employees open the bot and press "📅 My training
// due date", through a Telegram that refuses (429) anything beyond 30 a second: every
// person gets every answer, no reminder is lost or sent twice, and the broadcast
// finishes. A reply that still meets a 429 waits retry_after and is sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bot/core/logger.js";
import type { AppDeps } from "../../bot/deps.js";
import { enqueue } from "../../bot/outbox/outbox.js";
import { SendBudget } from "../../bot/outbox/send-budget.js";
import { OutboxSender } from "../../bot/reminders/sender.js";
import { createBot, senderApi } from "../../bot/telegram/bot.js";
import { TelegramSimulator } from "../simulator/index.js";
import { TestClock } from "../support/clock.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { createEmployee, KATO, unitId } from "../support/fixtures.js";
import { testConfig } from "../support/harness.js";

const PEOPLE = Array.from({ length: 200 }, (_, i) => 80_000 + i);
const REMINDED = Array.from({ length: 2000 }, (_, i) => 90_000 + i);
const DUE_BUTTON = "📅 Срок повышения квалификации";

let database: TestDatabase;
const sim = new TelegramSimulator();
const clock = new TestClock(new Date("2027-03-02T12:00:00+05:00"));
let deps: AppDeps;

beforeAll(async () => {
  database = await createTestDatabase();
  const district = await unitId(database.db, KATO.abaiDistrict);
  for (const telegramId of PEOPLE)
    await createEmployee(database.db, { unitId: district, telegramId });
  await database.db
    .insertInto("telegram_users")
    .values(REMINDED.map((id) => ({ telegram_id: id, first_name: "X", language: "ru" as const })))
    .execute();
  for (const id of REMINDED) sim.user({ id });
  deps = {
    config: testConfig(sim),
    database,
    db: database.db,
    logger: createLogger("silent"),
    clock: clock.now,
    fetch: sim.fetch,
    budget: new SendBudget(),
  };
}, 120_000);
afterAll(() => database.close());

async function unsentCount(): Promise<number> {
  const rows = await database.db
    .selectFrom("outbox")
    .select("id")
    .where("status", "!=", "sent")
    .execute();
  return rows.length;
}

describe("a broadcast while people press buttons", () => {
  it("answers every person and still sends every reminder once, within 30 a second", async () => {
    const bot = await createBot(deps, {
      botInfo: sim.botInfo,
      client: { fetch: sim.fetch, apiRoot: sim.apiRoot },
    });
    sim.connect((update) => bot.handleUpdate(update));
    sim.limitRate(30);
    await enqueue(
      database.db,
      REMINDED.map((id, i) => ({
        telegramId: id,
        textKey: "reminders.waiting",
        params: { lists: i, requests: 0 },
        dedupeKey: `broadcast:${i}`,
        notBefore: clock.now(),
      })),
    );
    const sender = new OutboxSender({
      db: database.db,
      api: senderApi(bot),
      logger: deps.logger,
      clock: clock.now,
      budget: deps.budget,
    });
    const broadcast = sender.drain();

    // One person's answer meets a 429 anyway: it is sent after the wait.
    sim.failNext(
      "editMessageText",
      {
        error_code: 429,
        description: "Too Many Requests: retry after 1",
        parameters: { retry_after: 1 },
      },
      { chatId: PEOPLE[7] },
    );
    // 200 people, 20 at a time, each opening the bot and pressing the button.
    const answered: string[] = [];
    for (let i = 0; i < PEOPLE.length; i += 20) {
      await Promise.all(
        PEOPLE.slice(i, i + 20).map(async (id) => {
          const user = sim.user({ id, language_code: "ru" });
          await user.send("/start");
          await user.press(DUE_BUTTON);
          answered.push(user.lastText());
        }),
      );
    }
    expect(answered).toHaveLength(PEOPLE.length);
    for (const text of answered) expect(text).toContain("подлежите обучению сейчас");

    await broadcast;
    // A reminder that met a 429 comes due again a second later (the test's clock
    // stands still, so it is moved on): the broadcast finishes with it.
    for (let round = 0; round < 10 && (await unsentCount()) > 0; round++) {
      clock.set(new Date(clock.now().getTime() + 2000));
      await sender.drain();
    }
    const reminders = sim.calls
      .filter(
        (c) =>
          c.method === "sendMessage" && !c.error && REMINDED.includes(Number(c.params.chat_id)),
      )
      .map((c) => `${c.params.chat_id}:${String(c.params.text)}`);
    expect(reminders).toHaveLength(REMINDED.length);
    expect(new Set(reminders).size).toBe(REMINDED.length);
    expect(await unsentCount()).toBe(0);
    expect(sim.violations).toEqual([]);
    // What Telegram refused was waited out and sent; report it for the curious.
    console.info(`429 answers during the broadcast: ${sim.rateLimited}`);
  }, 300_000);
});
