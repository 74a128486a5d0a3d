// Sends what the outbox holds, within Telegram's limits: about 30 messages a second
// overall (28 by default, for a margin) and one at a time per chat; a 429 is waited
// out and the message tried again; a 403 marks the person unreachable; other
// failures are retried with growing pauses up to a limit. Messages go out only
// between 09:00 and 20:00 Almaty time.
//
// Exactly once: a row is marked sent right after Telegram accepts it, and messages
// are sent one after another, so a crash can repeat at most the one message that was
// in flight (its lease expires and another sender takes it). Nothing is lost: an
// unfinished row always comes back.
import { type Api, GrammyError, InlineKeyboard } from "grammy";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { Logger } from "../core/logger.js";
import { escapeHtml, translateKey, translator } from "../i18n/index.js";
import type { Clock } from "../services/deps.js";
import { attachmentFile } from "./attachments.js";
import {
  type ClaimedRow,
  claimBatch,
  markFailed,
  markSent,
  markUnreachable,
  type OutboxParam,
  retryLater,
} from "./outbox.js";

export interface SenderOptions {
  ratePerSecond: number;
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  /** Working hours in Almaty: [from, to) in whole hours. */
  workingHours: { from: number; to: number };
  idleMs: number;
  /** Pause between two messages to one chat (Telegram: about one a second). */
  perChatMs: number;
}

export const DEFAULT_SENDER_OPTIONS: SenderOptions = {
  ratePerSecond: 29,
  batchSize: 25,
  leaseMs: 60_000,
  maxAttempts: 5,
  workingHours: { from: 9, to: 20 },
  idleMs: 1000,
  perChatMs: 1000,
};

export interface SenderDeps {
  db: Kysely<Database>;
  api: Api;
  logger: Logger;
  clock: Clock;
}

const almatyHour = (now: Date) =>
  Number(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Asia/Almaty",
      hour: "2-digit",
      hourCycle: "h23",
    }).format(now),
  );
/** Telegram's limit for a caption (a document's text). */
const CAPTION_LIMIT = 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function withinWorkingHours(
  now: Date,
  hours = DEFAULT_SENDER_OPTIONS.workingHours,
): boolean {
  const hour = almatyHour(now);
  return hour >= hours.from && hour < hours.to;
}

/** Picks each two-language parameter in the recipient's language, escaped for HTML. */
export function resolveParams(
  params: Record<string, OutboxParam>,
  language: "kk" | "ru",
): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      typeof value === "object"
        ? escapeHtml(value[language])
        : typeof value === "string"
          ? escapeHtml(value)
          : value,
    ]),
  );
}

export class OutboxSender {
  private readonly options: SenderOptions;
  private nextSendAt = 0;
  private readonly lastSentToChat = new Map<number, number>();
  private pausedUntil = 0;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly deps: SenderDeps,
    options: Partial<SenderOptions> = {},
  ) {
    this.options = { ...DEFAULT_SENDER_OPTIONS, ...options };
  }

  /** Sends until nothing is due; returns how many rows it handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (let handled = await this.runOnce(); handled > 0; handled = await this.runOnce())
      total += handled;
    return total;
  }

  /** Sends one batch; returns how many rows it handled (0 when idle or after hours). */
  async runOnce(): Promise<number> {
    const now = this.deps.clock();
    if (!withinWorkingHours(now, this.options.workingHours)) return 0;
    const rows = await claimBatch(this.deps.db, {
      limit: this.options.batchSize,
      now,
      leaseMs: this.options.leaseMs,
    });
    for (const row of rows) await this.send(row);
    return rows.length;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const handled = await this.runOnce().catch((error: unknown) => {
          this.deps.logger.error({ err: error }, "outbox sender failed");
          return 0;
        });
        if (handled === 0 && this.running) await sleep(this.options.idleMs);
      }
    })();
  }

  /** Stops after the message in flight; rows claimed but not sent come back when their lease ends. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Waits for a free slot: the overall rate, a 429 pause, and one message a second per chat. */
  private async pace(chatId: number): Promise<void> {
    const now = Date.now();
    const chatFree = (this.lastSentToChat.get(chatId) ?? 0) + this.options.perChatMs;
    const at = Math.max(now, this.nextSendAt, this.pausedUntil, chatFree);
    this.nextSendAt = at + 1000 / this.options.ratePerSecond;
    this.lastSentToChat.set(chatId, at);
    if (this.lastSentToChat.size > 10_000) this.lastSentToChat.clear();
    if (at > now) await sleep(at - now);
  }

  private async send(row: ClaimedRow): Promise<void> {
    const t = translator(row.language ?? "kk");
    const keyboard = row.buttons?.length ? new InlineKeyboard() : undefined;
    for (const button of row.buttons ?? [])
      keyboard?.text(translateKey(t, button.labelKey), button.data).row();
    await this.pace(row.telegramId);
    try {
      const text = translateKey(t, row.textKey, resolveParams(row.params, row.language ?? "kk"));
      const file = row.attachment
        ? await attachmentFile(this.deps.db, row.attachment, row.language ?? "kk")
        : null;
      if (file && text.length <= CAPTION_LIMIT) {
        // One message: the file with the notice as its caption, so it is sent once.
        await this.deps.api.sendDocument(row.telegramId, file, {
          caption: text,
          parse_mode: "HTML",
          reply_markup: keyboard,
        });
      } else {
        await this.deps.api.sendMessage(row.telegramId, text, {
          parse_mode: "HTML",
          reply_markup: keyboard,
        });
        if (file) await this.deps.api.sendDocument(row.telegramId, file);
      }
    } catch (error) {
      await this.handleFailure(row, error);
      return;
    }
    await markSent(this.deps.db, row.id, this.deps.clock());
  }

  private async handleFailure(row: ClaimedRow, error: unknown): Promise<void> {
    const now = this.deps.clock();
    const description = error instanceof Error ? error.message : String(error);
    if (error instanceof GrammyError && error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      // Telegram asks everyone from this bot to wait: pause all sending, then try again.
      this.pausedUntil = Date.now() + seconds * 1000;
      await retryLater(
        this.deps.db,
        row.id,
        new Date(now.getTime() + seconds * 1000),
        description,
        false,
      );
      return;
    }
    if (
      error instanceof GrammyError &&
      (error.error_code === 403 || /chat not found/.test(error.description))
    ) {
      await markUnreachable(this.deps.db, row.id, row.telegramId, now, description);
      return;
    }
    if (row.attempts >= this.options.maxAttempts) {
      this.deps.logger.warn({ outboxId: row.id, err: error }, "message given up");
      await markFailed(this.deps.db, row.id, description);
      return;
    }
    const backoffMs = Math.min(3_600_000, 30_000 * 2 ** (row.attempts - 1));
    await retryLater(this.deps.db, row.id, new Date(now.getTime() + backoffMs), description, true);
  }
}
