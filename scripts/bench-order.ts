// `npx tsx scripts/bench-order.ts [people] [rounds]`
//
// An order for `people` employees (default 100) sent through the Mini App's HTTP API
// (`createWebApp`, over loopback, init data signed as Telegram would), as a regional
// coordinator presses "Enrol by order": one request, one transaction in the service
// (the cohort locked, places counted, the enrolments, their audit rows, the kept
// order and each employee's notice). `rounds` orders (default 5), each into a cohort
// of its own, on a database with 10,000 other employees; prints each order's time,
// the median and the slowest. Goal: under 1 s. Uses DATABASE_URL (PostgreSQL; a
// fresh database on that server, dropped afterwards) when set, else PGlite in memory.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../bot/core/config.js";
import { createLogger } from "../bot/core/logger.js";
import type { AppDeps } from "../bot/deps.js";
import { approveConsolidated } from "../bot/services/consolidated-list.js";
import { openList } from "../bot/services/lists.js";
import { createWebApp } from "../bot/webapp/http.js";
import { signInitData } from "../bot/webapp/init-data.js";
import { createTestDatabase } from "../test/support/database.js";
import { createCohort, createProvider, grantRole, KATO, unitId } from "../test/support/fixtures.js";
import { seedEmployees } from "./support/seed-employees.js";

const people = Number(process.argv[2] ?? 100);
const rounds = Number(process.argv[3] ?? 5);
const TOKEN = "7000000001:BENCHMARK-token-0123456789abcdef";
const COORDINATOR = { id: 9_000_001, first_name: "Бенчмарк", language_code: "ru" };

const database = await createTestDatabase(process.env.DATABASE_URL || undefined);
const { db } = database;
// The order is entered on 25 November 2026 for cohorts starting in February 2027.
const now = new Date("2026-11-25T10:00:00+05:00");
const deps: AppDeps = {
  config: loadConfig({
    BOT_TOKEN: TOKEN,
    DATA_DIR: "",
    LOG_LEVEL: "silent",
    SENDER_ENABLED: "false",
    WEBAPP_URL: "https://bench.invalid/app/",
  }),
  database,
  db,
  logger: createLogger("silent"),
  clock: () => now,
  fetch: globalThis.fetch,
};

await seedEmployees(db, 10_000, 3_000_000);
const region = await unitId(db, KATO.abaiRegion);
await grantRole(db, COORDINATOR.id, "regional_coordinator", { unitId: region });
// The people to send: employees of the region-level unit with Telegram accounts, never
// trained, so the rules put them all on the consolidated list of 2027, approved.
const total = people * rounds;
const employees: number[] = [];
for (let i = 0; i < total; i += 1000) {
  const batch = Array.from({ length: Math.min(1000, total - i) }, (_, k) => i + k);
  await db
    .insertInto("telegram_users")
    .values(batch.map((n) => ({ telegram_id: 8_000_000 + n, first_name: "Е", language: "ru" })))
    .execute();
  const rows = await db
    .insertInto("employees")
    .values(
      batch.map((n) => ({
        iin: `85${String(n).padStart(10, "0")}`,
        last_name: `Приказова${n}`,
        first_name: "Айгүл",
        unit_id: region,
        position: "бас маман",
        telegram_user_id: 8_000_000 + n,
      })),
    )
    .returning("id")
    .execute();
  employees.push(...rows.map((r) => r.id));
}
const list = await openList(db, region, 2027, "regional", COORDINATOR.id, now);
await approveConsolidated(db, list.id, 2027, COORDINATOR.id, now);
const providerId = await createProvider(db);
const cohorts: number[] = [];
for (let r = 0; r < rounds; r++)
  cohorts.push(
    await createCohort(db, {
      providerId,
      startsOn: "2027-02-01",
      endsOn: "2027-02-12",
      capacity: people,
    }),
  );

const handle = createWebApp(deps);
const server = createServer(async (req, res) => {
  if (!(await handle(req, res))) res.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const kind = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
console.log(`order for ${people} people over HTTP, ${kind}, ${rounds} orders:`);
const times: number[] = [];
for (let r = 0; r < rounds; r++) {
  const body = JSON.stringify({
    employeeIds: employees.slice(r * people, (r + 1) * people),
    orderNumber: `${r + 1}-ө`,
    orderDate: "2026-11-25",
  });
  const started = performance.now();
  const response = await fetch(`${origin}/app/api/g/r${region}/enrol/cohorts/${cohorts[r]}/order`, {
    method: "POST",
    headers: {
      authorization: `tma ${signInitData(COORDINATOR, TOKEN, new Date())}`,
      "content-type": "application/json",
    },
    body,
  });
  const answer = (await response.json()) as { enrolled?: number; error?: string };
  const ms = performance.now() - started;
  if (response.status !== 200 || answer.enrolled !== people)
    throw new Error(`order ${r + 1} failed: ${response.status} ${JSON.stringify(answer)}`);
  times.push(ms);
  console.log(`  order ${r + 1}: ${ms.toFixed(0)} ms (${answer.enrolled} enrolled)`);
}
const sorted = [...times].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
const slowest = sorted.at(-1) ?? 0;
console.log(
  `median ${median.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms — goal < 1000 ms: ${slowest < 1000 ? "met" : "NOT met"}`,
);
console.log(
  `load average: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")}`,
);
server.close();
await database.close();
