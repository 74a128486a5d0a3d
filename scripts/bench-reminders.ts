// `npx tsx scripts/bench-reminders.ts [messages] [round trips] [--processes N] [--planner N]`
//
// Sends `messages` reminders (default 1,500) from the outbox through a Bot API
// stand-in on loopback that enforces Telegram's limits (30 messages a second, one a
// second per chat: a 429 beyond) and answers each call after a round trip, once for
// each round trip in the comma-separated list (default 0,100,250 ms); prints the rate,
// 429 answers, duplicates and losses. `--processes 2` runs that many stand-alone
// sender processes (scripts/outbox-worker.ts) on one PostgreSQL (DATABASE_URL
// needed) instead of a sender in this process. `--planner N` then times the planner
// over N employees. Uses DATABASE_URL when set, else an in-memory PGlite. Figures are
// in the README.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Api } from "grammy";
import { sql } from "kysely";
import { createLogger } from "../bot/core/logger.js";
import { enqueue } from "../bot/outbox/outbox.js";
import { planReminders } from "../bot/reminders/planner.js";
import { OutboxSender } from "../bot/reminders/sender.js";
import { addDays, makeIin } from "../bot/rules/index.js";
import { type DatabaseHandle, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import { spawnStandIn } from "./support/bot-api-stand-in.js";

type StandIn = Awaited<ReturnType<typeof spawnStandIn>>;

const args = process.argv.slice(2);
const flag = (name: string) => {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  args.splice(index, 2);
  return value;
};
const processes = Number(flag("--processes") ?? 0);
const employees = Number(flag("--planner") ?? 0);
const messages = Number(args[0] ?? 1500);
const roundTrips = (args[1] ?? "0,100,250").split(",").map(Number);
const TOKEN = "7000000001:BENCHMARK-token-0123456789abcdef";
const url = process.env.DATABASE_URL || undefined;
if (processes > 0 && !url) throw new Error("--processes needs DATABASE_URL (PostgreSQL)");

const database = await openDatabase({ url, dataDir: "memory://" });
await migrateToLatest(database.db);
await seedUnits(database.db);

/** The outbox holds `messages` reminders; one chat in five gets two of them. */
async function fillOutbox(tag: string): Promise<void> {
  await sql`truncate outbox, sender_lease, send_budget`.execute(database.db);
  const chats = Math.ceil(messages * 0.8);
  await enqueue(
    database.db,
    Array.from({ length: messages }, (_, i) => ({
      telegramId: 1_000_000 + (i % chats),
      textKey: "reminders.waiting",
      params: { lists: i, requests: 0 },
      dedupeKey: `${tag}:${i}`,
      notBefore: new Date(Date.now() - 60_000),
    })),
  );
}

async function sendInProcess(telegram: StandIn): Promise<void> {
  const sender = new OutboxSender(
    {
      db: database.db,
      api: new Api(TOKEN, { apiRoot: telegram.url }),
      logger: createLogger("warn"),
      clock: () => new Date(),
    },
    { workingHours: { from: 0, to: 24 } },
  );
  // Rows put back after a 429 come due a second later: go on until none wait.
  while ((await pending(database)) > 0) {
    if ((await sender.drain()) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function sendInProcesses(telegram: StandIn, count: number): Promise<void> {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const exits = Array.from({ length: count }, () => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/outbox-worker.ts"], {
      cwd: root,
      env: { ...process.env, BOT_TOKEN: TOKEN, BOT_API_ROOT: telegram.url },
      stdio: "inherit",
    });
    return new Promise((resolve) => child.on("exit", resolve));
  });
  await Promise.all(exits);
}

async function pending(handle: DatabaseHandle): Promise<number> {
  const row = await handle.db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "!=", "sent")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const where = processes > 0 ? `${processes} sender processes on PostgreSQL` : "one sender";
console.log(`${messages} reminders, ${where}, stand-in: 30/s, 1/s per chat`);
for (const roundTripMs of roundTrips) {
  await fillOutbox(`rtt${roundTripMs}`);
  const telegram = await spawnStandIn(roundTripMs);
  const started = performance.now();
  if (processes > 0) await sendInProcesses(telegram, processes);
  else await sendInProcess(telegram);
  const seconds = (performance.now() - started) / 1000;
  const stats = await telegram.stats();
  const counts = stats.received.map(([, n]) => n);
  const duplicates = counts.reduce((sum, n) => sum + n - 1, 0);
  const notMarked = await pending(database);
  console.log(
    `round trip ${String(roundTripMs).padStart(3)} ms: ${counts.length} of ${messages} in ${seconds.toFixed(1)} s = ` +
      `${(counts.length / seconds).toFixed(1)} messages/s; 429 answers: ${stats.tooMany} ` +
      `(${stats.refusedChats} for one chat), duplicates: ${duplicates}, ` +
      `lost: ${messages - counts.length}, rows not marked sent: ${notMarked}`,
  );
  const span = (stats.lastAt - stats.firstAt) / 1000;
  console.log(
    `  first to last message: ${span.toFixed(1)} s = ${((stats.accepted - 1) / span).toFixed(1)} messages/s`,
  );
  telegram.close();
}

if (employees > 0) await benchPlanner(employees);
await database.close();

/** Times the planner over a register of `count` employees. */
async function benchPlanner(count: number): Promise<void> {
  const units = await database.db
    .selectFrom("units")
    .select("id")
    .where("level", "=", "district")
    .execute();
  for (let i = 0; i < count; i += 5000) {
    const batch = Array.from({ length: Math.min(5000, count - i) }, (_, k) => {
      const n = i + k;
      const iin =
        makeIin(
          `19${60 + (n % 40)}-0${1 + (n % 9)}-1${n % 9}`,
          n % 2 ? "male" : "female",
          n % 10_000,
        ) ?? `9${String(n).padStart(11, "0")}`;
      return {
        iin: `${iin.slice(0, 6)}${String(n).padStart(6, "0")}`,
        last_name: "Bench",
        first_name: "Employee",
        unit_id: units[n % units.length]?.id ?? 1,
        position: "маман",
        telegram_user_id: 2_000_000 + n,
        previous_certificate_issued_on: addDays("2024-01-01", n % 1000),
      };
    });
    await database.db
      .insertInto("telegram_users")
      .values(batch.map((e) => ({ telegram_id: e.telegram_user_id, first_name: "E" })))
      .execute();
    await database.db.insertInto("employees").values(batch).execute();
  }
  const planStarted = performance.now();
  const plan = await planReminders(database.db, new Date("2026-12-10T08:30:00+05:00"));
  console.log(
    `planner over ${count} employees: ${((performance.now() - planStarted) / 1000).toFixed(2)} s (${plan.planned} reminders planned)`,
  );
}
