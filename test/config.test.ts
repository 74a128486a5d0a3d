import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../bot/core/config.js";
import { createLogger } from "../bot/core/logger.js";
import { almatyOffsetMinutes, checkAlmatyTimeZone } from "../bot/core/timezone.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

describe("configuration", () => {
  it("without BOT_TOKEN says how to get one and where to put it", () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/@BotFather[\s\S]*\.env/);
  });

  it("defaults to long polling against Telegram's API on the embedded database", () => {
    const config = loadConfig({ BOT_TOKEN: TOKEN });
    expect(config).toMatchObject({
      mode: "polling",
      botApiRoot: "https://api.telegram.org",
      databaseUrl: undefined,
      dataDir: "./data",
      adminTelegramIds: [],
      logLevel: "info",
      inviteTtlDays: 14,
    });
  });

  it("reads admins, the API root and the database URL", () => {
    const config = loadConfig({
      BOT_TOKEN: TOKEN,
      ADMIN_TELEGRAM_IDS: "111, 222",
      BOT_API_ROOT: "http://127.0.0.1:8081/",
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test",
    });
    expect(config.adminTelegramIds).toEqual([111, 222]);
    expect(config.botApiRoot).toBe("http://127.0.0.1:8081");
    expect(config.databaseUrl).toBe("postgres://postgres@127.0.0.1:5432/test");
  });

  it("takes the reminder schedule and offsets, and refuses a bad cron expression", () => {
    const config = loadConfig({
      BOT_TOKEN: TOKEN,
      REMINDER_CRON: "0 9 * * 1-5",
      REMINDER_DUE_DAYS: "60, 14",
    });
    expect(config).toMatchObject({
      reminderCron: "0 9 * * 1-5",
      reminderDueDays: [60, 14],
      reminderCohortDays: [7, 1],
      senderRate: 29,
      senderInFlight: 16,
    });
    expect(() => loadConfig({ BOT_TOKEN: TOKEN, REMINDER_CRON: "every morning" })).toThrow(
      /REMINDER_CRON: is not a cron expression/,
    );
  });

  it("takes the retention periods of personal data, with the defaults otherwise", () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN }).retention).toEqual({
      employeeDays: 1095,
      inviteDays: 30,
      outboxDays: 90,
      verificationFailureDays: 1,
      cron: "15 3 * * *",
    });
    const config = loadConfig({
      BOT_TOKEN: TOKEN,
      PD_RETENTION_DAYS: "1825",
      OUTBOX_KEEP_DAYS: "30",
    });
    expect(config.retention).toMatchObject({ employeeDays: 1825, outboxDays: 30 });
    expect(() => loadConfig({ BOT_TOKEN: TOKEN, PD_RETENTION_DAYS: "0" })).toThrow(
      /PD_RETENTION_DAYS/,
    );
  });

  it("webhook mode needs a secret", () => {
    expect(() => loadConfig({ BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://bot.example.kz" })).toThrow(
      /WEBHOOK_SECRET is required/,
    );
    const config = loadConfig({
      BOT_TOKEN: TOKEN,
      WEBHOOK_URL: "https://bot.example.kz",
      WEBHOOK_SECRET: "s3cret-s3cret-s3cret",
      PORT: "9000",
    });
    expect(config).toMatchObject({ mode: "webhook", port: 9000 });
  });

  it("enables the coordinators' tables only at a public https:// address", () => {
    expect(loadConfig({ BOT_TOKEN: TOKEN }).webapp).toBeUndefined();
    expect(() =>
      loadConfig({ BOT_TOKEN: TOKEN, WEBAPP_URL: "http://tables.example.kz/app/" }),
    ).toThrow(/WEBAPP_URL: must be a public https:\/\/ address/);
    expect(
      loadConfig({ BOT_TOKEN: TOKEN, WEBAPP_URL: "https://tables.example.kz/app" }).webapp,
    ).toEqual({
      url: "https://tables.example.kz/app/",
      port: 8081,
      initDataMaxAgeSeconds: 3600,
    });
    expect(
      loadConfig({
        BOT_TOKEN: TOKEN,
        WEBAPP_URL: "https://tables.example.kz/app/",
        WEBAPP_INIT_DATA_MAX_AGE: "900",
      }).webapp?.initDataMaxAgeSeconds,
    ).toBe(900);
  });

  it("names each bad variable", () => {
    expect(() =>
      loadConfig({ BOT_TOKEN: "nope", ADMIN_TELEGRAM_IDS: "abc", LOG_LEVEL: "loud" }),
    ).toThrow(/BOT_TOKEN[\s\S]*ADMIN_TELEGRAM_IDS[\s\S]*LOG_LEVEL/);
  });
});

describe("time zone", () => {
  it("puts Asia/Almaty at UTC+5 since 1 March 2024", () => {
    expect(almatyOffsetMinutes(new Date("2026-11-25T12:00:00Z"))).toBe(300);
    expect(checkAlmatyTimeZone(new Date("2026-11-25T12:00:00Z"))).toBeNull();
  });
});

describe("logs", () => {
  it("never contain tokens or IINs", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => lines.push(line) });
    logger.info({ iin: "900101300123", note: `token ${TOKEN}` }, "employee 900101300123 joined");
    logger.error({ err: new Error(`fetch failed for /bot${TOKEN}/getMe`) }, "failed");
    const output = lines.join("\n");
    expect(output).not.toContain("900101300123");
    expect(output).not.toContain(TOKEN);
    expect(output).toContain("[iin]");
  });
});
