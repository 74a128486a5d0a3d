// Builds the production bot against the Telegram simulator and a real test
// database, the way every bot test starts.
import type { Bot } from "grammy";
import { metricsOf } from "../../bot/app.js";
import { type Config, loadConfig } from "../../bot/core/config.js";
import { createLogger } from "../../bot/core/logger.js";
import type { AppDeps } from "../../bot/deps.js";
import { SendBudget } from "../../bot/outbox/send-budget.js";
import { OutboxSender } from "../../bot/reminders/sender.js";
import { createBot, senderApi } from "../../bot/telegram/bot.js";
import type { BotContext } from "../../bot/telegram/context.js";
import { TelegramSimulator } from "../simulator/index.js";
import { TestClock } from "./clock.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

export interface TestBot {
  sim: TelegramSimulator;
  bot: Bot<BotContext>;
  deps: AppDeps;
  database: TestDatabase;
  clock: TestClock;
  /** Sends what the outbox holds now, as after every update: for writes made over HTTP. */
  drainOutbox(): Promise<number>;
}

export interface TestBotOptions {
  /** Share a database (a second instance, or a restart). */
  database?: TestDatabase;
  /** Share a simulator (the same Telegram seen by two instances). */
  sim?: TelegramSimulator;
  clock?: TestClock;
  admins?: number[];
  /** BotFather's /setjoingroups for the bot's own simulator (off by default). */
  canJoinGroups?: boolean;
  /** The message budget and the operator's metrics, as `npm start` has them. */
  instrumented?: boolean;
  /** WEBAPP_URL set: the coordinators' menus carry the Mini App's button. */
  webapp?: boolean;
}

/** The Mini App's public address in tests (nothing listens there; see support/webapp.ts). */
export const TEST_WEBAPP_URL = "https://tables.example.kz/app/";

/** The configuration the bot reads from its environment, pointed at the simulator. */
export function testConfig(
  sim: TelegramSimulator,
  admins: number[] = [],
  extra: NodeJS.ProcessEnv = {},
): Config {
  return loadConfig({
    ...extra,
    BOT_TOKEN: sim.token,
    BOT_API_ROOT: sim.apiRoot,
    DATA_DIR: "",
    ADMIN_TELEGRAM_IDS: admins.join(","),
    LOG_LEVEL: "silent",
    SENDER_ENABLED: "false",
  });
}

/**
 * The production bot on a test database and the simulator. A bot made with its own
 * simulator is connected to it; one sharing a simulator is connected by the test.
 */
export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const database = options.database ?? (await createTestDatabase());
  const sim = options.sim ?? new TelegramSimulator({ canJoinGroups: options.canJoinGroups });
  const clock = options.clock ?? new TestClock();
  const deps: AppDeps = {
    config: testConfig(sim, options.admins, options.webapp ? { WEBAPP_URL: TEST_WEBAPP_URL } : {}),
    database,
    db: database.db,
    logger: createLogger(process.env.TEST_LOG_LEVEL ?? "silent"),
    clock: clock.now,
    fetch: sim.fetch,
  };
  if (options.instrumented) {
    deps.budget = new SendBudget();
    deps.metrics = metricsOf(deps);
  }
  const bot = await createBot(deps, {
    botInfo: sim.botInfo,
    client: { fetch: sim.fetch, apiRoot: sim.apiRoot },
  });
  // Notices go through the outbox; here it is drained after every update, as the
  // production sender would within moments (without the one-a-second pacing).
  const outbox = new OutboxSender(
    {
      db: database.db,
      api: senderApi(bot),
      logger: deps.logger,
      clock: clock.now,
      budget: deps.budget,
    },
    { ratePerSecond: 1_000_000, perChatMs: 0 },
  );
  if (!options.sim) {
    sim.connect(async (update) => {
      await bot.handleUpdate(update);
      await outbox.drain();
    });
  }
  return { sim, bot, deps, database, clock, drainOutbox: () => outbox.drain() };
}
