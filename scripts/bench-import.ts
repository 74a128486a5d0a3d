// `npx tsx scripts/bench-import.ts [rows]`: imports a CSV of `rows` employees
// (default 10,000) into one district, as a coordinator's file would be, and prints
// the time — once as new employees, once again as updates of the same people. Uses
// DATABASE_URL when set, else an in-memory PGlite. Goal: under 5 s for 10,000.
import { performance } from "node:perf_hooks";
import { makeIin } from "../bot/rules/index.js";
import { COLUMN_TITLES, IMPORT_COLUMNS, importEmployees } from "../bot/services/employee-import.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";

const rows = Number(process.argv[2] ?? 10_000);
const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: "memory://" });
await migrateToLatest(database.db);
await seedUnits(database.db);
const unit = await database.db
  .selectFrom("units")
  .select("id")
  .where("level", "=", "district")
  .orderBy("id")
  .executeTakeFirstOrThrow();

/** Distinct valid IINs (a serial that gives no valid check digit is skipped). */
function validIins(count: number): string[] {
  const found = new Set<string>();
  for (let n = 0; found.size < count; n++) {
    const day = n % 28;
    const birth = `19${60 + ((n >> 5) % 40)}-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + day).padStart(2, "0")}`;
    const iin = makeIin(birth, n % 2 ? "male" : "female", n % 10_000);
    if (iin) found.add(iin);
  }
  return [...found];
}
const iins = validIins(rows);

function csv(position: string): Buffer {
  const header = IMPORT_COLUMNS.map((c) => COLUMN_TITLES.ru[c]).join(";");
  const lines = iins.map((iin) => {
    return [
      iin,
      "Сейтқалиева",
      "Әйгерім",
      "Нұрланқызы",
      position,
      "+77011234567",
      "10.03.2025",
    ].join(";");
  });
  return Buffer.from([header, ...lines].join("\n"), "utf8");
}

for (const [label, position] of [
  ["new", "бас маман"],
  ["again, as updates", "жетекші маман"],
] as const) {
  const bytes = csv(position);
  const started = performance.now();
  const result = await importEmployees(database.db, {
    unitId: unit.id,
    bytes,
    fileName: "employees.csv",
    actor: 1,
    now: new Date(),
    today: "2026-11-26",
  });
  const seconds = (performance.now() - started) / 1000;
  const outcome = result.ok ? "ok" : `refused: ${JSON.stringify(result).slice(0, 200)}`;
  console.log(`import of ${rows} employees (${label}): ${seconds.toFixed(2)} s — ${outcome}`);
}
await database.close();
