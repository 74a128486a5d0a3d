// How a state change answers. Every transition of the regulation's records (lists,
// enrolments, tests, transfer requests, certificates, invites, memberships) is one
// guarded UPDATE: it succeeds, or it is refused with a reason the Telegram layer
// translates. When the refusal is "someone already did it", `done` says who and when,
// so a stale button or a second coordinator acting at the same moment reads
// "already done by X at T" and nothing else happens.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/types.js";

export interface DoneBy {
  /** The person's name as Telegram gave it, or null when unknown (a script, a job). */
  name: string | null;
  at: Date;
}

export interface Refused<Reason extends string> {
  ok: false;
  reason: Reason;
  done?: DoneBy;
}

export type Outcome<Value, Reason extends string> = ({ ok: true } & Value) | Refused<Reason>;

/**
 * A refusal for several reasons at once: a form's checks, each of which the Telegram
 * layer translates (`problems`), under the one reason "invalid".
 */
export interface Invalid<Problem extends string> {
  ok: false;
  reason: "invalid";
  problems: Problem[];
}

export function invalid<Problem extends string>(problems: Problem[]): Invalid<Problem> {
  return { ok: false, reason: "invalid", problems };
}

export function refuse<Reason extends string>(reason: Reason, done?: DoneBy): Refused<Reason> {
  return done ? { ok: false, reason, done } : { ok: false, reason };
}

/** Who did it and when, for a refusal: the actor's name from the Telegram users table. */
export async function doneBy(
  db: Kysely<Database> | Transaction<Database>,
  actor: number | null,
  at: Date | null,
): Promise<DoneBy | undefined> {
  if (!at) return undefined;
  if (actor === null) return { name: null, at };
  const user = await db
    .selectFrom("telegram_users")
    .select(["first_name", "last_name"])
    .where("telegram_id", "=", actor)
    .executeTakeFirst();
  const name = user ? [user.first_name, user.last_name].filter(Boolean).join(" ") : null;
  return { name: name || null, at };
}
