// Webhook mode: a plain node:http server. grammY's adapter answers 401 to any
// request without Telegram's secret-token header, so only Telegram can post updates.
import { createServer, type Server } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { BotContext } from "../telegram/context.js";

export const WEBHOOK_PATH = "/telegram/webhook";

export function createWebhookServer(bot: Bot<BotContext>, secretToken: string): Server {
  const handleUpdate = webhookCallback(bot, "http", {
    secretToken,
    // Telegram retries an update it got no answer for; an update still running
    // after this long is answered and finished in the background.
    onTimeout: "return",
    timeoutMilliseconds: 55_000,
  });
  return createServer((req, res) => {
    if (req.method === "GET" && req.url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (req.method !== "POST" || req.url !== WEBHOOK_PATH) {
      res.writeHead(404).end();
      return;
    }
    handleUpdate(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
}
