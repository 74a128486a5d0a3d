// Configuration, read once from the environment (and ./.env if present) and
// validated with messages a person can act on. Either long polling or webhook.
import cron from "node-cron";
import { z } from "zod";
import type { DatabaseTimeouts } from "../../db/database.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const TELEGRAM_API_ROOT = "https://api.telegram.org";

const telegramIdList = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const ids = value.split(/[\s,]+/).filter(Boolean);
    const bad = ids.filter((id) => !/^\d{1,15}$/.test(id));
    if (bad.length > 0) {
      ctx.addIssue({ code: "custom", message: `not Telegram user ids: ${bad.join(", ")}` });
    }
    return ids.map(Number);
  });

/** "90,30,7" → [90, 30, 7]: days before an event when a reminder goes out. */
function dayList(fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const days = value
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(Number);
      if (days.some((d) => !Number.isInteger(d) || d < 0 || d > 365)) {
        ctx.addIssue({ code: "custom", message: "must be whole numbers of days, comma-separated" });
      }
      return days;
    });
}

const envSchema = z.object({
  BOT_TOKEN: z
    .string({ error: "is not set" })
    .trim()
    .regex(/^\d+:[\w-]{20,}$/, "does not look like a token from @BotFather (123456:ABC-…)"),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATA_DIR: z.string().trim().default("./data"),
  BOT_API_ROOT: z.url("must be a URL such as http://127.0.0.1:8081").default(TELEGRAM_API_ROOT),
  WEBHOOK_URL: z
    .url("must be an https:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters of A–Z, a–z, 0–9, _ and -")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  ADMIN_TELEGRAM_IDS: telegramIdList,
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  INVITE_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  REMINDER_CRON: z
    .string()
    .trim()
    .default("30 8 * * *")
    .refine(
      (value) => cron.validate(value),
      "is not a cron expression (minute hour day month weekday)",
    ),
  REMINDER_DUE_DAYS: dayList("90,30,7"),
  REMINDER_COHORT_DAYS: dayList("7,1"),
  SENDER_RATE: z.coerce.number().positive().max(30).default(29),
  SENDER_IN_FLIGHT: z.coerce.number().int().min(1).max(100).default(16),
  SENDER_ENABLED: z.enum(["true", "false"]).default("true"),
  PD_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(1095),
  INVITE_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  OUTBOX_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  VERIFICATION_FAILURE_KEEP_DAYS: z.coerce.number().int().min(1).max(365).default(1),
  RETENTION_CRON: z
    .string()
    .trim()
    .default("15 3 * * *")
    .refine(
      (value) => cron.validate(value),
      "is not a cron expression (minute hour day month weekday)",
    ),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  CHAT_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  WEBAPP_URL: z
    .url({ protocol: /^https$/, error: "must be a public https:// address" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  WEBAPP_PORT: z.coerce.number().int().min(1).max(65535).default(8081),
  WEBAPP_INIT_DATA_MAX_AGE: z.coerce.number().int().min(60).max(86_400).default(3600),
});

/** How long data is kept (days), and when the job that erases and prunes runs. */
export interface RetentionPolicy {
  /** A deactivated employee's personal data, counted from the deactivation. */
  employeeDays: number;
  /** Invites, counted from their use or expiry. */
  inviteDays: number;
  /** Sent, failed and unreachable outbox rows. */
  outboxDays: number;
  /** Failed certificate look-ups (only the last 15 minutes count). */
  verificationFailureDays: number;
  cron: string;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  employeeDays: 1095,
  inviteDays: 30,
  outboxDays: 90,
  verificationFailureDays: 1,
  cron: "15 3 * * *",
};

/** The configuration the bot runs with: its type is what the schema below makes. */
export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

const TOKEN_HELP =
  "BOT_TOKEN is missing. Get a token from @BotFather in Telegram (/newbot), then put\n" +
  "  BOT_TOKEN=123456:ABC-your-token\n" +
  "into a file named .env in the project folder (see .env.example), or set it in the environment.";

/** The environment's names turned into the bot's settings, each with its meaning. */
const configSchema = envSchema.transform((e, ctx) => {
  const common = {
    botToken: e.BOT_TOKEN,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    botApiRoot: e.BOT_API_ROOT.replace(/\/+$/, ""),
    adminTelegramIds: e.ADMIN_TELEGRAM_IDS,
    logLevel: e.LOG_LEVEL,
    inviteTtlDays: e.INVITE_TTL_DAYS,
    /** When the reminder planner runs, in Asia/Almaty. */
    reminderCron: e.REMINDER_CRON,
    /** Messages a second the bot sends in all (one sender at a time, replies included). */
    senderRate: e.SENDER_RATE,
    /** Messages the sender has on their way at once; a crash can repeat at most these. */
    senderInFlight: e.SENDER_IN_FLIGHT,
    senderEnabled: e.SENDER_ENABLED === "true",
    /** Days before the due date (item 6) and before a cohort's start when reminders go out. */
    reminderDueDays: e.REMINDER_DUE_DAYS,
    reminderCohortDays: e.REMINDER_COHORT_DAYS,
    retention: {
      employeeDays: e.PD_RETENTION_DAYS,
      inviteDays: e.INVITE_KEEP_DAYS,
      outboxDays: e.OUTBOX_KEEP_DAYS,
      verificationFailureDays: e.VERIFICATION_FAILURE_KEEP_DAYS,
      cron: e.RETENTION_CRON,
    } satisfies RetentionPolicy,
    /** PostgreSQL time limits (see db/database.ts). */
    databaseTimeouts: {
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      lockMs: e.DB_LOCK_TIMEOUT_MS,
      chatLockMs: e.CHAT_LOCK_TIMEOUT_MS,
    } satisfies DatabaseTimeouts,
    /**
     * The coordinators' tables (a Telegram Mini App): off unless WEBAPP_URL is set.
     * Served by the webhook server, or on `port` of its own in long-polling mode;
     * init data older than `initDataMaxAgeSeconds` is refused.
     */
    webapp: e.WEBAPP_URL
      ? {
          url: e.WEBAPP_URL.endsWith("/") ? e.WEBAPP_URL : `${e.WEBAPP_URL}/`,
          port: e.WEBAPP_PORT,
          initDataMaxAgeSeconds: e.WEBAPP_INIT_DATA_MAX_AGE,
        }
      : undefined,
  };
  if (!e.WEBHOOK_URL) return { ...common, mode: "polling" as const };
  if (!e.WEBHOOK_SECRET) {
    ctx.addIssue({ code: "custom", path: ["WEBHOOK_SECRET"], message: WEBHOOK_SECRET_HELP });
    return z.NEVER;
  }
  return {
    ...common,
    mode: "webhook" as const,
    webhookUrl: e.WEBHOOK_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    port: e.PORT,
  };
});

const WEBHOOK_SECRET_HELP =
  "WEBHOOK_URL is set, so WEBHOOK_SECRET is required too: Telegram sends it in the " +
  "X-Telegram-Bot-Api-Secret-Token header and the bot rejects requests without it.";

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (!env.BOT_TOKEN?.trim()) throw new ConfigError(TOKEN_HELP);
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`The configuration is not valid:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Reads ./.env into process.env when the file exists; real environment wins. */
export function loadDotEnv(path = ".env"): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
