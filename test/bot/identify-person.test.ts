// Every update starts by identifying its sender in one statement (identifyPerson). It
// writes the contact only when something changed: an update from a person whose name,
// reachability and "last seen" (ten minutes) are as recorded writes nothing and locks
// nothing, so it costs no transaction of its own; a change is still written.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identifyPerson } from "../../bot/services/people.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const ID = 90_001;
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 6, 10, minutes));

/** The row's xmax: the transaction that last locked or updated it, "0" when none did. */
async function row() {
  const { rows } = await sql<{
    first_name: string;
    last_seen_at: Date;
    unreachable_at: Date | null;
    xmax: string;
  }>`select first_name, last_seen_at, unreachable_at, xmax::text from telegram_users
      where telegram_id = ${ID}`.execute(database.db);
  return rows[0];
}

describe("identifying the sender", () => {
  it("records a new person", async () => {
    const who = await identifyPerson(
      database.db,
      { id: ID, first_name: "Айгуль" },
      at(0),
      [],
      null,
    );
    expect(who.record).toMatchObject({ telegram_id: ID, first_name: "Айгуль" });
    expect((await row())?.last_seen_at).toEqual(at(0));
  });

  it("neither writes nor locks the row when nothing changed", async () => {
    const who = await identifyPerson(
      database.db,
      { id: ID, first_name: "Айгуль" },
      at(9),
      [],
      null,
    );
    expect(who.record).toMatchObject({
      telegram_id: ID,
      first_name: "Айгуль",
      last_seen_at: at(0),
    });
    expect(await row()).toMatchObject({ last_seen_at: at(0), xmax: "0" });
  });

  it("writes a new name, and 'last seen' once more than ten minutes old", async () => {
    await identifyPerson(database.db, { id: ID, first_name: "Айгүл" }, at(9), [], null);
    expect(await row()).toMatchObject({ first_name: "Айгүл", last_seen_at: at(9) });
    await identifyPerson(database.db, { id: ID, first_name: "Айгүл" }, at(19), [], null);
    expect((await row())?.last_seen_at).toEqual(at(9));
    await identifyPerson(database.db, { id: ID, first_name: "Айгүл" }, at(20), [], null);
    expect((await row())?.last_seen_at).toEqual(at(20));
  });

  it("clears the 'unreachable' mark", async () => {
    await sql`update telegram_users set unreachable_at = ${at(21)} where telegram_id = ${ID}`.execute(
      database.db,
    );
    const who = await identifyPerson(
      database.db,
      { id: ID, first_name: "Айгүл" },
      at(22),
      [],
      null,
    );
    expect(who.record.unreachable_at).toBeNull();
    expect((await row())?.unreachable_at).toBeNull();
  });
});
