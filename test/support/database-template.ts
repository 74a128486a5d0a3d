// Vitest's globalSetup: migrates and seeds one database before any test file runs,
// so that each file gets a copy of it instead of migrating its own. Creating an
// embedded database from nothing (initdb) and migrating it took seconds per file;
// a copy takes a fraction of that.
//
// - On PostgreSQL (TEST_DATABASE_URL): a template database, which each file copies
//   with CREATE DATABASE … TEMPLATE; dropped when the run ends.
// - On PGlite: a dump of the migrated data folder in a temporary file, which each
//   file loads into a fresh in-memory PGlite; deleted when the run ends.
//
// test/support/database.ts reads what is provided here; a test of the migrations
// themselves still migrates from nothing.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../db/database.js";
import { migrateToLatest } from "../../db/migrate.js";
import { seedUnits } from "../../db/seed/units.js";

/** What the test files are given (see `inject` in test/support/database.ts). */
export interface DatabaseTemplate {
  /** PostgreSQL: the server's URL as TEST_DATABASE_URL gave it, and the template's name. */
  postgres?: { serverUrl: string; name: string };
  /** PGlite: the file holding the migrated and seeded data folder (an uncompressed tar). */
  pgliteDump?: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function adminQuery(sql: string, serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL || undefined;
  if (serverUrl) {
    // Unique per run: two runs against one server must not drop each other's template.
    const name = `bot_template_${randomBytes(6).toString("hex")}`;
    await adminQuery(`create database ${name}`, serverUrl);
    const handle = await openDatabase({ url: withDatabaseName(serverUrl, name), poolSize: 2 });
    try {
      await migrateToLatest(handle.db);
      await seedUnits(handle.db);
    } finally {
      // PostgreSQL copies a template only while nobody is connected to it.
      await handle.close();
    }
    project.provide("databaseTemplate", { postgres: { serverUrl, name } });
    return () => adminQuery(`drop database if exists ${name} with (force)`, serverUrl);
  }

  const handle = await openDatabase({ dataDir: "memory://" });
  const folder = mkdtempSync(join(tmpdir(), "bot-test-database-"));
  const file = join(folder, "migrated.tar");
  try {
    await migrateToLatest(handle.db);
    await seedUnits(handle.db);
    // Uncompressed: a larger file, but loading it is faster than unpacking gzip.
    const dump = await handle.dumpDataDir?.();
    if (!dump) throw new Error("the embedded database could not be dumped");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await handle.close();
  }
  project.provide("databaseTemplate", { pgliteDump: file });
  return async () => rmSync(folder, { recursive: true, force: true });
}
