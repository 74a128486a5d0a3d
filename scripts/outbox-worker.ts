// `npx tsx scripts/outbox-worker.ts`: a stand-alone outbox sender that works until
// no message is waiting, then exits. Several may run at once against one PostgreSQL
// (the sender tests and the benchmark start two): one holds the sender lease and
// sends, the others stand by and take over if it dies. Reads DATABASE_URL,
// BOT_TOKEN, BOT_API_ROOT, SENDER_RATE, SENDER_IN_FLIGHT, and for tests
// SENDER_LEASE_MS (a claimed row's lease), SENDER_LEASE_TTL_MS (the sender lease),
// SENDER_PER_CHAT_MS and OUTBOX_CLOCK (a fixed instant, so working hours do not
// depend on when the test runs).
import { Api } from "grammy";
import { createLogger } from "../bot/core/logger.js";
import { BudgetExchange } from "../bot/outbox/budget-exchange.js";
import { SendBudget } from "../bot/outbox/send-budget.js";
import { SenderLease } from "../bot/outbox/sender-lease.js";
import { OutboxSender } from "../bot/reminders/sender.js";
import { openDatabase } from "../db/database.js";

const env = process.env;
const database = await openDatabase({ url: env.DATABASE_URL, poolSize: 4 });
const fixed = env.OUTBOX_CLOCK ? new Date(env.OUTBOX_CLOCK) : undefined;
const clock = () => fixed ?? new Date();
const logger = createLogger("warn");
const rate = Number(env.SENDER_RATE ?? 29);
// Telegram's limit; the sender tests use a simulator without one and a higher rate.
const budget = new SendBudget({ limitPerSecond: Math.max(30, rate) });
const exchange = new BudgetExchange(database.db, budget, logger);
exchange.start();
const sender = new OutboxSender(
  {
    db: database.db,
    api: new Api(env.BOT_TOKEN ?? "", { apiRoot: env.BOT_API_ROOT }),
    logger,
    clock,
    budget,
    lease: new SenderLease(
      database.db,
      exchange.processId,
      Number(env.SENDER_LEASE_TTL_MS ?? 15_000),
    ),
  },
  {
    ratePerSecond: rate,
    inFlight: Number(env.SENDER_IN_FLIGHT ?? 16),
    leaseMs: Number(env.SENDER_LEASE_MS ?? 60_000),
    perChatMs: Number(env.SENDER_PER_CHAT_MS ?? 1000),
    idleMs: 100,
    // With a real clock (the benchmark) any hour will do; tests fix the clock at noon.
    ...(fixed ? {} : { workingHours: { from: 0, to: 24 } }),
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
sender.start();
// Rows another sender claimed come back when its lease ends; keep going until none wait.
while ((await waiting()) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
await sender.stop();
await exchange.stop();
await database.close();
