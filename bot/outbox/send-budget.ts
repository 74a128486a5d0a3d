// Telegram lets a bot send about 30 messages a second in all: the limit for bulk
// notifications to many people. Only the outbox sender is paced to it here. A direct
// answer to a person's own update goes at once, as grammY advises (do not throttle
// in advance, wait out a 429 when it comes); it is counted in a sliding one-second
// window so that the sender yields what replies use (people first), but it never
// waits for room in that window.
// - the sender takes only what replies leave of the limit, here and in the other
//   processes (see BudgetExchange);
// - a 429 met by anyone pauses the sender for its retry_after; a reply that meets one
//   is retried after it by grammY's auto-retry (bounded), so no answer is lost.
import type { Transformer } from "grammy";

/** Calls that put a message in a chat (sendChatAction and answers to buttons do not). */
export function countsAsMessage(method: string): boolean {
  return /^(send|edit|copy|forward)/.test(method) && method !== "sendChatAction";
}

/** Timestamps within the last window, oldest first. */
class Window {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly ms: number) {}

  add(now: number): void {
    this.times.push(now);
  }

  /** How many are within the window ending now. */
  count(now: number): number {
    while (this.head < this.times.length && (this.times[this.head] ?? 0) <= now - this.ms)
      this.head++;
    if (this.head > 1024) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  /** When the window will hold fewer than `allowed` (0 if it does now). */
  roomAt(now: number, allowed: number): number {
    const inWindow = this.count(now);
    if (inWindow < allowed) return 0;
    return (this.times[this.times.length - allowed] ?? now) + this.ms;
  }
}

export interface BudgetOptions {
  /** Telegram's limit for the whole bot, messages a second. */
  limitPerSecond: number;
  /**
   * The window the limit is counted in: a second and a margin, because a request
   * reaches Telegram a little later than it leaves, and not always equally late.
   */
  windowMs: number;
}

export class SendBudget {
  private readonly all: Window;
  private readonly replies: Window;
  private pausedUntil = 0;
  private remote = { replies: 0, pausedUntil: 0 };
  readonly options: BudgetOptions;
  /** Totals since start, for the operator's metrics. */
  readonly totals = { replies: 0, outboxSent: 0, tooManyRequests: 0, pausedSeconds: 0 };

  constructor(options: Partial<BudgetOptions> = {}) {
    this.options = { limitPerSecond: 30, windowMs: 1030, ...options };
    this.all = new Window(this.options.windowMs);
    this.replies = new Window(this.options.windowMs);
  }

  /** Counts a direct reply going now; replies never wait for room. */
  recordReply(): void {
    this.totals.replies++;
    const now = Date.now();
    this.all.add(now);
    this.replies.add(now);
  }

  /**
   * Milliseconds until the sender may send one more (0: now). Its own pace (its
   * rate) is its business; here it gets what replies leave of the limit.
   */
  senderWait(): number {
    const now = Date.now();
    const paused = this.pauseLeft(now);
    if (paused > 0) return paused;
    const allowed = this.options.limitPerSecond - this.remote.replies;
    if (allowed < 1) return 100;
    return Math.max(0, this.all.roomAt(now, allowed) - now);
  }

  /** Counts a message the sender is sending now. */
  recordSend(): void {
    this.totals.outboxSent++;
    this.all.add(Date.now());
  }

  /** Telegram answered 429: the sender sends nothing for `ms`. */
  pauseFor(ms: number): void {
    const now = Date.now();
    this.totals.tooManyRequests++;
    // Only the stretch added to a pause already running counts.
    this.totals.pausedSeconds += Math.max(0, now + ms - Math.max(this.pausedUntil, now)) / 1000;
    this.pausedUntil = Math.max(this.pausedUntil, now + ms);
  }

  /** What this process reports to the others: its replies in the last window, its pause. */
  localUse(): { replies: number; pausedUntil: number } {
    return { replies: this.replies.count(Date.now()), pausedUntil: this.pausedUntil };
  }

  /** What the other processes reported. */
  setRemoteUse(replies: number, pausedUntil: number): void {
    this.remote = { replies, pausedUntil };
  }

  private pauseLeft(now: number): number {
    return Math.max(this.pausedUntil, this.remote.pausedUntil) - now;
  }
}

/**
 * For the bot's own API (direct replies): each message is counted and goes at once;
 * a 429 pauses the sender. Install it before grammY's auto-retry, so a retried call is
 * counted again.
 */
export function budgetTransformer(budget: SendBudget): Transformer {
  return async (prev, method, payload, signal) => {
    if (!countsAsMessage(method)) return prev(method, payload, signal);
    budget.recordReply();
    const result = await prev(method, payload, signal);
    if (!result.ok && result.error_code === 429)
      budget.pauseFor((result.parameters?.retry_after ?? 1) * 1000);
    return result;
  };
}
