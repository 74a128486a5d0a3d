// The outbox: one row per message to send. A dedupe key makes a second planner
// run, a restart or a second process a no-op. Senders claim rows with
// FOR UPDATE SKIP LOCKED and a lease, so two senders never take the same row and a
// crashed sender's rows come back when the lease runs out.
import { type Kysely, sql } from "kysely";
import { jsonText } from "../../db/json.js";
import type { Database } from "../../db/types.js";
import { declinedEmployees } from "./declined.js";

export interface OutboxButton {
  /** Locale key of the label. */
  labelKey: string;
  data: string;
}

/** A file made when the message is sent (so it is current), sent with it. */
export type OutboxAttachment = { kind: "cohort_ics"; cohortId: number };

/** A parameter may come in both languages; the sender picks the recipient's. */
export type OutboxParam = string | number | { kk: string; ru: string };

export interface OutboxMessage {
  telegramId: number;
  textKey: string;
  params?: Record<string, OutboxParam>;
  buttons?: OutboxButton[];
  attachment?: OutboxAttachment;
  dedupeKey: string;
  notBefore: Date;
  /**
   * "employee" for what is meant for the person as an employee (reminders, decisions,
   * results): dropped when they declined the personal-data notice (Law No. 94-V).
   */
  audience?: "employee";
}

/** Inserts messages; those whose dedupe key exists already are skipped. Returns how many are new. */
export async function enqueue(db: Kysely<Database>, allMessages: OutboxMessage[]): Promise<number> {
  const declined = await declinedEmployees(db, [
    ...new Set(allMessages.filter((m) => m.audience === "employee").map((m) => m.telegramId)),
  ]);
  const messages = allMessages.filter(
    (m) => m.audience !== "employee" || !declined.has(m.telegramId),
  );
  let inserted = 0;
  for (let i = 0; i < messages.length; i += 1000) {
    const batch = messages.slice(i, i + 1000);
    const rows = await db
      .insertInto("outbox")
      .values(
        batch.map((m) => ({
          telegram_user_id: m.telegramId,
          text_key: m.textKey,
          params: jsonText(m.params ?? {}),
          buttons: m.buttons ? jsonText(m.buttons) : null,
          attachment: m.attachment ? jsonText(m.attachment) : null,
          dedupe_key: m.dedupeKey,
          not_before: m.notBefore,
          audience: m.audience ?? null,
        })),
      )
      .onConflict((oc) => oc.column("dedupe_key").doNothing())
      .returning("id")
      .execute();
    inserted += rows.length;
  }
  return inserted;
}

export interface ClaimedRow {
  id: number;
  telegramId: number;
  textKey: string;
  params: Record<string, OutboxParam>;
  buttons: OutboxButton[] | null;
  attachment: OutboxAttachment | null;
  attempts: number;
  language: "kk" | "ru" | null;
}

/**
 * Claims up to `limit` due rows, at most one per chat (Telegram allows about one
 * message a second per chat), for `leaseMs`. Rows of people marked unreachable are
 * set aside instead: they wait until the person writes to the bot again.
 *
 * `now` decides what is due (the bot's clock, which tests and the playground move);
 * a claim's lease runs on the database's real clock, because it exists to bring a
 * dead sender's rows back after real seconds, whatever the bot's clock says.
 */
export async function claimBatch(
  db: Kysely<Database>,
  input: { limit: number; now: Date; leaseMs: number },
): Promise<ClaimedRow[]> {
  await sql`
    update outbox o set status = 'unreachable'
      from telegram_users u
     where u.telegram_id = o.telegram_user_id and u.unreachable_at is not null
       and o.status = 'pending' and o.not_before <= ${input.now}`.execute(db);
  // DISTINCT ON cannot be combined with FOR UPDATE, hence two steps; the second
  // repeats the conditions so PostgreSQL re-checks them on the row it locks.
  // The row comes back with ClaimedRow's fields, two of them under their column names.
  const { rows } = await sql<
    Omit<ClaimedRow, "telegramId" | "textKey"> & { telegram_user_id: number; text_key: string }
  >`
    with due as (
      -- The oldest due rows only (the partial index on not_before), so a claim stays
      -- cheap however many rows wait.
      select id, telegram_user_id, not_before
        from outbox
       where status = 'pending' and not_before <= ${input.now}
         and (claimed_until is null or claimed_until < clock_timestamp())
       order by not_before, id
       limit ${input.limit * 4}
    ), candidates as (
      select distinct on (telegram_user_id) id from due
       order by telegram_user_id, not_before, id
    ), picked as (
      select o.id from outbox o join candidates c on c.id = o.id
       where o.status = 'pending' and (o.claimed_until is null or o.claimed_until < clock_timestamp())
       order by o.not_before, o.id
       limit ${input.limit}
       for update of o skip locked
    )
    update outbox o set claimed_until = clock_timestamp() + make_interval(secs => ${input.leaseMs / 1000}),
                        attempts = o.attempts + 1
      from picked
     where o.id = picked.id
    returning o.id, o.telegram_user_id, o.text_key, o.params, o.buttons, o.attachment, o.attempts,
              (select u.language from telegram_users u where u.telegram_id = o.telegram_user_id) as language`.execute(
    db,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    telegramId: Number(r.telegram_user_id),
    textKey: r.text_key,
    params: r.params,
    buttons: r.buttons,
    attachment: r.attachment ?? null,
    attempts: r.attempts,
    language: r.language,
  }));
}

export async function markSent(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await settle(db, id, { status: "sent", sent_at: now });
}

/** Puts a row back for later (429, or a failure worth retrying). */
export async function retryLater(
  db: Kysely<Database>,
  id: number,
  notBefore: Date,
  error: string,
  countAttempt: boolean,
): Promise<void> {
  await db
    .updateTable("outbox")
    .set((eb) => ({
      not_before: notBefore,
      claimed_until: null,
      last_error: error,
      attempts: countAttempt ? eb.ref("attempts") : eb("attempts", "-", 1),
    }))
    .where("id", "=", id)
    .execute();
}

export async function markFailed(db: Kysely<Database>, id: number, error: string): Promise<void> {
  await settle(db, id, { status: "failed", last_error: error });
}

/** A claimed row's try is over: what it came to is written and the claim let go. */
async function settle(
  db: Kysely<Database>,
  id: number,
  outcome: { status: "sent" | "failed" | "unreachable"; sent_at?: Date; last_error?: string },
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({ ...outcome, claimed_until: null })
    .where("id", "=", id)
    .execute();
}

/** 403: the person blocked the bot. Their rows wait until they write again. */
export async function markUnreachable(
  db: Kysely<Database>,
  id: number,
  telegramId: number,
  now: Date,
  error: string,
): Promise<void> {
  await settle(db, id, { status: "unreachable", last_error: error });
  await db
    .updateTable("telegram_users")
    .set({ unreachable_at: now })
    .where("telegram_id", "=", telegramId)
    .execute();
}

/** Gives back rows claimed but not tried (the sender is stopping or lost its lease). */
export async function releaseClaims(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable("outbox")
    .set((eb) => ({ claimed_until: null, attempts: eb("attempts", "-", 1) }))
    .where("id", "in", ids)
    .where("status", "=", "pending")
    .execute();
}

/** What waits in the outbox: how many rows, and how long the oldest has been due (seconds). */
export async function outboxBacklog(
  db: Kysely<Database>,
  now: Date,
): Promise<{ waiting: number; oldestSeconds: number }> {
  const row = await db
    .selectFrom("outbox")
    .select((eb) => [eb.fn.countAll<number>().as("waiting"), eb.fn.min("not_before").as("oldest")])
    .where("status", "=", "pending")
    .executeTakeFirst();
  const oldest = row?.oldest ? new Date(row.oldest as unknown as string | Date) : null;
  return {
    waiting: Number(row?.waiting ?? 0),
    oldestSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
  };
}

/** People the bot cannot reach now (never started it, or blocked it). */
export async function unreachableCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom("telegram_users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("unreachable_at", "is not", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
