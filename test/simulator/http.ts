// The simulator over HTTP on loopback, so a real bot process (`npm start` with
// BOT_API_ROOT pointing here) can run against it. Updates wait in a queue for the
// bot's getUpdates long polling, as on Telegram.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { decodeRequest } from "./transport.js";

interface HttpDeps {
  call(method: string, params: Record<string, unknown>): Promise<unknown>;
  download(fileId: string): Response;
  /** When the bot last called the API for this chat (0 if never). */
  lastCallAt(chatId: number): number;
}

export interface HttpServer {
  url: string;
  /** Queues an update and resolves once the bot has fetched it and gone quiet on that chat. */
  enqueue(update: Update): Promise<void>;
  close(): Promise<void>;
}

const QUIET_MS = 300;
const REPLY_TIMEOUT_MS = 15_000;

export async function listenHttp(port: number, deps: HttpDeps): Promise<HttpServer> {
  const queue: Update[] = [];
  let waiters: Array<() => void> = [];
  const wake = () => {
    for (const resolve of waiters) resolve();
    waiters = [];
  };

  async function getUpdates(params: Record<string, unknown>) {
    const offset = Number(params.offset ?? 0);
    while (queue.length > 0 && (queue[0]?.update_id ?? 0) < offset) queue.shift();
    if (queue.length === 0) {
      const timeout = Math.min(Number(params.timeout ?? 0), 30) * 1000;
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, timeout);
      });
    }
    return { ok: true, result: queue.slice(0, Number(params.limit ?? 100)) };
  }

  const server = createServer(async (req: IncomingMessage, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = /\/file\/bot[^/]+\/files\/(.+)$/.exec(url.pathname);
    if (file) {
      const response = deps.download(file[1] ?? "");
      res.writeHead(response.status).end(Buffer.from(await response.arrayBuffer()));
      return;
    }
    const method = url.pathname.split("/").at(-1) ?? "";
    const params = await decodeRequest(
      req,
      req.headers as Record<string, string>,
      url.searchParams,
    );
    const body =
      method === "getUpdates" ? await getUpdates(params) : await deps.call(method, params);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async enqueue(update) {
      const chatId = update.message?.chat.id ?? update.callback_query?.from.id ?? 0;
      const since = Date.now();
      queue.push(update);
      wake();
      const deadline = since + REPLY_TIMEOUT_MS;
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const last = deps.lastCallAt(chatId);
        if (last >= since && Date.now() - last >= QUIET_MS) return;
      }
      throw new Error(
        `The bot did not answer update ${update.update_id} within ${REPLY_TIMEOUT_MS} ms`,
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
