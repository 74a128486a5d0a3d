// `npx tsx scripts/bench-tables.ts [employees] [requests]`
//
// The district register of the coordinators' tables through the HTTP API (the bot's
// own handler, `createWebApp`, on a loopback port): `employees` (default 10,000) in
// one district with a mix of certificates — never trained, a certificate from before
// the bot, certificates issued in the bot (some revoked), some in training, some
// with answers to the personal-data notice — then the first page of each view asked
// `requests` times (default 200, after a warm-up), one request at a time as one
// coordinator's page would: prints p50/p95/max per view and the load average. The
// goal is p95 < 150 ms for the overdue, sorted by due date. Every request checks its
// init data, reads the person's roles and writes the 50 IINs it shows to the access
// log, as in production.
//
// Uses a new database on the PostgreSQL server of DATABASE_URL (dropped afterwards)
// when set, else PGlite in memory.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../bot/core/config.js";
import { createLogger } from "../bot/core/logger.js";
import type { AppDeps } from "../bot/deps.js";
import { createWebApp } from "../bot/webapp/http.js";
import { signInitData } from "../bot/webapp/init-data.js";
import { createTestDatabase } from "../test/support/database.js";
import { seedDistrict } from "./support/seed-district.js";

const count = Number(process.argv[2] ?? 10_000);
const requests = Number(process.argv[3] ?? 200);
const TOKEN = "7000000001:BENCHMARK-token-0123456789abcdef";
const COORDINATOR = { id: 5_000_001, first_name: "Дана", language_code: "ru" };
const NOW = new Date("2026-11-25T10:00:00+05:00");

const database = await createTestDatabase(process.env.DATABASE_URL || undefined);
const { db } = database;
const seeded = performance.now();
const unitId = await seedDistrict(db, count, COORDINATOR, NOW);
console.log(
  `${count} employees in one district, ${database.url ? "PostgreSQL" : "PGlite"}; seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
);

const deps: AppDeps = {
  config: loadConfig({ BOT_TOKEN: TOKEN, DATA_DIR: "", LOG_LEVEL: "silent" }),
  database,
  db,
  logger: createLogger("silent"),
  clock: () => new Date(NOW),
  fetch,
};
const handle = createWebApp(deps);
const server = createServer(async (req, res) => {
  if (!(await handle(req, res))) res.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const authorization = `tma ${signInitData(COORDINATOR, TOKEN, new Date())}`;

const views: Array<[string, string]> = [
  ["overdue, by due date", "status=overdue&sort=due"],
  ["everyone, by due date", "sort=due"],
  ["everyone, by name", "sort=name"],
  ["due within 90 days", "status=due_soon&sort=due"],
  ["not signed the agreement", "agreement=unsigned&sort=due"],
  ["declined the notice", "consent=declined&sort=name"],
  ["surname search", "search=%D0%B1%D0%B5%D0%BA&sort=due"],
];
for (const [name, query] of views) {
  const url = `${origin}/app/api/g/d${unitId}/employees?${query}&page=0`;
  let total = 0;
  for (let i = 0; i < Math.min(20, requests); i++) total = (await ask(url)).total;
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    await ask(url);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log(
    `${name.padEnd(26)} ${String(total).padStart(6)} rows: p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms`,
  );
}
console.log(
  `load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")}`,
);
server.closeAllConnections();
server.close();
await database.close();

async function ask(url: string): Promise<{ total: number }> {
  const response = await fetch(url, { headers: { authorization } });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  const body = (await response.json()) as { total: number; rows: unknown[] };
  return body;
}
