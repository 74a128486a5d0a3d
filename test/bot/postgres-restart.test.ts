// The bot recovers by itself when PostgreSQL drops its connections (a restart, a
// failover): every connection of the bot's database is terminated in the middle of a
// conversation, and of a stream of updates. Updates after that are answered, and
// nothing written before it is lost. Needs a real PostgreSQL: TEST_DATABASE_URL, or
// the local server.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeIin } from "../../bot/rules/index.js";
import { createTestDatabase } from "../support/database.js";
import { grantRole, KATO, unitId } from "../support/fixtures.js";
import { startTestBot, type TestBot } from "../support/harness.js";
import { reachablePostgres } from "../support/postgres-server.js";
import { waitFor } from "../support/wait-for.js";

const COORDINATOR = 9701;
const server = await reachablePostgres("the PostgreSQL restart test");
let app: TestBot;
let district: number;

beforeAll(async () => {
  if (!server) return;
  const database = await createTestDatabase(server);
  app = await startTestBot({ database });
  // Updates only: the outbox sender has its own loop that waits out a lost connection
  // (bot/reminders/sender.ts), while the test harness would drain it after each update.
  app.sim.connect((update) => app.bot.handleUpdate(update), { replaceAll: true });
  district = await unitId(app.deps.db, KATO.abaiDistrict);
  await grantRole(app.deps.db, COORDINATOR, "district_coordinator", { unitId: district });
});
afterAll(() => app?.database.close());

/** Runs `query` on the server's own database, beside the bot's. */
async function asAdmin<T>(query: (admin: pg.Client, name: string) => Promise<T>): Promise<T> {
  const url = new URL(app.database.url ?? "");
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    return await query(admin, name);
  } finally {
    await admin.end();
  }
}

let terminated: number[] = [];

/** pg_terminate_backend on every connection to the bot's database, as a restart does. */
async function terminateConnections(): Promise<number> {
  terminated = await asAdmin(async (admin, name) => {
    // In the select list, so that it runs only on the rows the filter kept: in the
    // filter, the planner may call it before testing the database's name.
    const result = await admin.query<{ pid: number }>(
      "select pid, pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [name],
    );
    return result.rows.map((r) => r.pid);
  });
  return terminated.length;
}

/**
 * Until the terminated server processes have exited (a busy server takes its time),
 * then a moment for the bot's pool to see its connections close, as it would after a
 * real restart before the next update arrives.
 */
async function settle(): Promise<void> {
  await waitFor(() =>
    asAdmin(async (admin) => {
      const left = await admin.query("select 1 from pg_stat_activity where pid = any($1)", [
        terminated,
      ]);
      return left.rowCount === 0;
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
}

function iin(serial: number): string {
  for (let s = serial; ; s++) {
    const value = makeIin("1988-03-14", "female", s);
    if (value) return value;
  }
}

describe.skipIf(!server)("PostgreSQL dropping every connection", () => {
  it("mid-conversation: the conversation goes on, and what was saved before stays", async () => {
    const user = app.sim.user({ id: COORDINATOR, language_code: "ru" });
    await user.send("/menu");
    await user.press("👥 Работники");
    await user.press("➕ Добавить");
    await user.send(iin(100));
    await user.send("Жұмабаева");

    expect(await terminateConnections()).toBeGreaterThan(0);
    await settle();

    await user.send("Айгүл");
    expect(user.lastText()).toContain("отчество");
    await user.press("Пропустить ›");
    await user.send("главный специалист");
    await user.press("Пропустить ›");
    await user.press("Пропустить ›");
    expect(user.texts().join("\n")).toContain("Работник добавлен: Жұмабаева Айгүл");
    const saved = await app.deps.db
      .selectFrom("employees")
      .select("last_name")
      .where("unit_id", "=", district)
      .execute();
    expect(saved.map((r) => r.last_name)).toEqual(["Жұмабаева"]);
  });

  it("during a stream of updates: each is answered, and after it they are answered in full", async () => {
    const people = Array.from({ length: 12 }, (_, i) =>
      app.sim.user({ id: 9_710 + i, language_code: i % 2 ? "ru" : "kk" }),
    );
    const counts = people.map((p) => p.messages.length);
    // Connections are cut while these updates are being handled.
    const cut = terminateConnections();
    await Promise.all(people.map((p) => p.send("/start")));
    await cut;
    for (const [i, p] of people.entries())
      expect(p.messages.length).toBeGreaterThan(counts[i] ?? 0);

    await settle();
    for (const p of people) {
      await p.send("/about");
      expect(p.lastText()).not.toMatch(/Извините|Кешіріңіз/);
    }
    const employees = await app.deps.db
      .selectFrom("employees")
      .select("id")
      .where("unit_id", "=", district)
      .execute();
    expect(employees).toHaveLength(1);
  });
});
