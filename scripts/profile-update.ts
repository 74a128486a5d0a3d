// `npx tsx scripts/profile-update.ts [updates]`: where the time of one update goes.
// Runs the production bot in this process on a fresh database (DATABASE_URL, else an
// in-memory PGlite) against the test simulator (Bot API calls cost nothing), and for
// the due-date button and /start prints the database round trips per update — each
// query by its first words — and the mean time per update.
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

const queries: string[] = [];
const counter: KyselyPlugin = {
  transformQuery(args) {
    const node = args.node as { kind: string; sqlFragments?: readonly string[] };
    queries.push(node.kind === "RawNode" ? (node.sqlFragments?.[0] ?? "").trim() : node.kind);
    return args.node;
  },
  transformResult: async (args) => args.result,
};
const locks = { count: 0 };
const lockKey = database.lockKey.bind(database);
const sim = new TelegramSimulator();
const deps: AppDeps = {
  config: testConfig(sim),
  database: {
    ...database,
    lockKey: async (key) => {
      locks.count++;
      return lockKey(key);
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
  const started = performance.now();
  for (const id of ids.slice(1)) await act(id);
  const ms = (performance.now() - started) / (ids.length - 1);
  const perUpdate = queries.length / (ids.length - 1);
  const kinds = new Map<string, number>();
  for (const q of queries) kinds.set(q.slice(0, 60), (kinds.get(q.slice(0, 60)) ?? 0) + 1);
  console.log(
    `${name}: ${perUpdate.toFixed(1)} queries + ${(2 * locks.count) / (ids.length - 1)} lock round trips per update, ${ms.toFixed(1)} ms per update (one at a time)`,
  );
  for (const [q, n] of kinds)
    console.log(`  ${(n / (ids.length - 1)).toFixed(2)} × ${q.replace(/\s+/g, " ")}`);
}
await database.close();
