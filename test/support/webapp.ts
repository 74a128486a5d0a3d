// The coordinators' Mini App over real HTTP for tests: the bot's own web app handler
// on a loopback port, and clients that sign init data as Telegram would for a person
// (or forge it, or let it age).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createWebApp } from "../../bot/webapp/http.js";
import { type InitDataUser, signInitData } from "../../bot/webapp/init-data.js";
import type { TestBot } from "./harness.js";

export interface WebAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
  bytes: Uint8Array;
}

export interface WebClient {
  get(path: string): Promise<WebAnswer>;
  post(path: string, body?: unknown): Promise<WebAnswer>;
}

export interface TestWebApp {
  origin: string;
  /** A client whose requests carry `initData` as is ("" for none). */
  withInitData(initData: string): WebClient;
  /** A client signed for this person now (or at `signedAt`). */
  as(user: InitDataUser, signedAt?: Date): WebClient;
  close(): Promise<void>;
}

export async function startWebApp(app: TestBot): Promise<TestWebApp> {
  const handle = createWebApp(app.deps);
  const server = createServer(async (req, res) => {
    if (!(await handle(req, res))) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const call = async (initData: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${origin}/app/${path}`, {
      method,
      headers: {
        ...(initData ? { authorization: `tma ${initData}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const isJson = response.headers.get("content-type")?.startsWith("application/json");
    const parsed = isJson ? (JSON.parse(new TextDecoder().decode(bytes)) as object) : {};
    return {
      status: response.status,
      body: parsed as Record<string, unknown>,
      headers: response.headers,
      bytes,
    };
  };
  const withInitData = (initData: string): WebClient => ({
    get: (path) => call(initData, "GET", path),
    post: (path, body = {}) => call(initData, "POST", path, body),
  });
  return {
    origin,
    withInitData,
    as: (user, signedAt = new Date()) =>
      withInitData(signInitData(user, app.deps.config.botToken, signedAt)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
