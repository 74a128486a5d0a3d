// Only one process sends the outbox at a time, so Telegram's ~30 messages a second
// need no dividing by hand between processes. The sender holds a lease in the
// database and renews it while it works; when it dies (or stalls past the lease),
// another process takes the lease over. Times are the database's, so processes
// with different clocks agree.
import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/types.js";

export class SenderLease {
  private renewedAt = 0;

  constructor(
    private readonly db: Kysely<Database>,
    readonly holder: string,
    readonly ttlMs = 15_000,
    private readonly name = "outbox",
  ) {}

  /** Takes the lease, or renews it if held; false while another holder's lease runs. */
  async acquire(): Promise<boolean> {
    const { rows } = await sql<{ holder: string }>`
      insert into sender_lease (name, holder, until)
      values (${this.name}, ${this.holder}, clock_timestamp() + make_interval(secs => ${this.ttlMs / 1000}))
      on conflict (name) do update set holder = excluded.holder, until = excluded.until
       where sender_lease.holder = excluded.holder or sender_lease.until < clock_timestamp()
      returning holder`.execute(this.db);
    const held = rows.length > 0;
    this.renewedAt = held ? Date.now() : 0;
    return held;
  }

  /** Whether the lease is still ours, renewing it once a third of its time has passed. */
  async stillHeld(): Promise<boolean> {
    if (this.renewedAt > 0 && Date.now() - this.renewedAt < this.ttlMs / 3) return true;
    return this.acquire();
  }

  /** Lets another process take over at once (on an orderly stop). */
  async release(): Promise<void> {
    this.renewedAt = 0;
    await this.db
      .deleteFrom("sender_lease")
      .where("name", "=", this.name)
      .where("holder", "=", this.holder)
      .execute();
  }
}
