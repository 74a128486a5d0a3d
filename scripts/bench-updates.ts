// `npx tsx scripts/bench-updates.ts [people] [in flight]`
//
// The bot in webhook mode (`bot/main.ts`, a process of its own) against a bare grammY
// bot answering the same updates with the same calls (scripts/support/bare-bot.ts),
// in the same run on the same machine, both talking to a Bot API stand-in on
// loopback. `people` employees (default 1,000) press "📅 My training due date", then
// send /start, with `in flight` updates at once (default 32); prints updates a second
// and the 50th/99th percentile of the time to answer each, and the ratio to bare.
// Uses DATABASE_URL (PostgreSQL) when set, else a PGlite folder under /tmp.
// `--cpu-prof DIR` writes a CPU profile of the bot's process (not the bare bot's) to DIR.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Update } from "grammy/types";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import { spawnStandIn } from "./support/bot-api-stand-in.js";
import { seedEmployees } from "./support/seed-employees.js";

const profileAt = process.argv.indexOf("--cpu-prof");
const profileDir = profileAt > 0 ? process.argv.splice(profileAt, 2)[1] : undefined;
const people = Number(process.argv[2] ?? 1000);
const inFlight = Number(process.argv[3] ?? 32);
const root = fileURLToPath(new URL("..", import.meta.url));
const TOKEN = "7000000001:BENCHMARK-token-0123456789abcdef";
const SECRET = "bench-secret-0123456789";
const databaseUrl = process.env.DATABASE_URL || undefined;
const dataDir = databaseUrl ? "" : mkdtempSync(join(tmpdir(), "bench-updates-"));

const database = await openDatabase({ url: databaseUrl, dataDir: join(dataDir, "pglite") });
await migrateToLatest(database.db);
await seedUnits(database.db);
const ids = await seedEmployees(database.db, people, 3_000_000);
await database.close();

const telegram = await spawnStandIn(0, { perSecond: 1e9, perChatMs: 0 });
const env = {
  ...process.env,
  BOT_TOKEN: TOKEN,
  BOT_API_ROOT: telegram.url,
  WEBHOOK_URL: "https://bench.invalid",
  WEBHOOK_SECRET: SECRET,
  DATA_DIR: dataDir,
  LOG_LEVEL: "warn",
};
const children: ChildProcess[] = [];
function start(script: string, port: number, profile?: string): string {
  const flags = profile ? ["--cpu-prof", "--cpu-prof-dir", profile] : [];
  const child = spawn(process.execPath, [...flags, "--import", "tsx", script], {
    cwd: root,
    env: { ...env, PORT: String(port) },
    stdio: "inherit",
  });
  children.push(child);
  return `http://127.0.0.1:${port}`;
}
const ours = start("bot/main.ts", 18_181, profileDir);
const bare = start("scripts/support/bare-bot.ts", 18_182);
for (const base of [ours, bare]) await waitUntilUp(base);

let updateId = 1;
const updates = {
  due: (id: number): Update => ({
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
  }),
  start: (id: number): Update => ({
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id, type: "private", first_name: "Е" },
      from: { id, is_bot: false, first_name: "Е", language_code: "ru" },
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  }),
};

console.log(
  `${people} people, ${inFlight} updates in flight, webhook mode, ${databaseUrl ? "PostgreSQL" : "PGlite"}`,
);
for (const kind of ["due", "start"] as const) {
  await run(ours, kind); // warm-up: the first calls of each path compile and fill caches
  await run(bare, kind);
  const results = { ours: await run(ours, kind), bare: await run(bare, kind) };
  const ratio = results.ours.perSecond / results.bare.perSecond;
  for (const [name, r] of Object.entries(results))
    console.log(
      `${kind.padEnd(5)} ${name.padEnd(4)}: ${r.perSecond.toFixed(0).padStart(5)} updates/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
    );
  console.log(`${kind.padEnd(5)} ours/bare: ${ratio.toFixed(2)}`);
}
// The bot writes its profile as it exits after SIGTERM.
await Promise.all(
  children.map((child) => new Promise((resolve) => child.once("exit", resolve).kill("SIGTERM"))),
);
telegram.close();

async function run(base: string, kind: keyof typeof updates) {
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < ids.length) {
        const id = ids[next++] ?? 0;
        const t0 = performance.now();
        const res = await fetch(`${base}/telegram/webhook`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-telegram-bot-api-secret-token": SECRET,
          },
          body: JSON.stringify(updates[kind](id)),
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${base}: HTTP ${res.status}`);
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { perSecond: times.length / seconds, p50: at(0.5), p99: at(0.99) };
}

async function waitUntilUp(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${base} did not start`);
}
