// What the services and handlers need from the outside world, passed in rather
// than imported, so tests can give them a moved clock or a second database.
import type { Kysely } from "kysely";
import type { DatabaseHandle } from "../db/database.js";
import type { Database } from "../db/types.js";
import type { Clock } from "./core/clock.js";
import type { Config } from "./core/config.js";
import type { Logger } from "./core/logger.js";
import type { Metrics } from "./core/metrics.js";
import type { SendBudget } from "./outbox/send-budget.js";

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  db: Kysely<Database>;
  logger: Logger;
  clock: Clock;
  /** HTTP client for Telegram file downloads; tests pass the simulator's. */
  fetch: typeof fetch;
  /** Telegram's message budget, shared by the bot's replies and the outbox sender. */
  budget?: SendBudget;
  /** What operators scrape at /metrics (webhook mode); absent in tests that do not look. */
  metrics?: Metrics;
}
