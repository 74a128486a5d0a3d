// Tells a person something outside of their own conversation (a decision, a new
// request, a result). The notice goes through the outbox like every reminder, so it
// is sent once, within Telegram's limits and working hours, in the recipient's
// language, and a blocked bot marks the person unreachable instead of failing the
// change that caused the notice.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, Language } from "../../db/types.js";
import { enqueue, type OutboxAttachment, type OutboxButton, type OutboxParam } from "./outbox.js";

type Params = Record<string, string | number>;

export interface Notice {
  key: string;
  /** Raw values (the sender escapes them), or a function giving them per language. */
  params?: Params | ((language: Language) => Params);
  buttons?: OutboxButton[];
  /** A file made at send time and sent with the notice (a calendar file). */
  attachment?: OutboxAttachment;
  /** "employee" when it is meant for the person as an employee (see OutboxMessage). */
  audience?: "employee";
}

/** Both languages' values of each parameter, so the sender can pick the recipient's. */
function bothLanguages(params: Notice["params"]): Record<string, OutboxParam> {
  if (typeof params !== "function") return params ?? {};
  const kk = params("kk");
  const ru = params("ru");
  return Object.fromEntries(
    Object.keys(kk).map((key) => {
      const a = kk[key] ?? "";
      const b = ru[key] ?? "";
      return [key, a === b ? a : { kk: String(a), ru: String(b) }];
    }),
  );
}

/** Tells one person. */
export async function notify(
  db: Kysely<Database>,
  telegramId: number,
  notice: Notice,
  now: Date,
): Promise<void> {
  await notifyAll(db, [telegramId], notice, now);
}

/**
 * Tells each of several people the same notice, in one write to the outbox (and one
 * look at who declined the personal-data notice): every coordinator of a unit, every
 * participant of a cohort. Each gets their own message.
 */
export async function notifyAll(
  db: Kysely<Database>,
  telegramIds: readonly number[],
  notice: Notice,
  now: Date,
): Promise<void> {
  if (telegramIds.length === 0) return;
  const params = bothLanguages(notice.params);
  await enqueue(
    db,
    telegramIds.map((telegramId) => ({
      telegramId,
      textKey: notice.key,
      params,
      buttons: notice.buttons,
      attachment: notice.attachment,
      dedupeKey: `notice:${randomUUID()}`,
      notBefore: now,
      audience: notice.audience,
    })),
  );
}
