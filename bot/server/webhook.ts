// Webhook mode: a plain node:http server. grammY's adapter answers 401 to any
// request without Telegram's secret-token header, so only Telegram can post updates.
// The operator's metrics are at GET /metrics, behind the same secret as a bearer token.
// The coordinators' Mini App, when enabled, is served under /app/ (see bot/webapp/).
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { type Bot, webhookCallback } from "grammy";
import type { Metrics } from "../core/metrics.js";
import type { BotContext } from "../telegram/context.js";
import type { WebAppHandler } from "../webapp/http.js";

export const WEBHOOK_PATH = "/telegram/webhook";
export const METRICS_PATH = "/metrics";

function carriesSecret(req: IncomingMessage, secret: string): boolean {
  const given = Buffer.from(req.headers.authorization ?? "");
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function createWebhookServer(
  bot: Bot<BotContext>,
  secretToken: string,
  metrics?: Metrics,
  webapp?: WebAppHandler,
): Server {
  const handleUpdate = webhookCallback(bot, "http", {
    secretToken,
    // Telegram retries an update it got no answer for; an update still running
    // after this long is answered and finished in the background.
    onTimeout: "return",
    timeoutMilliseconds: 55_000,
  });
  return createServer(async (req, res) => {
    if (webapp && (await webapp(req, res))) return;
    if (req.method === "GET" && req.url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (metrics && req.method === "GET" && req.url === METRICS_PATH) {
      if (!carriesSecret(req, secretToken)) {
        res.writeHead(401).end();
        return;
      }
      metrics.text().then(
        (text) => res.writeHead(200, { "content-type": metrics.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
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

/** Long-polling mode has no webhook server: the Mini App gets a server of its own. */
export function createWebAppServer(webapp: WebAppHandler): Server {
  return createServer(async (req, res) => {
    if (await webapp(req, res)) return;
    if (req.method === "GET" && req.url === "/healthz") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    res.writeHead(404).end();
  });
}
