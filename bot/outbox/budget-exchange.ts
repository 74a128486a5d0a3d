// Several bot processes on one PostgreSQL share one Telegram budget. Each process
// reports, a few times a second, how many direct replies it sent in the last second
// and any 429 pause it met (only while there is something to report), and reads what
// the others reported. The outbox sender then leaves the others' replies their room,
// and nobody sends into a pause that another process was told about.
import { hostname } from "node:os";
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/types.js";
import type { Logger } from "../core/logger.js";
import type { SendBudget } from "./send-budget.js";

/** Reports older than this are from a process that stopped reporting: ignored. */
const FRESH_MS = 1500;

export function processName(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
}

export class BudgetExchange {
  private timer: NodeJS.Timeout | undefined;
  private reported = { replies: 0, pausedUntil: 0 };
  private busy = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly budget: SendBudget,
    private readonly logger: Logger,
    readonly processId = processName(),
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.db
      .deleteFrom("send_budget")
      .where("process_id", "=", this.processId)
      .execute()
      .catch(() => undefined);
  }

  /** One report and one read; skipped while the previous one is still running. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.report();
      await this.read();
    } catch (error) {
      this.logger.warn({ err: error }, "could not share the message budget");
    } finally {
      this.busy = false;
    }
  }

  private async report(): Promise<void> {
    const use = this.budget.localUse();
    const changed =
      use.replies !== this.reported.replies || use.pausedUntil > this.reported.pausedUntil;
    if (!changed) return;
    const pausedUntil = use.pausedUntil > Date.now() ? new Date(use.pausedUntil) : null;
    await this.db
      .insertInto("send_budget")
      .values({ process_id: this.processId, replies: use.replies, paused_until: pausedUntil })
      .onConflict((oc) =>
        oc.column("process_id").doUpdateSet({
          replies: use.replies,
          paused_until: pausedUntil,
          updated_at: sql`now()`,
        }),
      )
      .execute();
    this.reported = use;
  }

  private async read(): Promise<void> {
    const { rows } = await sql<{ replies: number | null; paused_until: Date | null }>`
      select sum(replies)::int as replies, max(paused_until) as paused_until
        from send_budget
       where process_id <> ${this.processId}
         and updated_at > now() - make_interval(secs => ${FRESH_MS / 1000})`.execute(this.db);
    const row = rows[0];
    this.budget.setRemoteUse(row?.replies ?? 0, row?.paused_until?.getTime() ?? 0);
  }
}
