// The last line of defence: an error that escaped everything (a callback of some
// library, a promise nobody awaited) is logged as fatal — with what it was — and the
// process then exits cleanly: the database closed, exit code 1, so the supervisor
// (systemd, Docker, Kubernetes) starts a fresh one. Carrying on after an uncaught
// exception would leave the process in a state nobody knows.
import type { Logger } from "./logger.js";

/** How long closing may take before the process exits anyway. */
const CLOSE_WITHIN_MS = 5_000;

export function installCrashHandlers(
  logger: Logger,
  close: () => Promise<void>,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let exiting = false;
  const die = (kind: "uncaughtException" | "unhandledRejection", error: unknown) => {
    logger.fatal({ err: error, kind }, `${kind}: the process stops`);
    if (exiting) return;
    exiting = true;
    const timer = setTimeout(() => exit(1), CLOSE_WITHIN_MS);
    timer.unref();
    close()
      .catch((closeError: unknown) => logger.error({ err: closeError }, "closing failed"))
      .finally(() => {
        clearTimeout(timer);
        logger.flush?.();
        exit(1);
      });
  };
  process.on("uncaughtException", (error) => die("uncaughtException", error));
  process.on("unhandledRejection", (reason) => die("unhandledRejection", reason));
}
