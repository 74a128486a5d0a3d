// Webhook mode: only requests carrying Telegram's secret-token header get in; the
// operator's metrics are behind the same secret.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookServer, METRICS_PATH, WEBHOOK_PATH } from "../../bot/server/webhook.js";
import { createWebApp } from "../../bot/webapp/http.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const SECRET = "a-long-webhook-secret-123";
let app: TestBot;
let url: string;
let metricsUrl: string;
let tablesUrl: string;
let close: () => Promise<void>;

beforeAll(async () => {
  app = await startTestBot({ instrumented: true });
  // Asel exists on the simulated Telegram; her updates arrive over HTTP here.
  app.sim.user({ id: 5100, first_name: "Асель", language_code: "ru" });
  const server = createWebhookServer(app.bot, SECRET, app.deps.metrics, createWebApp(app.deps));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  url = `${origin}${WEBHOOK_PATH}`;
  metricsUrl = `${origin}${METRICS_PATH}`;
  tablesUrl = `${origin}/app/`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
  await app.bot.init();
});
afterAll(async () => {
  await close();
  await app.database.close();
});

const update = (updateId: number, text: string) => ({
  update_id: updateId,
  message: {
    message_id: updateId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: 5100, type: "private", first_name: "Асель" },
    from: { id: 5100, is_bot: false, first_name: "Асель", language_code: "ru" },
    text,
    entities: text.startsWith("/")
      ? [{ type: "bot_command", offset: 0, length: text.split(" ")[0]?.length ?? 0 }]
      : [],
  },
});

function post(body: unknown, secret?: string) {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe("the webhook", () => {
  it("rejects a request without the secret-token header", async () => {
    expect((await post(update(1, "/start"))).status).toBe(401);
  });

  it("rejects a request with a wrong secret", async () => {
    expect((await post(update(2, "/start"), "not-the-secret-at-all")).status).toBe(401);
    expect(app.sim.calls.filter((c) => c.method === "sendMessage")).toEqual([]);
  });

  it("handles an update that carries the secret", async () => {
    const response = await post(update(3, "/start"), SECRET);
    expect(response.status).toBe(200);
    const sent = app.sim.calls.filter(
      (c) => c.method === "sendMessage" && c.params?.chat_id === 5100,
    );
    expect(sent.map((c) => String(c.params?.text))).toContainEqual(
      expect.stringContaining("Здравствуйте"),
    );
  });
});

describe("the operator's metrics", () => {
  it("are refused without the secret", async () => {
    expect((await fetch(metricsUrl)).status).toBe(401);
    const wrong = await fetch(metricsUrl, { headers: { authorization: "Bearer not-it" } });
    expect(wrong.status).toBe(401);
  });

  it("count the updates, replies and outbox after traffic, and read the backlog", async () => {
    await post(update(10, "/start"), SECRET);
    await post(update(11, "просто текст"), SECRET);
    const response = await fetch(metricsUrl, { headers: { authorization: `Bearer ${SECRET}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    const value = (name: string) =>
      Number(
        text
          .split("\n")
          .find((line) => line.startsWith(`${name} `))
          ?.split(" ")[1],
      );
    const updates = text.match(/^bot_update_duration_seconds_count\{kind="message"\} (\d+)/m);
    expect(Number(updates?.[1])).toBeGreaterThanOrEqual(3);
    expect(value("bot_replies_sent_total")).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/^bot_chat_lock_wait_seconds_count \d+/m);
    for (const gauge of [
      "bot_outbox_sent_total",
      "bot_telegram_429_total",
      "bot_sender_paused_seconds_total",
      "bot_outbox_waiting",
      "bot_outbox_oldest_seconds",
      "bot_unreachable_people",
      "bot_db_pool_in_use",
      "bot_db_pool_waiting",
    ])
      expect(Number.isFinite(value(gauge))).toBe(true);
  });
});

describe("the coordinators' tables on the webhook server", () => {
  it("serve the page, and refuse the API without Telegram's init data", async () => {
    const page = await fetch(tablesUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors");
    expect((await fetch(`${tablesUrl}api/me`)).status).toBe(401);
    // Updates still need the webhook's secret: the tables' path is no way around it.
    expect((await post(update(40, "/start"))).status).toBe(401);
  });
});
