// `npx tsx scripts/outbox-worker.ts`: a stand-alone outbox sender that works until
// no message is waiting, then exits. Several may run at once against one PostgreSQL
// (the sender tests start two and kill one). Reads DATABASE_URL, BOT_TOKEN,
// BOT_API_ROOT, and for tests SENDER_RATE, SENDER_LEASE_MS and OUTBOX_CLOCK (a fixed
// instant, so working hours do not depend on when the test runs).
import { Api } from "grammy";
import { createLogger } from "../bot/core/logger.js";
import { OutboxSender } from "../bot/reminders/sender.js";
import { openDatabase } from "../db/database.js";

const env = process.env;
const database = await openDatabase({ url: env.DATABASE_URL, poolSize: 4 });
const fixed = env.OUTBOX_CLOCK ? new Date(env.OUTBOX_CLOCK) : undefined;
const clock = () => fixed ?? new Date();
const sender = new OutboxSender(
  {
    db: database.db,
    api: new Api(env.BOT_TOKEN ?? "", { apiRoot: env.BOT_API_ROOT }),
    logger: createLogger("warn"),
    clock,
  },
  {
    ratePerSecond: Number(env.SENDER_RATE ?? 28),
    leaseMs: Number(env.SENDER_LEASE_MS ?? 60_000),
    perChatMs: 0,
  },
);
const waiting = async () =>
  Number(
    (
      await database.db
        .selectFrom("outbox")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("status", "=", "pending")
        .executeTakeFirstOrThrow()
    ).n,
  );
// Rows another sender claimed come back when its lease ends; keep going until none wait.
while ((await waiting()) > 0) {
  if ((await sender.drain()) === 0) await new Promise((resolve) => setTimeout(resolve, 200));
}
await database.close();
