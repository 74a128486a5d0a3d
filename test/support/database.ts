// A fresh, migrated and seeded database for a test file: PGlite in memory by
// default, or a new PostgreSQL database (dropped afterwards) when
// TEST_DATABASE_URL is set, so the same tests run against both.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type DatabaseHandle, openDatabase } from "../../db/database.js";
import { migrateToLatest } from "../../db/migrate.js";
import { seedUnits } from "../../db/seed/units.js";

export const postgresUrl = process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase extends DatabaseHandle {
  /** Connection string of this test's PostgreSQL database (undefined on PGlite). */
  url: string | undefined;
  /** Opens another handle on the same database, as a second process would. */
  openAnother(): Promise<DatabaseHandle>;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function adminQuery(sql: string, serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabaseOptions {
  /** How the schema is brought up; a migration test stops before its own migration. */
  migrate?: (db: DatabaseHandle["db"]) => Promise<unknown>;
}

/** `url` forces PostgreSQL for tests that need several processes on one database. */
export async function createTestDatabase(
  url = postgresUrl,
  { migrate = migrateToLatest }: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (!url) {
    const handle = await openDatabase({ dataDir: "memory://" });
    await migrate(handle.db);
    await seedUnits(handle.db);
    return {
      ...handle,
      url: undefined,
      openAnother: () => {
        throw new Error("PGlite is single-process: this test needs TEST_DATABASE_URL");
      },
    };
  }
  const name = `bot_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name}`, url);
  const databaseUrl = withDatabaseName(url, name);
  const handle = await openDatabase({ url: databaseUrl, poolSize: 10 });
  await migrate(handle.db);
  await seedUnits(handle.db);
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
