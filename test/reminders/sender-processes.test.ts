// Two sender processes on one PostgreSQL drain 5,000 messages: one holds the sender
// lease and sends, each message is delivered exactly once; and with the sending one
// killed (SIGKILL) half-way, the other takes over, nothing is lost and at most the K
// messages it had in flight are delivered twice. Needs PostgreSQL (several
// processes share it): TEST_DATABASE_URL, or the local server.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../../bot/outbox/outbox.js";
import { TelegramSimulator } from "../simulator/index.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";
import { reachablePostgres } from "../support/postgres-server.js";
import { waitFor } from "../support/wait-for.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const NOON = "2027-06-01T12:00:00+05:00";
const IN_FLIGHT = 8;
const CHATS = Array.from({ length: 500 }, (_, i) => 70_000 + i);
const postgres = await reachablePostgres("the two-process sender test");
let database: TestDatabase;
const sim = new TelegramSimulator();
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  if (!postgres) return;
  database = await createTestDatabase(postgres);
  server = await sim.listen();
  for (const id of CHATS) sim.user({ id });
  await database.db
    .insertInto("telegram_users")
    .values(CHATS.map((id) => ({ telegram_id: id, first_name: "X", language: "ru" as const })))
    .execute();
});
afterAll(async () => {
  await server?.close();
  await database?.close();
});

function worker(): { child: ChildProcess; exit: Promise<number | null> } {
  // Node itself (not the tsx launcher, which would run the worker in a child of its
  // own), so the pid is the worker's and SIGKILL hits it.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(root, "scripts/outbox-worker.ts")],
    {
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_URL: database.url,
        BOT_TOKEN: sim.token,
        BOT_API_ROOT: server.url,
        SENDER_RATE: "2000",
        SENDER_LEASE_MS: "3000",
        SENDER_LEASE_TTL_MS: "2000",
        SENDER_IN_FLIGHT: String(IN_FLIGHT),
        SENDER_PER_CHAT_MS: "0",
        OUTBOX_CLOCK: NOON,
      },
      cwd: root,
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

describe.skipIf(!postgres)("two sender processes", () => {
  it("deliver 5,000 messages exactly once", async () => {
    await seed("pair");
    const [a, b] = [worker(), worker()];
    expect(await Promise.all([a.exit, b.exit])).toEqual([0, 0]);
    expect(deliveries()).toEqual({ total: 5000, distinct: 5000 });
  }, 300_000);

  it("lose nothing when the sending one is killed half-way, and repeat at most its K messages in flight", async () => {
    await seed("killed");
    const pair = [worker(), worker()];
    await waitFor(() => deliveries().total >= 2000, {
      timeout: 120_000,
      message: () => `delivered so far: ${deliveries().total}`,
    });
    const holder = await database.db
      .selectFrom("sender_lease")
      .select("holder")
      .executeTakeFirstOrThrow();
    const pid = Number(holder.holder.split(":")[1]);
    const sending = pair.find((w) => w.child.pid === pid);
    const standing = pair.find((w) => w !== sending);
    if (!sending || !standing) throw new Error(`no worker holds the lease (${holder.holder})`);
    sending.child.kill("SIGKILL");
    await sending.exit;
    expect(await standing.exit).toBe(0);
    const { total, distinct } = deliveries();
    expect(distinct).toBe(5000);
    expect(total - distinct).toBeLessThanOrEqual(IN_FLIGHT);
    const left = await database.db
      .selectFrom("outbox")
      .select("id")
      .where("dedupe_key", "like", "killed:%")
      .where("status", "!=", "sent")
      .execute();
    expect(left).toEqual([]);
  }, 300_000);
});
