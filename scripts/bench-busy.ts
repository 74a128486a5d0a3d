// `npx tsx scripts/bench-busy.ts [people] [reminders] [round trip ms]`
//
// A busy morning: the bot (`bot/main.ts`, webhook mode, its own outbox sender) sends
// `reminders` (default 2,000) through a Bot API stand-in that enforces Telegram's
// limits — 30 messages a second overall, one a second per chat with a burst of 3, a
// 429 beyond — while `people` employees (default 200, 20 at a time) open the bot
// with /start and press "📅 My training due date". The sender starts alone for a few
// seconds, then the people come. Prints the answers lost (goal 0), reminders sent
// once each (no duplicates, none lost), when the broadcast finished, the reply
// latency percentiles, and the broadcast's rate before, while and after people were
// answered. The sender sends only in working hours (09:00–20:00 Almaty), so run it
// then. Uses DATABASE_URL (PostgreSQL) when set, else a PGlite folder under /tmp.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Update } from "grammy/types";
import { sql } from "kysely";
import { enqueue } from "../bot/outbox/outbox.js";
import { type DatabaseHandle, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import { type StandInStats, spawnStandIn } from "./support/bot-api-stand-in.js";
import { seedEmployees } from "./support/seed-employees.js";

const people = Number(process.argv[2] ?? 200);
const reminders = Number(process.argv[3] ?? 2000);
const roundTripMs = Number(process.argv[4] ?? 0);
const AT_ONCE = 20;
const SENDER_ALONE_MS = 5_000;
const FIRST_PERSON = 3_100_000;
const FIRST_REMINDED = 4_100_000;
const PORT = 18_183;
const root = fileURLToPath(new URL("..", import.meta.url));
const TOKEN = "7000000001:BENCHMARK-token-0123456789abcdef";
const SECRET = "bench-secret-0123456789";
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = databaseUrl ? "" : mkdtempSync(join(tmpdir(), "bench-busy-"));
let updateId = 1;
const open = () => openDatabase({ url: databaseUrl, dataDir: join(dataDir, "pglite") });

const almatyHour = Number(
  new Intl.DateTimeFormat("en-GB", { hour: "numeric", timeZone: "Asia/Almaty" }).format(new Date()),
);
if (almatyHour < 9 || almatyHour >= 20) {
  console.error("The outbox sender sends between 09:00 and 20:00 Almaty time: run this then.");
  process.exit(1);
}

// ---- the database: people who have agreed to the notice, and the broadcast -----

const database = await open();
await migrateToLatest(database.db);
await seedUnits(database.db);
const ids = await seedEmployees(database.db, people, FIRST_PERSON);
const reminded = Array.from({ length: reminders }, (_, i) => FIRST_REMINDED + i);
await sql`truncate outbox, sender_lease, send_budget`.execute(database.db);
await database.db
  .insertInto("telegram_users")
  .values(reminded.map((id) => ({ telegram_id: id, first_name: "Е", language: "ru" as const })))
  .onConflict((oc) => oc.doNothing())
  .execute();
await enqueue(
  database.db,
  reminded.map((id, i) => ({
    telegramId: id,
    textKey: "reminders.waiting",
    params: { lists: i, requests: 0 },
    dedupeKey: `busy:${i}`,
    notBefore: new Date(Date.now() - 60_000),
  })),
);
await database.close();

// ---- the stand-in and the bot --------------------------------------------------

const telegram = await spawnStandIn(roundTripMs, {
  perSecond: 30,
  perChatMs: 1000,
  perChatBurst: 3,
});
const bot = spawn(process.execPath, ["--import", "tsx", "bot/main.ts"], {
  cwd: root,
  env: {
    ...process.env,
    BOT_TOKEN: TOKEN,
    BOT_API_ROOT: telegram.url,
    WEBHOOK_URL: "https://bench.invalid",
    WEBHOOK_SECRET: SECRET,
    DATA_DIR: dataDir,
    PORT: String(PORT),
    LOG_LEVEL: "warn",
    SENDER_ENABLED: "true",
  },
  stdio: "inherit",
});
// Whatever happens here, the bot and the stand-in stop with this process.
process.on("exit", () => {
  bot.kill("SIGKILL");
  telegram.close();
});
const base = `http://127.0.0.1:${PORT}`;
await waitUntilUp(base);

console.log(
  `${people} people (${AT_ONCE} at a time: /start, then the due-date button) while ${reminders} reminders go out; ` +
    `stand-in 30/s, 1/s per chat (burst 3), round trip ${roundTripMs} ms; ${databaseUrl ? "PostgreSQL" : "PGlite"}`,
);
await new Promise((resolve) => setTimeout(resolve, SENDER_ALONE_MS));

// ---- the people ------------------------------------------------------------------

const latencies: Record<"start" | "due", number[]> = { start: [], due: [] };
let failedPosts = 0;
const peopleFrom = Date.now();
for (let i = 0; i < ids.length; i += AT_ONCE) {
  await Promise.all(
    ids.slice(i, i + AT_ONCE).map(async (id) => {
      await post("start", startUpdate(id));
      await post("due", dueButton(id));
    }),
  );
}
const peopleUntil = Date.now();

// ---- the broadcast finishes --------------------------------------------------------

const isReminded = (chat: number) => chat >= FIRST_REMINDED && chat < FIRST_REMINDED + reminders;
let stats = await telegram.stats();
const deadline = Date.now() + 10 * 60_000;
while (distinctReminders(stats) < reminders && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  stats = await telegram.stats();
}
const exited = new Promise((resolve) => bot.on("exit", resolve));
bot.kill("SIGTERM");
await exited;
telegram.close();
const after = await open();
const unsent = await countUnsent(after);
await after.close();
report(stats, unsent);

// ---- helpers ---------------------------------------------------------------------------

function distinctReminders(s: StandInStats): number {
  return s.received.filter(([key]) => isReminded(Number(key.split(":")[0]))).length;
}

function report(s: StandInStats, notMarkedSent: number): void {
  const reminderKeys = s.received.filter(([key]) => isReminded(Number(key.split(":")[0])));
  const duplicates = reminderKeys.reduce((sum, [, n]) => sum + n - 1, 0);
  // A person is answered when both answers arrived: the menu for /start, the due date.
  const byChat = new Map<number, string[]>();
  for (const [key] of s.received) {
    const chat = Number(key.split(":")[0]);
    if (!isReminded(chat)) byChat.set(chat, [...(byChat.get(chat) ?? []), key]);
  }
  const lost = ids.filter((id) => {
    const texts = byChat.get(id) ?? [];
    return texts.length < 2 || !texts.some((t) => t.includes("подлежите"));
  }).length;
  console.log(
    `answers lost: ${lost} of ${people} people (${failedPosts} webhook calls failed); ` +
      `reminders: ${reminderKeys.length} of ${reminders} sent, ${duplicates} duplicates, ` +
      `${reminders - reminderKeys.length} lost, ${notMarkedSent} rows not marked sent; 429 answers: ${s.tooMany} ` +
      `(${s.refusedChats} for one chat's limit, the rest for 30 a second), each waited out`,
  );
  const times = s.acceptedLog.filter(([chat]) => isReminded(chat)).map(([, at]) => at);
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? 0;
  console.log(
    `broadcast: first to last reminder ${((last - first) / 1000).toFixed(1)} s ` +
      `(${((times.length - 1) / ((last - first) / 1000)).toFixed(1)}/s overall)`,
  );
  const rate = (from: number, until: number, of: (chat: number) => boolean) =>
    s.acceptedLog.filter(([chat, at]) => of(chat) && at >= from && at < until).length /
    Math.max(0.001, (until - from) / 1000);
  const person = (chat: number) => !isReminded(chat);
  console.log(
    `broadcast rate: ${rate(first, peopleFrom, isReminded).toFixed(1)}/s alone before, ` +
      `${rate(peopleFrom, peopleUntil, isReminded).toFixed(1)}/s while people were answered ` +
      `(replies ${rate(peopleFrom, peopleUntil, person).toFixed(1)}/s, ${((peopleUntil - peopleFrom) / 1000).toFixed(1)} s), ` +
      `${rate(peopleUntil, last + 1, isReminded).toFixed(1)}/s after`,
  );
  for (const kind of ["start", "due"] as const) {
    const sorted = [...latencies[kind]].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    console.log(
      `${kind === "start" ? "/start    " : "due date  "} reply: p50 ${at(0.5).toFixed(0)} ms, ` +
        `p90 ${at(0.9).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, max ${(sorted.at(-1) ?? 0).toFixed(0)} ms`,
    );
  }
}

async function post(kind: "start" | "due", update: Update): Promise<void> {
  const started = performance.now();
  const res = await fetch(`${base}/telegram/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
    body: JSON.stringify(update),
  }).catch(() => undefined);
  await res?.arrayBuffer();
  if (!res?.ok) failedPosts++;
  latencies[kind].push(performance.now() - started);
}

function startUpdate(id: number): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: "private", first_name: "Е" },
      from: { id, is_bot: false, first_name: "Е", language_code: "ru" },
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  };
}

/** "📅 My training due date" under the menu the /start answer showed. */
function dueButton(id: number): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from: { id, is_bot: false, first_name: "Е", language_code: "ru" },
      chat_instance: String(id),
      data: "es",
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id, type: "private", first_name: "Е" },
        from: { id: 7000000001, is_bot: true, first_name: "Bot" },
        text: "Меню",
      },
    },
  };
}

async function countUnsent(handle: DatabaseHandle): Promise<number> {
  const row = await handle.db
    .selectFrom("outbox")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "!=", "sent")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function waitUntilUp(url: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  bot.kill();
  throw new Error(`${url} did not start`);
}
