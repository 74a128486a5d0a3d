// `npx tsx scripts/profile-update.ts [updates]`: where the time of one update goes.
// Runs the production bot in this process on a fresh database (DATABASE_URL, else an
// in-memory PGlite) against the test simulator (Bot API calls cost nothing), and for
// the due-date button and /start prints the database round trips per update — each
// statement by its first words, with its mean time from sent to result — the chat
// lock's time, and the mean time per update; what is left is the bot's own work
// (grammY, middleware, the handler, i18n) and the driver's. For where that goes, run
// it under `node --cpu-prof --import tsx` and read the profile.
import { performance } from "node:perf_hooks";
import type { KyselyPlugin } from "kysely";
import { createLogger } from "../bot/core/logger.js";
import type { AppDeps } from "../bot/deps.js";
import { SendBudget } from "../bot/outbox/send-budget.js";
import { createBot } from "../bot/telegram/bot.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import { TelegramSimulator } from "../test/simulator/index.js";
import { testConfig } from "../test/support/harness.js";
import { seedEmployees } from "./support/seed-employees.js";

const updates = Number(process.argv[2] ?? 200);
const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: "memory://" });
await migrateToLatest(database.db);
await seedUnits(database.db);
const ids = await seedEmployees(database.db, updates, 4_000_000);

const queries: { head: string; ms: number; started: number }[] = [];
const pending = new WeakMap<object, { head: string; started: number }>();
const counter: KyselyPlugin = {
  transformQuery(args) {
    const node = args.node as { kind: string; sqlFragments?: readonly string[] };
    const head = node.kind === "RawNode" ? (node.sqlFragments?.[0] ?? "").trim() : node.kind;
    pending.set(args.queryId, { head: describe(node, head), started: performance.now() });
    return args.node;
  },
  transformResult: async (args) => {
    const p = pending.get(args.queryId);
    if (p) queries.push({ head: p.head, ms: performance.now() - p.started, started: p.started });
    return args.result;
  },
};
/** A statement by its kind and the table it starts from ("SelectQueryNode employees"). */
function describe(node: unknown, head: string): string {
  const from = (node as { from?: { froms?: unknown[] } }).from?.froms?.[0];
  const table = JSON.stringify(from ?? "").match(/"name":"([a-z_]+)"/)?.[1];
  return table ? `${head} from ${table}` : head;
}
const locks = { count: 0, ms: 0 };
const lockKey = database.lockKey.bind(database);
const sim = new TelegramSimulator();
const deps: AppDeps = {
  config: testConfig(sim),
  database: {
    ...database,
    lockKey: async (key) => {
      locks.count++;
      const started = performance.now();
      const unlock = await lockKey(key);
      locks.ms += performance.now() - started;
      return async () => {
        const t = performance.now();
        await unlock();
        locks.ms += performance.now() - t;
      };
    },
  },
  db: database.db.withPlugin(counter),
  logger: createLogger("silent"),
  clock: () => new Date(),
  fetch: sim.fetch,
  budget: new SendBudget({ limitPerSecond: 1e9 }),
};
const bot = await createBot(deps, {
  botInfo: sim.botInfo,
  client: { fetch: sim.fetch, apiRoot: sim.apiRoot },
});
sim.connect((update) => bot.handleUpdate(update));

for (const [name, act] of [
  ["/start", (id: number) => sim.user({ id, language_code: "ru" }).send("/start")],
  [
    "due-date button",
    (id: number) =>
      sim
        .user({ id, language_code: "ru" })
        .press("📅 Срок повышения квалификации")
        .catch((e) => {
          console.log(sim.user({ id }).texts());
          throw e;
        }),
  ],
] as const) {
  await act(ids[0] ?? 0); // warm-up
  queries.length = 0;
  locks.count = 0;
  locks.ms = 0;
  const started = performance.now();
  for (const id of ids.slice(1)) await act(id);
  const ms = (performance.now() - started) / (ids.length - 1);
  const n = ids.length - 1;
  const perUpdate = queries.length / n;
  const kinds = new Map<string, { count: number; ms: number }>();
  // Wall time with at least one statement in flight (parallel ones counted once).
  let queryMs = 0;
  let until = 0;
  for (const q of [...queries].sort((a, b) => a.started - b.started)) {
    const end = q.started + q.ms;
    queryMs += Math.max(0, end - Math.max(q.started, until));
    until = Math.max(until, end);
  }
  for (const q of queries) {
    const head = q.head.replace(/\s+/g, " ").slice(0, 70);
    const k = kinds.get(head) ?? { count: 0, ms: 0 };
    k.count++;
    k.ms += q.ms;
    kinds.set(head, k);
  }
  console.log(
    `${name}: ${perUpdate.toFixed(1)} statements + ${(2 * locks.count) / n} lock round trips per update, ${ms.toFixed(2)} ms per update (one at a time)`,
  );
  for (const [q, k] of kinds)
    console.log(`  ${(k.count / n).toFixed(2)} × ${(k.ms / k.count).toFixed(2)} ms  ${q}`);
  console.log(
    `  statements ${(queryMs / n).toFixed(2)} ms (wall time, parallel ones once), chat lock ${(locks.ms / n).toFixed(2)} ms, the rest ${(ms - queryMs / n - locks.ms / n).toFixed(2)} ms`,
  );
}
await database.close();
