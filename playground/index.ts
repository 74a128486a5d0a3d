// Builds the playground: the demo seeded into an empty database, the production bot
// on the simulator, the engine and the page's server. scripts/playground.ts runs it
// from the command line; tests build it in-process on their own database.
import { loadConfig } from "../bot/core/config.js";
import { createLogger } from "../bot/core/logger.js";
import type { AppDeps } from "../bot/deps.js";
import { createBot } from "../bot/telegram/bot.js";
import type { DatabaseHandle } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import { TelegramSimulator } from "../test/simulator/index.js";
import { atAlmaty, PlaygroundClock } from "./clock.js";
import { ADMIN_ID, assertEmpty, seedDemo } from "./demo-data.js";
import { PlaygroundEngine } from "./engine.js";
import { createPlaygroundServer } from "./server.js";

const TICK_MS = 2000;
const PLAYGROUND_WEBAPP_URL = "https://playground.invalid/app/";

export interface PlaygroundOptions {
  database: DatabaseHandle;
  /** The clock's first day (YYYY-MM-DD); it starts at 10:00 Almaty time. */
  start: string;
  /** 0 picks a free port. */
  port: number;
  env?: NodeJS.ProcessEnv;
}

export interface Playground {
  engine: PlaygroundEngine;
  url: string;
  close(): Promise<void>;
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const { database } = options;
  const clock = new PlaygroundClock(atAlmaty(options.start, 10));
  const sim = new TelegramSimulator({ botUsername: "biliktilik_playground_bot", clock: clock.now });
  // The same validated configuration as `npm start` (reminder days, cron…), pointed at the simulator.
  const config = loadConfig({
    ...(options.env ?? process.env),
    BOT_TOKEN: sim.token,
    BOT_API_ROOT: sim.apiRoot,
    DATABASE_URL: "",
    WEBHOOK_URL: "",
    WEBHOOK_SECRET: "",
    ADMIN_TELEGRAM_IDS: String(ADMIN_ID),
    // The coordinators' menus carry the tables' button; the page opens them in a panel
    // from this server (the address itself is never fetched).
    WEBAPP_URL: PLAYGROUND_WEBAPP_URL,
    LOG_LEVEL: options.env?.LOG_LEVEL ?? "warn",
  });
  const logger = createLogger(config.logLevel);
  await migrateToLatest(database.db);
  await seedUnits(database.db);
  await assertEmpty(database.db);
  const people = await seedDemo(database.db, options.start);

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
  // The running clock reaches 08:30 and 09:00 on its own too: plan and send then.
  const timer = setInterval(
    () => void engine.tick().catch((error) => logger.error({ err: error }, "tick failed")),
    TICK_MS,
  );
  const web = createPlaygroundServer(engine);
  const url = await web.listen(options.port).catch((error) => {
    clearInterval(timer);
    throw error;
  });
  return {
    engine,
    url,
    async close() {
      clearInterval(timer);
      await web.close();
      await engine.idle();
    },
  };
}
