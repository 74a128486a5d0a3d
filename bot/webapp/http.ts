// The Mini App over HTTP, mounted under /app/ on the bot's own server (the webhook
// server, a port of its own in long-polling mode, or the playground's):
//   GET  /app/…                  the page and its modules
//   GET  /app/api/me             who is asking, their roles and the page's texts
//   *    /app/api/g/<grant>/…    a role's API (grant keys as in the chat: d12, r3, p2, a)
//   POST /app/api/link           a short-lived link to download a file of that API
//   GET  /app/download/<token>   the file, for Telegram's downloadFile
// Every API request carries the launch's init data (`Authorization: tma …`); without
// valid, fresh init data the answer is 401 and nothing is read.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppDeps } from "../deps.js";
import { findGrant, grantKey, type RoleGrant } from "../services/people.js";
import { signDownload, verifyDownload } from "./download-links.js";
import { initDataOf, verifiedUser } from "./init-data.js";
import { pageTexts } from "./page-texts.js";
import { ROLE_ROUTES, type RoleRoutes } from "./roles/index.js";
import { linkedWebPerson, webPerson } from "./session.js";
import { contentSecurityPolicy, staticFile } from "./static-files.js";
import { isWebFile, type WebAnswer, WebError, type WebPerson, type WebRoute } from "./web-route.js";

export const WEBAPP_PREFIX = "/app/";
const MAX_BODY_BYTES = 256 * 1024;

export type WebAppHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Handles requests under /app/ (answering true); anything else is left to the caller. */
export function createWebApp(deps: AppDeps, routes: RoleRoutes = ROLE_ROUTES): WebAppHandler {
  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://app.invalid");
    if (!url.pathname.startsWith(WEBAPP_PREFIX)) return false;
    const path = url.pathname.slice(WEBAPP_PREFIX.length);
    try {
      if (path.startsWith("api/")) await api(deps, routes, req, res, path.slice(4), url.search);
      else if (path.startsWith("download/") && req.method === "GET")
        await download(deps, routes, res, path.slice("download/".length));
      else await page(req, res, path);
    } catch (error) {
      answerError(deps, res, error);
    }
    return true;
  };
}

async function page(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const file = req.method === "GET" ? await staticFile(path) : undefined;
  if (!file) throw new WebError(404, "not found");
  res.writeHead(200, {
    "content-type": file.type,
    "content-security-policy": await contentSecurityPolicy(),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-cache",
  });
  res.end(file.body);
}

async function api(
  deps: AppDeps,
  routes: RoleRoutes,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  search: string,
): Promise<void> {
  const { botToken, webapp } = deps.config;
  const maxAge = webapp?.initDataMaxAgeSeconds ?? 3600;
  const user = verifiedUser(initDataOf(req.headers.authorization), botToken, maxAge);
  if (!user) throw new WebError(401, "init data missing, forged or expired");
  const person = await webPerson(deps, user);
  const method = req.method === "POST" ? "POST" : req.method === "GET" ? "GET" : undefined;
  if (!method) throw new WebError(404, "not found");
  if (method === "GET" && path === "me") return sendJson(res, me(person));
  const body = method === "POST" ? await readJson(req) : {};
  if (method === "POST" && path === "link") {
    const target = String(body.path ?? "");
    if (!target.startsWith("g/")) throw new WebError(400, "path must be a role's API path");
    const token = signDownload(person, target, botToken, new Date());
    return sendJson(res, { url: `${WEBAPP_PREFIX}download/${token}` });
  }
  const answer = await roleRequest(deps, routes, person, method, path, search, body);
  send(res, answer);
}

async function download(
  deps: AppDeps,
  routes: RoleRoutes,
  res: ServerResponse,
  token: string,
): Promise<void> {
  const link = verifyDownload(token, deps.config.botToken, new Date());
  if (!link) throw new WebError(401, "download link forged or expired");
  const person = await linkedWebPerson(deps, link.telegramId, link.language);
  if (!person) throw new WebError(401, "download link for no known person");
  const [path = "", query = ""] = link.apiPath.split("?");
  const answer = await roleRequest(deps, routes, person, "GET", path, `?${query}`, {});
  if (!isWebFile(answer)) throw new WebError(404, "not a file");
  send(res, answer);
}

/** `g/<grant key>/<route path>`: the grant must be the person's, the route the role's. */
async function roleRequest(
  deps: AppDeps,
  routes: RoleRoutes,
  person: WebPerson,
  method: "GET" | "POST",
  path: string,
  search: string,
  body: Record<string, unknown>,
): Promise<WebAnswer> {
  const match = /^g\/([a-z0-9]+)(\/.*)$/.exec(path);
  if (!match) throw new WebError(404, "not found");
  const grant = findGrant(person.grants, match[1] ?? "");
  if (!grant || grant.role === "employee") throw new WebError(403, "not your role");
  for (const route of routes[grant.role] as WebRoute<RoleGrant>[]) {
    if (route.method !== method) continue;
    const params = matchPath(route.path, match[2] ?? "");
    if (!params) continue;
    return route.handle({
      deps,
      person,
      grant,
      actor: {
        telegramId: person.telegramId,
        grant,
        configAdminIds: deps.config.adminTelegramIds,
      },
      params,
      query: new URLSearchParams(search),
      body,
    });
  }
  throw new WebError(404, "not found");
}

/** "/employees/:employeeId" against "/employees/12": { employeeId: "12" }, or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? "";
    if (part.startsWith(":")) {
      if (!/^[\w.-]{1,64}$/.test(value)) return undefined;
      params[part.slice(1)] = value;
    } else if (part !== value) return undefined;
  }
  return params;
}

/** Who is asking: their coordinator and admin roles, language, and the page's texts. */
function me(person: WebPerson) {
  const grants = person.grants
    .filter((g) => g.role !== "employee")
    .map((g) => ({
      key: grantKey(g),
      role: g.role,
      scope: "scopeName" in g ? g.scopeName[person.language] : null,
    }));
  return {
    language: person.language,
    name: person.name,
    grants,
    texts: pageTexts(person.language),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new WebError(413, "request too large");
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new Error("not an object");
    return value as Record<string, unknown>;
  } catch {
    throw new WebError(400, "the body must be a JSON object");
  }
}

function send(res: ServerResponse, answer: WebAnswer): void {
  if (!isWebFile(answer)) {
    sendJson(res, answer);
    return;
  }
  const { name, mimeType, bytes } = answer.file;
  res.writeHead(200, {
    "content-type": mimeType,
    "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(bytes);
}

function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(JSON.stringify(body));
}

function answerError(deps: AppDeps, res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof WebError) {
    sendJson(res, { error: error.message, ...error.details }, error.status);
    return;
  }
  deps.logger.error({ err: error }, "webapp request failed");
  sendJson(res, { error: "internal error" }, 500);
}
