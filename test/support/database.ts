// A fresh, migrated and seeded database for a test file: PGlite in memory by
// default, or a new PostgreSQL database (dropped afterwards) when
// TEST_DATABASE_URL is set, so the same tests run against both.
//
// Each is a copy of the database test/support/database-template.ts migrated and
// seeded once for the whole run, so every file starts from the same state without
// paying for the migrations. A test that brings the schema up itself (`migrate`)
// gets an empty database instead, as does a server other than TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../db/database.js";
import { migrateToLatest } from "../../db/migrate.js";
import { seedUnits } from "../../db/seed/units.js";
import { adminQuery, type DatabaseTemplate, withDatabaseName } from "./database-template.js";

export const postgresUrl = process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase extends DatabaseHandle {
  /** Connection string of this test's PostgreSQL database (undefined on PGlite). */
  url: string | undefined;
  /** Opens another handle on the same database, as a second process would. */
  openAnother(): Promise<DatabaseHandle>;
}

export interface TestDatabaseOptions {
  /** How the schema is brought up; a migration test stops before its own migration. */
  migrate?: (db: DatabaseHandle["db"]) => Promise<unknown>;
}

/** What the global setup made, or nothing outside a Vitest run (a script importing this). */
function template(): DatabaseTemplate {
  return process.env.VITEST ? (inject("databaseTemplate") ?? {}) : {};
}

// Read once per test file: every database the file opens loads the same bytes.
let pgliteDump: Blob | undefined;
function migratedPgliteDump(): Blob | undefined {
  const file = template().pgliteDump;
  if (file && !pgliteDump) pgliteDump = new Blob([readFileSync(file)]);
  return pgliteDump;
}

/** `url` forces PostgreSQL for tests that need several processes on one database. */
export async function createTestDatabase(
  url = postgresUrl,
  { migrate }: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (!url) {
    const dump = migrate ? undefined : migratedPgliteDump();
    const handle = await openDatabase({ dataDir: "memory://", loadDataDir: dump });
    if (!dump) await migrateAndSeed(handle.db, migrate);
    return {
      ...handle,
      url: undefined,
      openAnother: () => {
        throw new Error("PGlite is single-process: this test needs TEST_DATABASE_URL");
      },
    };
  }
  const name = `bot_test_${randomBytes(6).toString("hex")}`;
  const copyOf = template().postgres;
  const copy = !migrate && copyOf?.serverUrl === url;
  await adminQuery(
    copy ? `create database ${name} template ${copyOf.name}` : `create database ${name}`,
    url,
  );
  const databaseUrl = withDatabaseName(url, name);
  const handle = await openDatabase({ url: databaseUrl, poolSize: 10 });
  if (!copy) await migrateAndSeed(handle.db, migrate);
  return {
    ...handle,
    url: databaseUrl,
    openAnother: () => openDatabase({ url: databaseUrl, poolSize: 10 }),
    async close() {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`, url);
    },
  };
}

async function migrateAndSeed(
  db: DatabaseHandle["db"],
  migrate: TestDatabaseOptions["migrate"] = migrateToLatest,
): Promise<void> {
  await migrate(db);
  await seedUnits(db);
}
