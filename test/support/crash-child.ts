// A process that installs the bot's crash handlers and then fails the way a library
// callback would: `throw` (uncaught exception) or `reject` (unhandled rejection).
import { installCrashHandlers } from "../../bot/core/crash.js";
import { createLogger } from "../../bot/core/logger.js";

const logger = createLogger("info");
installCrashHandlers(logger, async () => {
  logger.info("database closed");
});
const how = process.argv[2];
setTimeout(() => {
  if (how === "throw") throw new Error("a callback failed outside every try/catch");
  void Promise.reject(new Error("a promise nobody awaited was rejected"));
}, 10);
