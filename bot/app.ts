// Opens the database and brings it up to date (migrations, unit tree): what
// `npm start`, the scripts and the tests share. Nothing here listens or polls.
import { join } from "node:path";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import type { Clock } from "./core/clock.js";
import type { Config } from "./core/config.js";
import type { Logger } from "./core/logger.js";
import type { AppDeps } from "./deps.js";
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
    const applied = await migrateToLatest(database.db);
    if (applied.length) logger.info({ applied }, "database migrated");
    await seedUnits(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return {
    config,
    database,
    db: database.db,
    logger,
    clock,
    fetch: globalThis.fetch,
    budget: new SendBudget(),
  };
}
