// The bot's scheduled jobs (the reminder planner, retention) on node-cron, in Almaty
// time. A run that fails is logged through the JSON logger with the job's name, where
// the redaction of tokens and IINs applies, and the next tick runs as usual; node-cron's
// own remarks (a missed or overlapping run) go to the same logger.
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "./logger.js";

export function scheduleJob(
  logger: Logger,
  name: string,
  expression: string,
  work: () => Promise<void>,
): ScheduledTask {
  const log = logger.child({ job: name });
  return cron.schedule(
    expression,
    async () => {
      try {
        await work();
      } catch (error) {
        log.error({ err: error }, "scheduled job failed");
      }
    },
    {
      timezone: "Asia/Almaty",
      noOverlap: true,
      name,
      logger: {
        info: (message) => log.info(message),
        warn: (message) => log.warn(message),
        error: (message, err) => log.error({ err: err ?? message }, String(message)),
        debug: (message, err) => log.debug({ err: err ?? message }, String(message)),
      },
    },
  );
}
