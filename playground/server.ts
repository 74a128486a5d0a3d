// The playground's web server (node:http, loopback only): the page and its script,
// a small JSON API the page polls and posts to, and file downloads.
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { addDays, formatDateTime } from "../bot/rules/index.js";
import { createWebApp } from "../bot/webapp/http.js";
import { signInitData } from "../bot/webapp/init-data.js";
import { atAlmaty, nextFirstOf } from "./clock.js";
import type { PlaygroundEngine } from "./engine.js";
import { callbackDataAt, chatView } from "./view.js";

const PUBLIC_DIR = join(fileURLToPath(new URL(".", import.meta.url)), "public");
const STATIC: Record<string, [string, string]> = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/app.js": ["app.js", "text/javascript; charset=utf-8"],
  "/style.css": ["style.css", "text/css; charset=utf-8"],
};
const MAX_UPLOAD_BYTES = 60 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage, limit = MAX_UPLOAD_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, "file too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, 1024 * 1024);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8")) as Record<string, unknown>;
  } catch {
    throw new HttpError(400, "invalid JSON");
  }
}

function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify(body));
}

export function createPlaygroundServer(engine: PlaygroundEngine) {
  // The coordinators' tables, as the bot's own server serves them.
  const webapp = createWebApp(engine.deps);
  const state = () => {
    const now = engine.clock.now();
    return {
      now: now.toISOString(),
      nowText: formatDateTime(now),
      bot: engine.sim.botInfo.username,
      people: engine.people.map((p) => ({ ...p, version: engine.version(p.telegramId) })),
    };
  };

  const chatOf = (id: number) => {
    if (!engine.person(id)) throw new HttpError(404, "no such person");
    return id;
  };

  async function clockTarget(body: Record<string, unknown>): Promise<Date> {
    const now = engine.clock.now();
    const today = engine.clock.today();
    switch (body.to) {
      case "hour":
        return new Date(now.getTime() + 3_600_000);
      case "day":
        return new Date(now.getTime() + 86_400_000);
      case "morning":
        return atAlmaty(addDays(today, 1), 9);
      case "first-of-month":
        return atAlmaty(nextFirstOf(Number(body.month), today), 9);
      case "date": {
        const date = String(body.date ?? "");
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new HttpError(400, "date must be YYYY-MM-DD");
        return atAlmaty(date, 9);
      }
      case "next-reminder": {
        const person = body.person === undefined ? undefined : Number(body.person);
        const at = await engine.nextReminderDay(person);
        if (!at) throw new HttpError(409, "no reminder in the next 400 days");
        return at;
      }
      default:
        throw new HttpError(400, "unknown clock move");
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (await webapp(req, res)) return;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    const staticFile = req.method === "GET" ? STATIC[path] : undefined;
    if (staticFile) {
      const body = await readFile(join(PUBLIC_DIR, staticFile[0]));
      res.writeHead(200, { "content-type": staticFile[1], "cache-control": "no-store" }).end(body);
      return;
    }
    if (req.method === "GET" && path === "/api/state") return sendJson(res, state());

    const file = /^\/api\/file\/([^/]+)\/([^/]+)$/.exec(path);
    if (req.method === "GET" && file) {
      const stored = engine.sim.file(decodeURIComponent(file[1] ?? ""));
      if (!stored) throw new HttpError(404, "no such file");
      const name = decodeURIComponent(file[2] ?? "file");
      res.writeHead(200, {
        "content-type": stored.mimeType ?? "application/octet-stream",
        "content-disposition": `${url.searchParams.has("inline") ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
      });
      res.end(stored.bytes);
      return;
    }

    if (req.method === "POST" && path === "/api/clock") {
      const target = await clockTarget(await readJson(req));
      if (target <= engine.clock.now()) throw new HttpError(409, "the clock only moves forward");
      await engine.moveClock(target);
      return sendJson(res, state());
    }

    const chat = /^\/api\/chat\/(\d+)(?:\/(\w+))?$/.exec(path);
    if (!chat) throw new HttpError(404, "not found");
    const id = chatOf(Number(chat[1]));
    const action = chat[2];
    if (req.method === "GET" && action === "webapp") {
      // Init data as Telegram would sign it for this person, opening the tables now.
      const user = engine.profile(id);
      return sendJson(res, {
        initData: signInitData(user, engine.deps.config.botToken, new Date()),
      });
    }
    if (req.method === "GET" && !action)
      return sendJson(res, {
        version: engine.version(id),
        ...chatView(engine.sim.chatMessages(id), engine.notesOf(id)),
      });
    if (req.method !== "POST") throw new HttpError(405, "method not allowed");
    await chatAction(id, action ?? "", req, url);
    sendJson(res, { ok: true });
  }

  async function chatAction(id: number, action: string, req: IncomingMessage, url: URL) {
    switch (action) {
      case "text": {
        const text = String((await readJson(req)).text ?? "");
        if (text.trim() === "") throw new HttpError(400, "empty message");
        return engine.act(id, (user) => user.send(text));
      }
      case "press": {
        const body = await readJson(req);
        const data = callbackDataAt(
          engine.sim.chatMessages(id),
          Number(body.messageId),
          Number(body.row),
          Number(body.column),
        );
        if (data === undefined) throw new HttpError(404, "no such button");
        return engine.act(id, (user) => user.pressCallbackData(data, Number(body.messageId)));
      }
      case "contact": {
        const phone = engine.person(id)?.phone ?? "";
        return engine.act(id, (user) => user.shareContact({ phone_number: phone }));
      }
      case "language": {
        const language = (await readJson(req)).language;
        if (language !== "kk" && language !== "ru") throw new HttpError(400, "kk or ru");
        engine.setLanguage(id, language);
        return;
      }
      case "file": {
        const bytes = await readBody(req);
        const fileName = url.searchParams.get("name") || "file";
        const mimeType = url.searchParams.get("type") || "application/octet-stream";
        const caption = url.searchParams.get("caption") || undefined;
        if (url.searchParams.get("as") === "photo")
          return engine.act(id, (user) => user.sendPhoto({ bytes, caption }));
        return engine.act(id, (user) => user.sendDocument({ fileName, mimeType, bytes, caption }));
      }
      default:
        throw new HttpError(404, "unknown action");
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, { error: message }, status);
      else res.end();
    });
  });
  return {
    server,
    listen(port: number): Promise<string> {
      return new Promise((resolve, reject) => {
        server.once("error", (error: NodeJS.ErrnoException) =>
          reject(
            error.code === "EADDRINUSE"
              ? new Error(
                  `Port ${port} is taken: set PLAYGROUND_PORT to another one (0 picks a free one)`,
                )
              : error,
          ),
        );
        server.listen(port, "127.0.0.1", () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`),
        );
      });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
