// `npx tsx scripts/bench-startup.ts`: the time from `npm start` to the first answered
// update (webhook mode, a Bot API stand-in on loopback): on a new embedded database,
// on the same one again (existing), and on PostgreSQL when DATABASE_URL is set.
// Goals: 2 s on an existing embedded database, 1.2 s on PostgreSQL, 4 s on a new
// embedded database.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
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

/**
 * CPU seconds used so far by the processes of one process group (npm, node), from
 * /proc (Linux; 0 elsewhere). On a busy machine the wall time grows with the load,
 * the CPU time much less, so both are printed.
 */
function cpuSecondsOfGroup(group: number): number {
  if (!existsSync("/proc/self/stat")) return 0;
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      // Fields after the command's closing parenthesis: state is [0], pgrp [2],
      // utime [11], stime [12], children's cutime [13], cstime [14].
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      if (Number(fields[2]) !== group) continue;
      ticks += [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks / 100;
}

/** Starts the bot, posts the update until it is answered, stops the bot; seconds. */
async function firstAnswer(env: Record<string, string>): Promise<string> {
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
  const cpu = cpuSecondsOfGroup(child.pid ?? 0);
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
  return `${seconds.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)`;
}

const dataDir = mkdtempSync(join(tmpdir(), "bench-startup-"));
console.log(
  `new embedded database:      ${await firstAnswer({ DATA_DIR: dataDir, DATABASE_URL: "" })}`,
);
for (let i = 0; i < 2; i++)
  console.log(
    `existing embedded database: ${await firstAnswer({ DATA_DIR: dataDir, DATABASE_URL: "" })}`,
  );
if (process.env.DATABASE_URL)
  for (let i = 0; i < 2; i++) console.log(`PostgreSQL:                 ${await firstAnswer({})}`);
telegram.close();
