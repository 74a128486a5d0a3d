// What an operator watches in production (Prometheus text format, `GET /metrics` on
// the webhook server, behind the webhook's secret). Counters and histograms are kept
// as things happen; the gauges (outbox backlog, unreachable people, the database
// pool) are read when the endpoint is scraped, by functions the caller gives.
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** Totals kept elsewhere (the message budget) and read at scrape time. */
export interface SendTotals {
  replies: number;
  outboxSent: number;
  tooManyRequests: number;
  pausedSeconds: number;
}

export class Metrics {
  readonly registry = new Registry();

  /** One update handled, by kind (message, callback_query, other), and how long it took. */
  readonly updates = new Histogram({
    name: "bot_update_duration_seconds",
    help: "Updates handled and how long each took, by kind",
    labelNames: ["kind"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** How long an update waited for its chat's lock (another update of the same chat ran). */
  readonly chatLockWait = new Histogram({
    name: "bot_chat_lock_wait_seconds",
    help: "Time an update waited for the lock of its chat",
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });

  /** Totals that only grow, read from `read()` at scrape time. */
  counterOf(name: string, help: string, read: () => number): void {
    new Counter({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  }

  /** A value read at scrape time (a query may be behind it). */
  gaugeOf(name: string, help: string, read: () => number | Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }

  /** The message budget's totals: replies, outbox messages, 429s met, seconds paused. */
  sendTotals(read: () => SendTotals): void {
    this.counterOf("bot_replies_sent_total", "Direct replies sent", () => read().replies);
    this.counterOf("bot_outbox_sent_total", "Outbox messages sent", () => read().outboxSent);
    this.counterOf("bot_telegram_429_total", "429 answers met", () => read().tooManyRequests);
    this.counterOf(
      "bot_sender_paused_seconds_total",
      "Seconds the outbox sender was paused by 429s",
      () => read().pausedSeconds,
    );
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
