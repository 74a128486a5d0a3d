// Two senders on one outbox deliver 5,000 rows exactly once between them. A load
// test (each chat's one-second pause is real time), so it lives in the "load" project
// of vitest.config.ts; the rest of the sender is tested in planner-and-sender.test.ts.
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../bot/core/logger.js";
import { enqueue } from "../../bot/outbox/outbox.js";
import { OutboxSender } from "../../bot/reminders/sender.js";
import { TelegramSimulator } from "../simulator/index.js";
import { TestClock } from "../support/clock.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let database: TestDatabase;
const sim = new TelegramSimulator();
const api = new Api(sim.token, { apiRoot: sim.apiRoot, fetch: sim.fetch });
const logger = createLogger("silent");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("two senders", () => {
  it("deliver 5,000 rows exactly once between them", async () => {
    const clock = new TestClock(new Date("2027-06-01T10:00:00+05:00"));
    const people = Array.from({ length: 250 }, (_, i) => 50_000 + i);
    for (const id of people) sim.user({ id });
    await database.db
      .insertInto("telegram_users")
      .values(people.map((id) => ({ telegram_id: id, first_name: "X", language: "kk" as const })))
      .execute();
    await enqueue(
      database.db,
      Array.from({ length: 5000 }, (_, i) => ({
        telegramId: people[i % people.length] ?? 0,
        textKey: "reminders.waiting",
        params: { lists: i, requests: 0 },
        dedupeKey: `bulk:${i}`,
        notBefore: clock.now(),
      })),
    );
    sim.clearCalls();
    const second = database.url ? await database.openAnother() : database;
    // The per-chat pause (1 s) is real time; many chats keep both senders busy.
    const options = { ratePerSecond: 100_000, batchSize: 250 };
    const senders = [
      new OutboxSender({ db: database.db, api, logger, clock: clock.now }, options),
      new OutboxSender({ db: second.db, api, logger, clock: clock.now }, options),
    ];
    await Promise.all(senders.map((s) => drain(s)));
    if (second !== database) await second.close();
    const sent = sim.calls
      .filter((c) => c.method === "sendMessage" && !c.error)
      .map((c) => `${c.params.chat_id}:${String(c.params.text)}`);
    expect(sent).toHaveLength(5000);
    expect(new Set(sent).size).toBe(5000);
    const left = await database.db
      .selectFrom("outbox")
      .select("id")
      .where("dedupe_key", "like", "bulk:%")
      .where("status", "!=", "sent")
      .execute();
    expect(left).toEqual([]);
  }, 120_000);
});

async function drain(sender: OutboxSender): Promise<void> {
  await sender.drain();
}
