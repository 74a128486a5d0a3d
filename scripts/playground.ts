// `npm run playground`: the real bot on the built-in Telegram simulator, with demo
// people and a year's history, behind a Telegram-like page on 127.0.0.1. No token,
// no network. The database is an embedded PGlite in memory (a fresh demo every
// start) unless PLAYGROUND_DATABASE_URL names an empty PostgreSQL database.
//
//   PLAYGROUND_PORT          page port (default 8090; 0 picks a free one)
//   PLAYGROUND_DATABASE_URL  postgres://… of an EMPTY database (never your real one)
//   PLAYGROUND_START         the clock's first day, YYYY-MM-DD (default 15 September this year)
//   LOG_LEVEL, REMINDER_*    as for `npm start`
import { checkAlmatyTimeZone } from "../bot/core/timezone.js";
import { openDatabase } from "../db/database.js";
import { startPlayground } from "../playground/index.js";

function startDay(): string {
  const given = process.env.PLAYGROUND_START?.trim();
  if (!given) return `${new Date().getFullYear()}-09-15`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(given)) throw new Error("PLAYGROUND_START must be YYYY-MM-DD");
  return given;
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
  const url = process.env.PLAYGROUND_DATABASE_URL?.trim() || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url))
    throw new Error("PLAYGROUND_DATABASE_URL must start with postgres:// or postgresql://");
  const database = await openDatabase(url ? { url } : { dataDir: "memory://" });
  let playground: Awaited<ReturnType<typeof startPlayground>>;
  try {
    playground = await startPlayground({ database, start: startDay(), port: port() });
  } catch (error) {
    await database.close();
    throw error;
  }
  console.log(`Playground: ${playground.url}`);
  console.log(
    `Database: ${database.kind === "pglite" ? "embedded PGlite, in memory" : "PostgreSQL"}. Ctrl+C stops.`,
  );
  const stop = async () => {
    await playground.close();
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
