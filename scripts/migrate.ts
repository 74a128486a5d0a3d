// `npm run db:migrate`: applies pending migrations and refreshes the unit tree,
// on DATABASE_URL or, when it is empty, the embedded database under DATA_DIR.
import { join } from "node:path";
import { loadDotEnv } from "../bot/core/config.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";

loadDotEnv();
const database = await openDatabase({
  url: process.env.DATABASE_URL || undefined,
  dataDir: join(process.env.DATA_DIR || "./data", "pglite"),
});
try {
  const applied = await migrateToLatest(database.db);
  const units = await seedUnits(database.db);
  console.log(
    `${database.kind}: ${applied.length ? `applied ${applied.join(", ")}` : "schema up to date"}; ${units} units seeded`,
  );
} finally {
  await database.close();
}
