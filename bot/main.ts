// `npm start`: the only module that starts anything and owns shutdown.
import { run } from "@grammyjs/runner";
import type { Bot } from "grammy";
import { openApp } from "./app.js";
import { type Config, ConfigError, loadConfig, loadDotEnv } from "./core/config.js";
import { installCrashHandlers } from "./core/crash.js";
import { scheduleJob } from "./core/jobs.js";
import { createLogger, type Logger } from "./core/logger.js";
import { checkAlmatyTimeZone } from "./core/timezone.js";
import type { AppDeps } from "./deps.js";
import { LANGUAGES, translator } from "./i18n/index.js";
import { BudgetExchange } from "./outbox/budget-exchange.js";
import { SenderLease } from "./outbox/sender-lease.js";
import { DEFAULT_PLANNER_OPTIONS, planReminders } from "./reminders/planner.js";
import { OutboxSender } from "./reminders/sender.js";
import { createWebAppServer, createWebhookServer, WEBHOOK_PATH } from "./server/webhook.js";
import { runRetention } from "./services/retention.js";
import { createBot, senderApi } from "./telegram/bot.js";
import type { BotContext } from "./telegram/context.js";
import type { WebAppHandler } from "./webapp/http.js";

const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;
const COMMANDS = ["start", "menu", "language", "verify", "about", "cancel"] as const;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readConfig(): Config {
  loadDotEnv();
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

async function setCommands(bot: Bot<BotContext>): Promise<void> {
  for (const language of LANGUAGES) {
    const t = translator(language);
    const commands = COMMANDS.map((command) => ({
      command,
      description: t(`commands.${command}`),
    }));
    await bot.api.setMyCommands(commands, { language_code: language });
    if (language === "kk") await bot.api.setMyCommands(commands);
  }
}

/** Stops taking updates, lets the ones in flight finish, then closes the database. */
function onShutdown(
  logger: Logger,
  stopTakingUpdates: () => Promise<void>,
  close: () => Promise<void>,
) {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await stopTakingUpdates();
    await close();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

/**
 * The coordinators' tables when WEBAPP_URL is set: their modules (every role's routes)
 * are loaded only then, so a bot without them starts without them.
 */
async function tablesOf(deps: AppDeps): Promise<WebAppHandler | undefined> {
  if (!deps.config.webapp) return undefined;
  const { createWebApp } = await import("./webapp/http.js");
  return createWebApp(deps);
}

/** The reminder planner on its cron tick (Almaty time) and the outbox sender. */
function startReminders(deps: AppDeps, bot: Bot<BotContext>) {
  const planner = scheduleJob(
    deps.logger,
    "reminder-planner",
    deps.config.reminderCron,
    async () => {
      const result = await planReminders(deps.db, deps.clock(), {
        ...DEFAULT_PLANNER_OPTIONS,
        dueOffsets: deps.config.reminderDueDays,
        cohortStartOffsets: deps.config.reminderCohortDays,
      });
      deps.logger.info(result, "reminders planned");
    },
  );
  // Processes sharing PostgreSQL tell each other how much of Telegram's budget their
  // replies use; one of them (the lease holder) sends the outbox with what is left.
  const exchange =
    deps.database.kind === "postgres" && deps.budget
      ? new BudgetExchange(deps.db, deps.budget, deps.logger)
      : undefined;
  exchange?.start();
  const sender = new OutboxSender(
    {
      db: deps.db,
      api: senderApi(bot),
      logger: deps.logger,
      clock: deps.clock,
      budget: deps.budget,
      lease: new SenderLease(deps.db, exchange?.processId ?? `pid:${process.pid}`),
    },
    { ratePerSecond: deps.config.senderRate, inFlight: deps.config.senderInFlight },
  );
  if (deps.config.senderEnabled) sender.start();
  // Personal data of long-deactivated employees, old invites, look-up failures and
  // outbox rows (Law No. 94-V): erased or pruned once a day, with audit rows.
  const policy = deps.config.retention;
  const retention = scheduleJob(deps.logger, "retention", policy.cron, async () => {
    const result = await runRetention(deps.db, policy, deps.clock());
    deps.logger.info(result, "retention done");
  });
  return {
    async stop() {
      await retention.stop();
      await planner.stop();
      await sender.stop();
      await exchange?.stop();
    },
  };
}

async function main(): Promise<void> {
  const config = readConfig();
  const zoneProblem = checkAlmatyTimeZone(new Date());
  if (zoneProblem) fail(zoneProblem);

  const logger = createLogger(config.logLevel);
  const deps = await openApp(config, logger);
  installCrashHandlers(logger, () => deps.database.close());
  logger.info({ database: deps.database.kind, mode: config.mode }, "database ready");
  const bot = await createBot(deps);
  try {
    await bot.init();
  } catch (error) {
    await deps.database.close();
    fail(`Could not reach Telegram at ${config.botApiRoot} with this BOT_TOKEN: ${String(error)}`);
  }
  const reminders = startReminders(deps, bot);

  if (config.mode === "webhook") {
    const webapp = await tablesOf(deps);
    const server = createWebhookServer(bot, config.webhookSecret, deps.metrics, webapp);
    // Listening first: updates Telegram already holds for an existing webhook are
    // answered while the commands and the webhook are set (round trips to Telegram).
    await new Promise<void>((resolve) => server.listen(config.port, resolve));
    await Promise.all([
      setCommands(bot),
      bot.api.setWebhook(new URL(WEBHOOK_PATH, config.webhookUrl).toString(), {
        secret_token: config.webhookSecret,
        allowed_updates: ALLOWED_UPDATES,
      }),
    ]);
    logger.info({ port: config.port, username: bot.botInfo.username }, "bot started (webhook)");
    onShutdown(
      logger,
      async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await reminders.stop();
      },
      () => deps.database.close(),
    );
    return;
  }

  await Promise.all([setCommands(bot), bot.api.deleteWebhook()]);
  const runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
  logger.info({ username: bot.botInfo.username }, "bot started (long polling)");
  // The Mini App needs an HTTP server even without webhooks: a port of its own, behind
  // the operator's HTTPS proxy at WEBAPP_URL.
  const webappPort = config.webapp?.port;
  const tables = await tablesOf(deps);
  const webappServer = tables ? createWebAppServer(tables) : undefined;
  if (webappServer) {
    await new Promise<void>((resolve) => webappServer.listen(webappPort, resolve));
    logger.info({ port: webappPort, url: config.webapp?.url }, "coordinators' tables served");
  }
  onShutdown(
    logger,
    async () => {
      if (webappServer) await new Promise<void>((resolve) => webappServer.close(() => resolve()));
      await runner.stop();
      await reminders.stop();
    },
    () => deps.database.close(),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
