// A start on a database that is already migrated and seeded confirms it in one query
// and skips both; anything that differs sends the start through the migrator and
// the seed as before.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUnits } from "../db/seed/units.js";
import { isUpToDate } from "../db/up-to-date.js";
import { createTestDatabase, type TestDatabase } from "./support/database.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe("is the database up to date", () => {
  it("yes once migrated and seeded; no when a unit's name differs from the KATO file, until seeded again", async () => {
    const db = database.db;
    expect(await isUpToDate(db)).toBe(true);
    await sql`update units set name_ru = name_ru || ' (старое)' where id = (select min(id) from units)`.execute(
      db,
    );
    expect(await isUpToDate(db)).toBe(false);
    await seedUnits(db);
    expect(await isUpToDate(db)).toBe(true);
  });

  it("no when the database holds a migration this code does not know, or none at all", async () => {
    const db = database.db;
    await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01T00-00-00_later', now())`.execute(
      db,
    );
    expect(await isUpToDate(db)).toBe(false);
    await sql`drop table kysely_migration`.execute(db);
    expect(await isUpToDate(db)).toBe(false);
  });
});
