// `npx tsx scripts/bench-startup.ts`: the time from `npm start` to the first answered
// update (webhook mode, a Bot API stand-in on loopback): on a new embedded database,
// on the same one again (existing), and on PostgreSQL when DATABASE_URL is set.
// Goals: 3 s on an existing embedded database, 1.5 s on PostgreSQL.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { spawnStandIn } from "./support/bot-api-stand-in.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const SECRET = "bench-secret-0123456789";
const PORT = 18_191;
const telegram = await spawnStandIn(0, { perSecond: 1e9, perChatMs: 0 });
const update = {
  update_id: 1,
  message: {
    message_id: 1,
    date: Math.floor(Date.now() / 1000),
    chat: { id: 5_000_001, type: "private", first_name: "Е" },
    from: { id: 5_000_001, is_bot: false, first_name: "Е", language_code: "ru" },
    text: "/about",
    entities: [{ type: "bot_command", offset: 0, length: 6 }],
  },
};

/** Starts the bot, posts the update until it is answered, stops the bot; seconds. */
async function firstAnswer(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: {
      ...process.env,
      BOT_TOKEN: "7000000001:BENCHMARK-token-0123456789abcdef",
      BOT_API_ROOT: telegram.url,
      WEBHOOK_URL: "https://bench.invalid",
      WEBHOOK_SECRET: SECRET,
      PORT: String(PORT),
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: "inherit",
    // Its own process group: npm starts tsx, which starts node; all of them stop.
    detached: true,
  });
  for (;;) {
    const answered = await fetch(`http://127.0.0.1:${PORT}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify(update),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (answered) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const seconds = (performance.now() - started) / 1000;
  const exited = new Promise((resolve) => child.on("exit", resolve));
  process.kill(-(child.pid ?? 0), "SIGTERM");
  await exited;
  // The port is free again once the bot has finished stopping.
  while (
    await fetch(`http://127.0.0.1:${PORT}/healthz`).then(
      () => true,
      () => false,
    )
  )
    await new Promise((resolve) => setTimeout(resolve, 20));
  return seconds;
}

const dataDir = mkdtempSync(join(tmpdir(), "bench-startup-"));
console.log(
  `new embedded database:      ${(await firstAnswer({ DATA_DIR: dataDir, DATABASE_URL: "" })).toFixed(2)} s`,
);
for (let i = 0; i < 2; i++)
  console.log(
    `existing embedded database: ${(await firstAnswer({ DATA_DIR: dataDir, DATABASE_URL: "" })).toFixed(2)} s`,
  );
if (process.env.DATABASE_URL)
  for (let i = 0; i < 2; i++)
    console.log(`PostgreSQL:                 ${(await firstAnswer({})).toFixed(2)} s`);
telegram.close();
