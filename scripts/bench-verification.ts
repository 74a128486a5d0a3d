// `npx tsx scripts/bench-verification.ts [certificates] [hours]`: an attacker with
// as many Telegram accounts as they like walks the register by certificate number,
// a fresh account for every look-up, one look-up every 2 seconds of (simulated)
// time, against the real limits on PGlite. Prints the look-ups answered an hour and
// how long reading the whole register would take. Figures are in the README.
import { performance } from "node:perf_hooks";
import { VERIFY_LIMITS, verifyCertificate } from "../bot/services/verification.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import { createEmployee, createProvider, issueCertificate } from "../test/support/fixtures.js";

const certificates = Number(process.argv[2] ?? 1000);
const hours = Number(process.argv[3] ?? 3);
const database = await openDatabase({ dataDir: "memory://" });
await migrateToLatest(database.db);
await seedUnits(database.db);
const db = database.db;
const unit = await db
  .selectFrom("units")
  .select("id")
  .where("level", "=", "district")
  .executeTakeFirstOrThrow();
const providerId = await createProvider(db, "ЖУР");
const employeeId = await createEmployee(db, { unitId: unit.id });
for (let i = 1; i <= certificates; i++)
  await issueCertificate(db, {
    employeeId,
    providerId,
    issuedOn: "2026-06-01",
    number: `ЖУР-2026-${String(i).padStart(6, "0")}`,
  });

let now = new Date("2026-11-26T09:00:00+05:00").getTime();
const end = now + hours * 3_600_000;
let asked = 0;
let answered = 0;
let account = 1_000_000;
let next = 1;
const started = performance.now();
for (; now < end; now += 2_000) {
  asked += 1;
  const result = await verifyCertificate(db, {
    query: `ЖУР-2026-${String(next).padStart(6, "0")}`,
    checker: account++,
    now: new Date(now),
  });
  if (result.kind === "found") {
    answered += 1;
    next = (next % certificates) + 1;
  }
}
await database.close();
const perHour = answered / hours;
console.log(
  `${asked} look-ups by number from ${asked} accounts over ${hours} h: ${answered} answered — ${perHour.toFixed(0)} an hour (limit ${VERIFY_LIMITS.byNumberPerHour}); ${((performance.now() - started) / 1000).toFixed(1)} s to run`,
);
for (const size of [10_000, 50_000, 100_000]) {
  const h = size / perHour;
  console.log(
    `reading a register of ${size.toLocaleString("en")} certificates: ${h.toFixed(0)} h (${(h / 24).toFixed(1)} days), no holder names shown`,
  );
}
