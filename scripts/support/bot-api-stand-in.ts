// A Bot API stand-in on loopback for the benchmarks. Like Telegram it refuses (429,
// retry after 1 s) a 31st message within any second and a second message to one chat
// within a second (or, with a burst of N, an N+1st in a row: a chat's allowance
// refills one a second), and it can answer every call after a set round trip, as Telegram
// does from far away. It counts what it accepted, per chat and text, so duplicates and
// losses show. Any method is answered with something plausible.
//
// Run on its own (`node --import tsx scripts/support/bot-api-stand-in.ts [round trip]`)
// it prints its address and serves its counts at GET /stats: the benchmarks run it
// in a process of its own, as Telegram is, so that the bot's work does not delay
// when the stand-in sees a request arrive.
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { countsAsMessage } from "../../bot/outbox/send-budget.js";

export interface StandInOptions {
  /** Milliseconds before each answer (the round trip from the bot to Telegram). */
  roundTripMs?: number;
  perSecond?: number;
  perChatMs?: number;
  /** Messages one chat may get in a row before the one-per-perChatMs rule bites. */
  perChatBurst?: number;
}

export interface StandIn {
  url: string;
  /** "chat:text" → how many times it was accepted. */
  received: Map<string, number>;
  tooMany(): number;
  /** Chats refused for the one-a-second rule (the rest were over 30 a second). */
  refusedChats: number[];
  accepted(): number;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body ? (JSON.parse(body) as Record<string, unknown>) : {};
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const { roundTripMs = 0, perSecond = 30, perChatMs = 1000, perChatBurst = 1 } = options;
  const window: number[] = [];
  // Each chat's allowance: up to perChatBurst messages, one more every perChatMs.
  const chatAllowance = new Map<number, { left: number; at: number }>();
  const acceptedLog: Array<[number, number]> = [];
  const received = new Map<string, number>();
  let tooMany = 0;
  let accepted = 0;
  const refusedChats: number[] = [];
  let firstAt = 0;
  let lastAt = 0;

  /** Telegram's limits, judged when the request arrives. */
  function admit(method: string, chatId: number): boolean {
    if (!countsAsMessage(method)) return true;
    const now = Date.now();
    while (window.length && (window[0] ?? 0) <= now - 1000) window.shift();
    const chat = chatAllowance.get(chatId) ?? { left: perChatBurst, at: now };
    const left = Math.min(
      perChatBurst,
      chat.left + (perChatMs > 0 ? (now - chat.at) / perChatMs : Infinity),
    );
    const chatBusy = left < 1;
    if (chatBusy) refusedChats.push(chatId);
    if (process.env.STAND_IN_DEBUG && window.length >= perSecond)
      console.error("429 at", now, window.map((t) => t - now).join(","));
    if (window.length >= perSecond || chatBusy) return false;
    window.push(now);
    chatAllowance.set(chatId, { left: left - 1, at: now });
    acceptedLog.push([chatId, now]);
    firstAt ||= now;
    lastAt = now;
    return true;
  }

  const server = createServer(async (req, res) => {
    if (req.method === "GET" && req.url === "/stats") {
      const stats: StandInStats = {
        received: [...received],
        tooMany,
        accepted,
        refusedChats: refusedChats.length,
        firstAt,
        lastAt,
        acceptedLog,
      };
      res.end(JSON.stringify(stats));
      return;
    }
    const method = (req.url ?? "").split("/").at(-1) ?? "";
    const params = await readJson(req);
    const chatId = Number(params.chat_id ?? 0);
    const ok = admit(method, chatId);
    if (roundTripMs > 0) await sleep(roundTripMs);
    res.setHeader("content-type", "application/json");
    if (!ok) {
      tooMany++;
      res.end(
        JSON.stringify({
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 1",
          parameters: { retry_after: 1 },
        }),
      );
      return;
    }
    if (countsAsMessage(method)) {
      accepted++;
      const key = `${chatId}:${String(params.text ?? "")}`;
      received.set(key, (received.get(key) ?? 0) + 1);
    }
    res.end(JSON.stringify({ ok: true, result: answer(method, params, chatId) }));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    tooMany: () => tooMany,
    refusedChats,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface StandInStats {
  received: Array<[string, number]>;
  tooMany: number;
  accepted: number;
  refusedChats: number;
  /** When the first and the last message were accepted (ms since epoch). */
  firstAt: number;
  lastAt: number;
  /** Every message accepted: [chat, when (ms since epoch)], in order. */
  acceptedLog: Array<[number, number]>;
}

/** The stand-in in a process of its own; `stats()` reads its counts. */
export async function spawnStandIn(roundTripMs: number, limits: StandInOptions = {}) {
  const script = new URL(import.meta.url).pathname;
  const args = [
    String(roundTripMs),
    String(limits.perSecond ?? 30),
    String(limits.perChatMs ?? 1000),
    String(limits.perChatBurst ?? 1),
  ];
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once("exit", () => reject(new Error("the stand-in did not start")));
  });
  return {
    url,
    async stats(): Promise<StandInStats> {
      return (await (await fetch(`${url}/stats`)).json()) as StandInStats;
    },
    close() {
      child.kill();
    },
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [roundTripMs, perSecond, perChatMs, perChatBurst] = process.argv.slice(2).map(Number);
  const standIn = await startStandIn({ roundTripMs, perSecond, perChatMs, perChatBurst });
  console.log(standIn.url);
}

function answer(method: string, params: Record<string, unknown>, chatId: number): unknown {
  if (method === "getMe")
    return {
      id: 7000000001,
      is_bot: true,
      first_name: "Bench",
      username: "bench_bot",
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    };
  if (countsAsMessage(method))
    return {
      message_id: 1,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private" },
      text: params.text,
    };
  return true;
}
