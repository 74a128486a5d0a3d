// Two sender processes on one PostgreSQL drain 5,000 messages: each is delivered
// exactly once; and with one of them killed (SIGKILL) half-way, nothing is lost and
// at most the one message it had in flight is delivered twice. Needs PostgreSQL
// (several processes share it): TEST_DATABASE_URL, or the local server.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../../bot/reminders/outbox.js";
import { TelegramSimulator } from "../simulator/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const NOON = "2027-06-01T12:00:00+05:00";
const CHATS = Array.from({ length: 500 }, (_, i) => 70_000 + i);
let database: TestDatabase;
const sim = new TelegramSimulator();
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  database = await createTestDatabase(
    process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test",
  );
  server = await sim.listen();
  for (const id of CHATS) sim.user({ id });
  await database.db
    .insertInto("telegram_users")
    .values(CHATS.map((id) => ({ telegram_id: id, first_name: "X", language: "ru" as const })))
    .execute();
});
afterAll(async () => {
  await server.close();
  await database.close();
});

function worker(): { child: ChildProcess; exit: Promise<number | null> } {
  const child = spawn(
    join(root, "node_modules/.bin/tsx"),
    [join(root, "scripts/outbox-worker.ts")],
    {
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_URL: database.url,
        BOT_TOKEN: sim.token,
        BOT_API_ROOT: server.url,
        SENDER_RATE: "2000",
        SENDER_LEASE_MS: "3000",
        OUTBOX_CLOCK: NOON,
      },
      stdio: "inherit",
    },
  );
  return { child, exit: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
}

async function seed(tag: string) {
  await enqueue(
    database.db,
    Array.from({ length: 5000 }, (_, i) => ({
      telegramId: CHATS[i % CHATS.length] ?? 0,
      textKey: "reminders.waiting",
      params: { lists: i, requests: 0 },
      dedupeKey: `${tag}:${i}`,
      notBefore: new Date(NOON),
    })),
  );
  sim.clearCalls();
}

function deliveries() {
  const sent = sim.calls
    .filter((c) => c.method === "sendMessage" && !c.error)
    .map((c) => `${c.params.chat_id}:${String(c.params.text)}`);
  return { total: sent.length, distinct: new Set(sent).size };
}

describe("two sender processes", () => {
  it("deliver 5,000 messages exactly once", async () => {
    await seed("pair");
    const [a, b] = [worker(), worker()];
    expect(await Promise.all([a.exit, b.exit])).toEqual([0, 0]);
    expect(deliveries()).toEqual({ total: 5000, distinct: 5000 });
  }, 120_000);

  it("lose nothing when one is killed half-way, and repeat at most its message in flight", async () => {
    await seed("killed");
    const [a, b] = [worker(), worker()];
    while (deliveries().total < 2000) await new Promise((resolve) => setTimeout(resolve, 20));
    a.child.kill("SIGKILL");
    await a.exit;
    expect(await b.exit).toBe(0);
    const { total, distinct } = deliveries();
    expect(distinct).toBe(5000);
    expect(total - distinct).toBeLessThanOrEqual(1);
    const left = await database.db
      .selectFrom("outbox")
      .select("id")
      .where("dedupe_key", "like", "killed:%")
      .where("status", "!=", "sent")
      .execute();
    expect(left).toEqual([]);
  }, 120_000);
});
