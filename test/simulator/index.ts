// A strict Telegram for tests. It sits under grammY's HTTP client (the bot's
// `client.fetch`), so it sees every Bot API call — those made inside
// conversations too — with no network. People are simulated with SimUser.
// Anything Telegram would refuse fails the test with Telegram's own error text,
// even when the bot's error boundary swallows the error.
import type { Update, UserFromGetMe } from "grammy/types";
import {
  ApiError,
  type ChatState,
  createBotApi,
  type GroupType,
  type SimMessage,
  type StoredFile,
} from "./bot-api.js";
import { SimGroup } from "./group.js";
import { type HttpServer, listenHttp } from "./http.js";
import { decodeRequest } from "./transport.js";
import { SimUser, type UserProfile } from "./user.js";

export type { SimMessage } from "./bot-api.js";
export { SimGroup } from "./group.js";
export { SimUser } from "./user.js";

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** When the call arrived and when it was answered (ms since epoch). */
  at: number;
  doneAt: number;
  error?: string;
}

export interface BotHandle {
  index: number;
}

interface InjectedFailure {
  method: string;
  chatId?: number;
  times: number;
  error: { error_code: number; description: string; parameters?: { retry_after?: number } };
}

interface InjectedDelay {
  method: string;
  chatId?: number;
  ms: number;
  /** Called when the slowed call arrives and its wait begins. */
  started: () => void;
}

type UpdateHandler = (update: Update) => Promise<void>;
type ViolationListener = (description: string, chatId: number | undefined) => void;
type CallListener = (call: ApiCall) => void;

export class TelegramSimulator {
  readonly token = "7000000001:TEST-simulator-token-0123456789abcdef";
  readonly apiRoot = "http://telegram.test";
  readonly botInfo: UserFromGetMe;
  readonly calls: ApiCall[] = [];
  readonly violations: string[] = [];

  private readonly chats = new Map<number, ChatState>();
  private readonly blocked = new Set<number>();
  private readonly files = new Map<string, StoredFile>();
  private readonly callbackQueries = new Map<
    string,
    { answered: boolean; answer?: Record<string, unknown> }
  >();
  private readonly handlers: UpdateHandler[] = [];
  private readonly failures: InjectedFailure[] = [];
  private readonly delays: InjectedDelay[] = [];
  private readonly api;
  private readonly violationListeners: ViolationListener[] = [];
  private readonly callListeners: CallListener[] = [];
  /** Telegram's clock for message dates; the playground passes its moved clock. */
  readonly now: () => Date;
  private rateLimit?: { perSecond: number; sent: number[] };
  /** How many calls Telegram refused for the bot's overall rate (429). */
  rateLimited = 0;
  private nextUpdateId = 1;
  private nextQueryId = 1;
  private http?: HttpServer;

  private nextGroupId = 1;

  /** `canJoinGroups`: BotFather's /setjoingroups (off unless a test says so). */
  constructor(options: { botUsername?: string; clock?: () => Date; canJoinGroups?: boolean } = {}) {
    this.now = options.clock ?? (() => new Date());
    this.botInfo = {
      id: 7000000001,
      is_bot: true,
      first_name: "Біліктілік",
      username: options.botUsername ?? "test_bot",
      can_join_groups: options.canJoinGroups ?? false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    } as UserFromGetMe;
    this.api = createBotApi({
      botInfo: this.botInfo,
      chats: this.chats,
      blocked: this.blocked,
      files: this.files,
      callbackQueries: this.callbackQueries,
      now: this.now,
    });
  }

  /** grammY's `client.fetch`: answers Bot API calls and file downloads. */
  readonly fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const fileMatch = /\/file\/bot[^/]+\/files\/(.+)$/.exec(url.pathname);
    if (fileMatch) return this.download(fileMatch[1] ?? "");
    const method = url.pathname.split("/").at(-1) ?? "";
    const params = await decodeRequest(init?.body, init?.headers, url.searchParams);
    const body = await this.call(method, params);
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  }) as typeof fetch;

  /** Connects a bot instance; the first one is where updates go by default. */
  connect(handler: UpdateHandler, options: { replaceAll?: boolean } = {}): BotHandle {
    if (options.replaceAll) this.handlers.length = 0;
    this.handlers.push(handler);
    return { index: this.handlers.length - 1 };
  }

  user(profile: UserProfile = {}): SimUser {
    const id = profile.id ?? 100_000 + this.chats.size;
    if (!this.chats.has(id)) this.chats.set(id, { userId: id, nextMessageId: 1, messages: [] });
    return new SimUser(this, { ...profile, id }, this.chats.get(id) as ChatState);
  }

  /** A group, a supergroup or a channel; the bot is not in it until someone adds it. */
  group(type: GroupType = "group", title = "Тест тобы"): SimGroup {
    const n = this.nextGroupId++;
    const id = type === "group" ? -(4_000_000_000 + n) : -(1_002_000_000_000 + n);
    const chat: ChatState = {
      userId: id,
      nextMessageId: 1,
      messages: [],
      group: { type, title, botIsMember: false },
    };
    this.chats.set(id, chat);
    return new SimGroup(this, chat as ConstructorParameters<typeof SimGroup>[1]);
  }

  failNext(
    method: string,
    error: InjectedFailure["error"],
    options: { chatId?: number; times?: number } = {},
  ): void {
    this.failures.push({ method, error, chatId: options.chatId, times: options.times ?? 1 });
  }

  /**
   * Makes the next matching call slow, as a busy Telegram would be. Resolves when that
   * call arrives, so a test can act while the bot is held up in it.
   */
  delay(method: string, ms: number, options: { chatId?: number } = {}): Promise<void> {
    return new Promise((started) => {
      this.delays.push({ method, ms, chatId: options.chatId, started });
    });
  }

  /**
   * Enforces Telegram's overall limit like Telegram: a message sent or edited beyond
   * `perSecond` within any second is refused with 429 (retry after 1 s). Not a
   * violation — the bot is expected to wait and try again.
   */
  limitRate(perSecond = 30): void {
    this.rateLimit = { perSecond, sent: [] };
  }

  private overRate(method: string, at: number): boolean {
    const limit = this.rateLimit;
    if (!limit || !/^(send|edit|copy|forward)/.test(method) || method === "sendChatAction")
      return false;
    while (limit.sent.length && (limit.sent[0] ?? 0) <= at - 1000) limit.sent.shift();
    if (limit.sent.length >= limit.perSecond) return true;
    limit.sent.push(at);
    return false;
  }

  block(userId: number): void {
    this.blocked.add(userId);
  }

  unblock(userId: number): void {
    this.blocked.delete(userId);
  }

  /** Called with every refusal as it happens (the playground shows them in the chat). */
  onViolation(listener: ViolationListener): void {
    this.violationListeners.push(listener);
  }

  /** Called after every Bot API call, answered or refused. */
  onCall(listener: CallListener): void {
    this.callListeners.push(listener);
  }

  /** Every message of a private chat, the person's and the bot's, deleted ones included. */
  chatMessages(userId: number): readonly SimMessage[] {
    return this.chats.get(userId)?.messages ?? [];
  }

  /** A file Telegram holds (sent by the bot or uploaded by a person). */
  file(fileId: string): StoredFile | undefined {
    return this.files.get(fileId);
  }

  clearCalls(): void {
    this.calls.length = 0;
  }

  /** The answer the bot gave to a callback query (text, show_alert). */
  callbackAnswer(queryId: string): Record<string, unknown> | undefined {
    return this.callbackQueries.get(queryId)?.answer;
  }

  newUpdateId(): number {
    return this.nextUpdateId++;
  }

  newCallbackQueryId(): string {
    const id = String(this.nextQueryId++);
    this.callbackQueries.set(id, { answered: false });
    return id;
  }

  storeUpload(bytes: Buffer, fileName?: string, mimeType?: string): StoredFile {
    return this.api.storeFile({ bytes, fileName, mimeType });
  }

  /**
   * Hands an update to a bot (or, when serving over HTTP with no bot connected,
   * queues it for getUpdates) and fails on any strictness violation meanwhile.
   */
  async deliver(update: Update, target?: BotHandle): Promise<void> {
    const before = this.violations.length;
    const handler = this.handlers[target?.index ?? 0];
    if (handler) {
      await handler(update);
    } else if (this.http) {
      await this.http.enqueue(update);
    } else {
      throw new Error(
        "No bot is connected to the simulator: call sim.connect(...) or sim.listen()",
      );
    }
    const queryId = update.callback_query?.id;
    if (queryId && !this.callbackQueries.get(queryId)?.answered) {
      this.violate(
        `callback query "${update.callback_query?.data}" was not answered (the spinner never stops)`,
        update.callback_query?.from.id,
      );
    }
    const fresh = this.violations.slice(before);
    if (fresh.length > 0)
      throw new Error(`Telegram would have refused this:\n- ${fresh.join("\n- ")}`);
  }

  /** Serves the same Bot API over HTTP on loopback, for a real bot process. */
  async listen(port = 0): Promise<{ url: string; close: () => Promise<void> }> {
    this.http = await listenHttp(port, {
      call: (method, params) => this.call(method, params),
      download: (path) => this.download(path),
      lastCallAt: (chatId) =>
        this.calls.findLast((c) => Number(c.params.chat_id) === chatId)?.doneAt ?? 0,
    });
    return { url: this.http.url, close: () => this.http?.close() ?? Promise.resolve() };
  }

  async call(method: string, params: Record<string, unknown>) {
    const at = Date.now();
    const chatId = params.chat_id === undefined ? undefined : Number(params.chat_id);
    const delay = this.take(this.delays, method, chatId);
    if (delay) {
      delay.started();
      await new Promise((resolve) => setTimeout(resolve, delay.ms));
    }
    const record: ApiCall = { method, params, at, doneAt: at };
    this.calls.push(record);
    const injected = this.take(this.failures, method, chatId);
    try {
      if (!injected && this.overRate(method, at)) {
        this.rateLimited++;
        record.error = "Too Many Requests: retry after 1";
        return {
          ok: false,
          error_code: 429,
          description: "Too Many Requests: retry after 1",
          parameters: { retry_after: 1 },
        };
      }
      if (injected)
        throw new ApiError(
          injected.error.error_code,
          injected.error.description,
          injected.error.parameters,
        );
      const run = this.api.methods[method];
      if (!run) throw new ApiError(404, "Not Found");
      const result = await run(params);
      return { ok: true, result };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      record.error = error.description;
      // An injected failure is the test's own doing, and a blocked bot is normal life;
      // anything else Telegram refuses is the bot's mistake.
      if (!injected && error.errorCode !== 403)
        this.violate(`${method}: ${error.description}`, chatId);
      return {
        ok: false,
        error_code: error.errorCode,
        description: error.description,
        parameters: error.parameters,
      };
    } finally {
      record.doneAt = Date.now();
      for (const listener of this.callListeners) listener(record);
    }
  }

  private violate(description: string, chatId: number | undefined): void {
    this.violations.push(description);
    for (const listener of this.violationListeners) listener(description, chatId);
  }

  private take<T extends { method: string; chatId?: number }>(
    list: T[],
    method: string,
    chatId?: number,
  ): T | undefined {
    const index = list.findIndex(
      (f) => f.method === method && (f.chatId === undefined || f.chatId === chatId),
    );
    if (index === -1) return undefined;
    const found = list[index] as T & { times?: number };
    if (found.times !== undefined && found.times > 1) found.times -= 1;
    else list.splice(index, 1);
    return found;
  }

  private download(fileId: string): Response {
    const file = this.files.get(fileId);
    if (!file) return new Response("Not Found", { status: 404 });
    return new Response(new Uint8Array(file.bytes), { status: 200 });
  }
}
