// Opens the database and brings it up to date (migrations, unit tree): what
// `npm start`, the scripts and the tests share. Nothing here listens or polls.
import { join } from "node:path";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import { isUpToDate } from "../db/up-to-date.js";
import type { Clock } from "./core/clock.js";
import type { Config } from "./core/config.js";
import type { Logger } from "./core/logger.js";
import { Metrics } from "./core/metrics.js";
import type { AppDeps } from "./deps.js";
import { outboxBacklog, unreachableCount } from "./outbox/outbox.js";
import { SendBudget } from "./outbox/send-budget.js";

export async function openApp(
  config: Config,
  logger: Logger,
  clock: Clock = () => new Date(),
): Promise<AppDeps> {
  const database = await openDatabase({
    url: config.databaseUrl,
    dataDir: join(config.dataDir, "pglite"),
    timeouts: config.databaseTimeouts,
  });
  try {
    // A database already up to date costs one query here (most starts).
    if (!(await isUpToDate(database.db))) {
      const applied = await migrateToLatest(database.db);
      if (applied.length) logger.info({ applied }, "database migrated");
      await seedUnits(database.db);
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    logger,
    clock,
    fetch: globalThis.fetch,
    budget: new SendBudget(),
  };
  return { ...deps, metrics: metricsOf(deps) };
}

/**
 * The operator's metrics of this process, served at /metrics in webhook mode. What to
 * alert on for each (the outbox's oldest row over an hour in working hours, 429s
 * climbing, queries waiting for the pool…) is in the README's deployment section.
 */
export function metricsOf(deps: AppDeps): Metrics {
  const metrics = new Metrics();
  const budget = deps.budget;
  if (budget) metrics.sendTotals(() => budget.totals);
  const backlog = () => outboxBacklog(deps.db, deps.clock());
  metrics.gaugeOf(
    "bot_outbox_waiting",
    "Outbox rows waiting to be sent",
    async () => (await backlog()).waiting,
  );
  metrics.gaugeOf(
    "bot_outbox_oldest_seconds",
    "How long the oldest waiting outbox row has been due",
    async () => (await backlog()).oldestSeconds,
  );
  metrics.gaugeOf(
    "bot_unreachable_people",
    "People the bot cannot reach (blocked or never started)",
    () => unreachableCount(deps.db),
  );
  metrics.gaugeOf(
    "bot_db_pool_in_use",
    "Database connections in use",
    () => deps.database.poolUse?.().inUse ?? 0,
  );
  metrics.gaugeOf(
    "bot_db_pool_waiting",
    "Queries waiting for a database connection",
    () => deps.database.poolUse?.().waiting ?? 0,
  );
  return metrics;
}
