// `npx tsx scripts/bench-retention.ts [deactivated] [active]`: times the retention
// job on an in-memory PGlite (or on DATABASE_URL, which must name an empty
// database) holding `active` employees and `deactivated` long-gone ones (each with
// a certificate and audit rows), and checks that every deactivated
// one was erased, no active one touched and every certificate kept. Figures: README.
import { performance } from "node:perf_hooks";
import { DEFAULT_RETENTION } from "../bot/core/config.js";
import { makeIin } from "../bot/rules/index.js";
import { runRetention } from "../bot/services/retention.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";

const deactivated = Number(process.argv[2] ?? 1000);
const active = Number(process.argv[3] ?? 10_000);
const handle = await openDatabase({ url: process.env.DATABASE_URL, dataDir: "memory://" });
const db = handle.db;
await migrateToLatest(db);
await seedUnits(db);
const unit = await db
  .selectFrom("units")
  .select("id")
  .where("level", "=", "district")
  .executeTakeFirstOrThrow();
const provider = await db
  .insertInto("providers")
  .values({ name_kk: "Ұйым", name_ru: "Организация", head_name: "Басшы", certificate_prefix: "Б" })
  .returning("id")
  .executeTakeFirstOrThrow();

const now = new Date("2030-01-01T00:00:00Z");
const longAgo = new Date(now.getTime() - (DEFAULT_RETENTION.employeeDays + 30) * 86_400_000);
let serial = 0;
const nextIin = () => {
  for (;;) {
    const iin = makeIin(
      `19${60 + (serial % 40)}-0${1 + (serial % 9)}-1${serial % 9}`,
      "female",
      serial++,
    );
    if (iin) return iin;
  }
};
const total = deactivated + active;
for (let i = 0; i < total; i += 1000) {
  const rows = Array.from({ length: Math.min(1000, total - i) }, (_, k) => {
    const gone = i + k < deactivated;
    return {
      iin: nextIin(),
      last_name: `Тегі${i + k}`,
      first_name: "Аты",
      unit_id: unit.id,
      position: "маман",
      phone: `7701${String(i + k).padStart(7, "0")}`,
      active: !gone,
      deactivated_at: gone ? longAgo : null,
    };
  });
  const inserted = await db
    .insertInto("employees")
    .values(rows)
    .returning(["id", "iin", "last_name"])
    .execute();
  await db
    .insertInto("audit_log")
    .values(
      inserted.map((e) => ({
        action: "employee.create",
        entity: "employee",
        entity_id: String(e.id),
        after: JSON.stringify(e),
      })),
    )
    .execute();
  await db
    .insertInto("certificates")
    .values(
      inserted.map((e) => ({
        number: `Б-2025-${e.id}`,
        verification_code: `C${e.id}`,
        employee_id: e.id,
        provider_id: provider.id,
        academic_hours: 72,
        issued_on: "2025-05-01",
        holder_last_name: e.last_name,
        holder_first_name: "Аты",
        holder_iin: e.iin,
        holder_workplace_kk: "Аудан",
        holder_workplace_ru: "Район",
        holder_position: "маман",
        provider_name_kk: "Ұйым",
        provider_name_ru: "Организация",
        provider_head_name: "Басшы",
      })),
    )
    .execute();
}

const started = performance.now();
const result = await runRetention(db, DEFAULT_RETENTION, now);
const seconds = (performance.now() - started) / 1000;
const count = async (where: "erased" | "untouched") =>
  Number(
    (
      await db
        .selectFrom("employees")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("erased_at", where === "erased" ? "is not" : "is", null)
        .executeTakeFirstOrThrow()
    ).n,
  );
const certificates = await db
  .selectFrom("certificates")
  .select((eb) => eb.fn.countAll().as("n"))
  .executeTakeFirstOrThrow();
console.log(
  `retention over ${active} active + ${deactivated} long-deactivated employees: ${seconds.toFixed(2)} s ` +
    `(${((seconds * 1000) / Math.max(1, deactivated)).toFixed(2)} ms per erased employee); ` +
    `erased ${result.employeesErased}, untouched ${await count("untouched")}, certificates kept ${Number(certificates.n)} of ${total}`,
);
await handle.close();
