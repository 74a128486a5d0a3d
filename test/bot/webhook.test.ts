// Webhook mode: only requests carrying Telegram's secret-token header get in.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebhookServer, WEBHOOK_PATH } from "../../bot/server/webhook.js";
import { startTestBot, type TestBot } from "../support/harness.js";

const SECRET = "a-long-webhook-secret-123";
let app: TestBot;
let url: string;
let close: () => Promise<void>;

beforeAll(async () => {
  app = await startTestBot();
  // Asel exists on the simulated Telegram; her updates arrive over HTTP here.
  app.sim.user({ id: 5100, first_name: "Асель", language_code: "ru" });
  const server = createWebhookServer(app.bot, SECRET);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WEBHOOK_PATH}`;
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
