// Sends what the outbox holds, within Telegram's limits: about 30 messages a second
// overall (29 by default, less whatever direct replies use: see SendBudget) and one a
// second per chat; a 429 pauses all sending for retry_after and the message is tried
// again; a 403 marks the person unreachable; other failures are retried with growing
// pauses up to a limit. Messages go out only between 09:00 and 20:00 Almaty time.
//
// Speed does not depend on Telegram's round trip: up to `inFlight` (K) messages are
// on their way at once, paced evenly at the rate. Across processes only the holder of
// the sender lease sends (see SenderLease); the others stand by and take over.
//
// Exactly once: a row is marked sent right after Telegram accepts it, so a crash can
// repeat at most the K messages that were in flight (their claim expires and another
// sender takes them). Nothing is lost: an unfinished row always comes back.
import { type Api, GrammyError, InlineKeyboard } from "grammy";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/logger.js";
import { escapeHtml, translateKey, translator } from "../i18n/index.js";
import {
  type ClaimedRow,
  claimBatch,
  markFailed,
  markSent,
  markUnreachable,
  type OutboxParam,
  releaseClaims,
  retryLater,
} from "../outbox/outbox.js";
import { SendBudget } from "../outbox/send-budget.js";
import type { SenderLease } from "../outbox/sender-lease.js";
import { attachmentFile } from "./attachments.js";

export interface SenderOptions {
  /** At most this many messages a second, replies included. */
  ratePerSecond: number;
  /** Messages awaiting Telegram's answer at once (K): also the most a crash can repeat. */
  inFlight: number;
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
  inFlight: 16,
  batchSize: 30,
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
  /** Shared with the bot's replies; the sender makes its own when alone. */
  budget?: SendBudget;
  /** Held by the one process that sends; without it this sender always sends. */
  lease?: SenderLease;
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
  private readonly budget: SendBudget;
  private nextSendAt = 0;
  private readonly lastSentToChat = new Map<number, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly deps: SenderDeps,
    options: Partial<SenderOptions> = {},
  ) {
    this.options = { ...DEFAULT_SENDER_OPTIONS, ...options };
    // Alone (tests, scripts), its budget is Telegram's limit, or its rate if higher.
    this.budget =
      deps.budget ??
      new SendBudget({ limitPerSecond: Math.max(30, Math.ceil(this.options.ratePerSecond)) });
  }

  /** Sends until nothing is due; returns how many rows it handled. */
  async drain(): Promise<number> {
    return this.pump(async () => true, Number.POSITIVE_INFINITY);
  }

  /** Sends one batch; returns how many rows it handled (0 when idle or after hours). */
  async runOnce(): Promise<number> {
    return this.pump(async () => true, 1);
  }

  /**
   * Sends in the background until stopped: while this process holds the sender
   * lease (when there is one), otherwise standing by to take it over.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    const lease = this.deps.lease;
    this.loop = (async () => {
      while (this.running) {
        const handled = await this.leadOnce().catch((error: unknown) => {
          this.deps.logger.error({ err: error }, "outbox sender failed");
          return 0;
        });
        const standby = lease && !this.leading ? lease.ttlMs / 3 : this.options.idleMs;
        if (handled === 0 && this.running) await sleep(standby);
      }
      await lease?.release().catch(() => undefined);
    })();
  }

  /** Stops after the messages in flight; rows claimed but not tried are given back. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private leading = false;

  private async leadOnce(): Promise<number> {
    const lease = this.deps.lease;
    this.leading = lease ? await lease.acquire() : true;
    if (!this.leading) return 0;
    const stillLeading = async () => {
      if (!this.running) return false;
      if (lease) this.leading = await lease.stillHeld();
      return this.leading;
    };
    return this.pump(stillLeading, Number.POSITIVE_INFINITY);
  }

  /**
   * Claims rows (up to `claims` batches, the next one before the queue runs dry) and
   * sends them with up to K in flight while `go()` holds; waits for the last answer.
   */
  private async pump(go: () => Promise<boolean>, claims: number): Promise<number> {
    const queue: ClaimedRow[] = [];
    let total = 0;
    let claimed = 0;
    let more = true;
    for (;;) {
      if (more && queue.length <= this.options.batchSize / 2) {
        const rows = claimed < claims && (await go()) ? await this.claim() : [];
        claimed++;
        queue.push(...rows);
        total += rows.length;
        more = rows.length > 0 && claimed < claims;
      }
      if (queue.length === 0 || !(await go())) break;
      const row = await this.nextReady(queue);
      const task = this.send(row)
        .catch((error: unknown) =>
          this.deps.logger.error({ err: error, outboxId: row.id }, "outbox row not updated"),
        )
        .finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
    }
    await Promise.all(this.inFlight);
    // Stopping or no longer the sender: what was claimed but not tried goes back.
    await releaseClaims(
      this.deps.db,
      queue.map((r) => r.id),
    );
    return total;
  }

  private async claim(): Promise<ClaimedRow[]> {
    const now = this.deps.clock();
    if (!withinWorkingHours(now, this.options.workingHours)) return [];
    return claimBatch(this.deps.db, {
      limit: this.options.batchSize,
      now,
      leaseMs: this.options.leaseMs,
    });
  }

  /**
   * Takes the next row out of the queue once it may be sent: a free place among the
   * K in flight, its chat's one-a-second pause over, the even pacing at the rate,
   * and room in the budget (after any 429 pause and the replies).
   */
  private async nextReady(queue: ClaimedRow[]): Promise<ClaimedRow> {
    const interval = 1000 / this.options.ratePerSecond;
    for (;;) {
      if (this.inFlight.size >= this.options.inFlight) {
        await Promise.race(this.inFlight);
        continue;
      }
      const now = Date.now();
      const chatFree = (row: ClaimedRow) =>
        (this.lastSentToChat.get(row.telegramId) ?? Number.NEGATIVE_INFINITY) +
        this.options.perChatMs;
      const index = queue.findIndex((row) => chatFree(row) <= now);
      if (index === -1) {
        await sleep(Math.min(...queue.map(chatFree)) - now);
        continue;
      }
      // A late wake-up does not cost rate: the next slot is counted from the planned one.
      const slot = Math.max(this.nextSendAt, now - interval);
      const wait = Math.max(slot - now, this.budget.senderWait());
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      const [row] = queue.splice(index, 1) as [ClaimedRow];
      this.nextSendAt = slot + interval;
      this.lastSentToChat.set(row.telegramId, now);
      if (this.lastSentToChat.size > 10_000) this.forgetQuietChats(now);
      this.budget.recordSend();
      return row;
    }
  }

  private forgetQuietChats(now: number): void {
    for (const [chat, at] of this.lastSentToChat)
      if (at + this.options.perChatMs < now) this.lastSentToChat.delete(chat);
  }

  private async send(row: ClaimedRow): Promise<void> {
    const t = translator(row.language ?? "kk");
    const keyboard = row.buttons?.length ? new InlineKeyboard() : undefined;
    for (const button of row.buttons ?? [])
      keyboard?.text(translateKey(t, button.labelKey), button.data).row();
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
      this.budget.pauseFor(seconds * 1000);
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
