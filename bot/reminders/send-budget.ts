// Telegram lets a bot send about 30 messages a second in all. Direct replies to
// people and the outbox sender share that budget here. Every call that puts a
// message in a chat is counted in a sliding one-second window:
// - a reply may use the whole budget (people come first); it waits only when the
//   window is full or Telegram asked everyone to wait (429);
// - the sender takes only what is left under its own rate, never while a reply is
//   waiting, and counts the replies of other processes too (see BudgetExchange).
// A 429 met by anyone pauses everyone for its retry_after.
import type { Transformer } from "grammy";

/** Calls that put a message in a chat (sendChatAction and answers to buttons do not). */
export function countsAsMessage(method: string): boolean {
  return /^(send|edit|copy|forward)/.test(method) && method !== "sendChatAction";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  private waitingReplies = 0;
  private remote = { replies: 0, pausedUntil: 0 };
  readonly options: BudgetOptions;

  constructor(options: Partial<BudgetOptions> = {}) {
    this.options = { limitPerSecond: 30, windowMs: 1030, ...options };
    this.all = new Window(this.options.windowMs);
    this.replies = new Window(this.options.windowMs);
  }

  /** Waits until a reply may go, and counts it. */
  async takeReplySlot(): Promise<void> {
    this.waitingReplies++;
    try {
      for (let wait = this.replyWait(); wait > 0; wait = this.replyWait()) await sleep(wait);
      const now = Date.now();
      this.all.add(now);
      this.replies.add(now);
    } finally {
      this.waitingReplies--;
    }
  }

  /**
   * Milliseconds until the sender may send one more (0: now). Its own pace (its
   * rate) is its business; here it gets what replies leave of the limit.
   */
  senderWait(): number {
    const now = Date.now();
    const paused = this.pauseLeft(now);
    if (paused > 0) return paused;
    if (this.waitingReplies > 0) return 5;
    const allowed = this.options.limitPerSecond - this.remote.replies;
    if (allowed < 1) return 100;
    return Math.max(0, this.all.roomAt(now, allowed) - now);
  }

  /** Counts a message the sender is sending now. */
  recordSend(): void {
    this.all.add(Date.now());
  }

  /** Telegram answered 429: nobody sends for `ms`. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
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

  private replyWait(): number {
    const now = Date.now();
    const paused = this.pauseLeft(now);
    if (paused > 0) return paused;
    const allowed = Math.max(1, this.options.limitPerSecond - this.remote.replies);
    return Math.max(0, this.all.roomAt(now, allowed) - now);
  }
}

/**
 * For the bot's own API (direct replies): each message waits for its slot in the
 * budget, and a 429 pauses everyone. Install it before grammY's auto-retry, so a
 * retried call takes a slot again.
 */
export function budgetTransformer(budget: SendBudget): Transformer {
  return async (prev, method, payload, signal) => {
    if (!countsAsMessage(method)) return prev(method, payload, signal);
    await budget.takeReplySlot();
    const result = await prev(method, payload, signal);
    if (!result.ok && result.error_code === 429)
      budget.pauseFor((result.parameters?.retry_after ?? 1) * 1000);
    return result;
  };
}
