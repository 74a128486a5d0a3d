// `npm run playground`: the real bot on the built-in Telegram simulator, with demo
// people and a year's history, behind a Telegram-like page on 127.0.0.1. No token,
// no network. The database is an embedded PGlite in memory (a fresh demo every
// start) unless PLAYGROUND_DATABASE_URL names an empty PostgreSQL database.
//
//   PLAYGROUND_PORT          page port (default 8090; 0 picks a free one)
//   PLAYGROUND_DATABASE_URL  postgres://… of an EMPTY database (never your real one)
//   PLAYGROUND_START         the clock's first day, YYYY-MM-DD (default 15 September of this year)
//   LOG_LEVEL, REMINDER_*    as for `npm start`
import { join } from "node:path";
import { loadConfig } from "../bot/core/config.js";
import { createLogger } from "../bot/core/logger.js";
import { checkAlmatyTimeZone } from "../bot/core/timezone.js";
import type { AppDeps } from "../bot/services/deps.js";
import { createBot } from "../bot/telegram/bot.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import { atAlmaty, PlaygroundClock } from "../playground/clock.js";
import { ADMIN_ID, assertEmpty, seedDemo } from "../playground/demo-data.js";
import { PlaygroundEngine } from "../playground/engine.js";
import { createPlaygroundServer } from "../playground/server.js";
import { TelegramSimulator } from "../test/simulator/index.js";

const TICK_MS = 2000;

function startDay(): string {
  const given = process.env.PLAYGROUND_START?.trim();
  if (given) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(given)) throw new Error("PLAYGROUND_START must be YYYY-MM-DD");
    return given;
  }
  return `${new Date().getFullYear()}-09-15`;
}

function port(): number {
  const value = Number(process.env.PLAYGROUND_PORT ?? 8090);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error("PLAYGROUND_PORT must be a port number (0 picks a free one)");
  return value;
}

async function main(): Promise<void> {
  const zoneProblem = checkAlmatyTimeZone(new Date());
  if (zoneProblem) throw new Error(zoneProblem);
  const start = startDay();
  const clock = new PlaygroundClock(atAlmaty(start, 10));
  const sim = new TelegramSimulator({ botUsername: "biliktilik_playground_bot", clock: clock.now });
  // The same validated configuration as `npm start`, pointed at the simulator.
  const config = loadConfig({
    ...process.env,
    BOT_TOKEN: sim.token,
    BOT_API_ROOT: sim.apiRoot,
    DATABASE_URL: process.env.PLAYGROUND_DATABASE_URL ?? "",
    WEBHOOK_URL: "",
    WEBHOOK_SECRET: "",
    ADMIN_TELEGRAM_IDS: String(ADMIN_ID),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  });
  const logger = createLogger(config.logLevel);
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? join(config.dataDir, "pglite") : "memory://",
  });
  await migrateToLatest(database.db);
  await seedUnits(database.db);
  await assertEmpty(database.db);
  const people = await seedDemo(database.db, start);

  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    logger,
    clock: clock.now,
    fetch: sim.fetch,
  };
  const bot = await createBot(deps, {
    botInfo: sim.botInfo,
    client: { fetch: sim.fetch, apiRoot: sim.apiRoot },
  });
  const engine = new PlaygroundEngine({ deps, sim, bot, clock, people });
  await engine.tick();
  const timer = setInterval(
    () => void engine.tick().catch((e) => logger.error({ err: e }, "tick failed")),
    TICK_MS,
  );

  const web = createPlaygroundServer(engine);
  const url = await web.listen(port());
  console.log(`Playground: ${url}`);
  console.log(
    `Database: ${database.kind === "pglite" ? "embedded (PGlite, in memory)" : "PostgreSQL"}; Ctrl+C stops.`,
  );

  const stop = async () => {
    clearInterval(timer);
    await web.close();
    await engine.idle();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
