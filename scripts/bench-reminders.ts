// `npx tsx scripts/bench-reminders.ts [messages] [employees]`: sends reminders from
// the outbox through a Bot API stand-in on loopback that, like Telegram, answers 429
// beyond 30 messages a second; reports the achieved rate, 429s, duplicates and
// losses; then times the planner over a register of employees. Figures are in the
// README. Uses DATABASE_URL when set, else an in-memory PGlite.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Api } from "grammy";
import { createLogger } from "../bot/core/logger.js";
import { enqueue } from "../bot/reminders/outbox.js";
import { planReminders } from "../bot/reminders/planner.js";
import { OutboxSender } from "../bot/reminders/sender.js";
import { addDays, makeIin } from "../bot/rules/index.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";

const messages = Number(process.argv[2] ?? 10_000);
const employees = Number(process.argv[3] ?? 100_000);
const TOKEN = "7000000001:BENCHMARK-token-0123456789abcdef";

/** A Bot API stand-in: counts what arrives and refuses a 31st message within a second. */
async function standIn() {
  const accepted: number[] = [];
  const received = new Map<string, number>();
  let tooMany = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const now = Date.now();
      while (accepted.length && (accepted[0] ?? 0) <= now - 1000) accepted.shift();
      res.setHeader("content-type", "application/json");
      if (accepted.length >= 30) {
        tooMany++;
        res.end(
          JSON.stringify({
            ok: false,
            error_code: 429,
            description: "Too Many Requests: retry after 1",
            parameters: { retry_after: 1 },
          }),
        );
        return;
      }
      accepted.push(now);
      const params = JSON.parse(body || "{}") as { chat_id: number; text: string };
      const key = `${params.chat_id}:${params.text}`;
      received.set(key, (received.get(key) ?? 0) + 1);
      res.end(
        JSON.stringify({
          ok: true,
          result: {
            message_id: 1,
            date: 0,
            chat: { id: params.chat_id, type: "private" },
            text: params.text,
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    tooMany: () => tooMany,
    close: () => server.close(),
  };
}

const database = await openDatabase({
  url: process.env.DATABASE_URL || undefined,
  dataDir: "memory://",
});
await migrateToLatest(database.db);
await seedUnits(database.db);
const noon = new Date("2027-03-02T12:00:00+05:00");

// --- sending ---
const telegram = await standIn();
await enqueue(
  database.db,
  Array.from({ length: messages }, (_, i) => ({
    telegramId: 1_000_000 + i,
    textKey: "reminders.waiting",
    params: { lists: i, requests: 0 },
    dedupeKey: `bench:${i}`,
    notBefore: noon,
  })),
);
const sender = new OutboxSender({
  db: database.db,
  api: new Api(TOKEN, { apiRoot: telegram.url }),
  logger: createLogger("silent"),
  clock: () => noon,
});
const started = performance.now();
while ((await sender.runOnce()) > 0) {
  // until the outbox is empty
}
const seconds = (performance.now() - started) / 1000;
const delivered = [...telegram.received.values()];
const duplicates = delivered.filter((n) => n > 1).reduce((sum, n) => sum + n - 1, 0);
const unsent = await database.db
  .selectFrom("outbox")
  .select((eb) => eb.fn.countAll().as("n"))
  .where("status", "!=", "sent")
  .executeTakeFirstOrThrow();
console.log(
  `sent ${delivered.length} of ${messages} in ${seconds.toFixed(1)} s: ${(delivered.length / seconds).toFixed(1)} messages/s`,
);
console.log(
  `429 answers: ${telegram.tooMany()}, duplicates: ${duplicates}, lost: ${messages - delivered.length}, rows not marked sent: ${Number(unsent.n)}`,
);
telegram.close();

// --- planning over a large register ---
const units = await database.db
  .selectFrom("units")
  .select("id")
  .where("level", "=", "district")
  .execute();
for (let i = 0; i < employees; i += 5000) {
  const batch = Array.from({ length: Math.min(5000, employees - i) }, (_, k) => {
    const n = i + k;
    const iin =
      makeIin(
        `19${60 + (n % 40)}-0${1 + (n % 9)}-1${n % 9}`,
        n % 2 ? "male" : "female",
        n % 10_000,
      ) ?? `9${String(n).padStart(11, "0")}`;
    return {
      iin: `${iin.slice(0, 6)}${String(n).padStart(6, "0")}`,
      last_name: "Bench",
      first_name: "Employee",
      unit_id: units[n % units.length]?.id ?? 1,
      position: "маман",
      telegram_user_id: 2_000_000 + n,
      previous_certificate_issued_on: addDays("2024-01-01", n % 1000),
    };
  });
  await database.db
    .insertInto("telegram_users")
    .values(batch.map((e) => ({ telegram_id: e.telegram_user_id, first_name: "E" })))
    .execute();
  await database.db.insertInto("employees").values(batch).execute();
}
const planStarted = performance.now();
const plan = await planReminders(database.db, new Date("2026-12-10T08:30:00+05:00"));
console.log(
  `planner over ${employees} employees: ${((performance.now() - planStarted) / 1000).toFixed(2)} s (${plan.planned} reminders planned)`,
);
await database.close();
