// Consent to the processing of personal data (Law No. 94-V, art. 7–8): a person is
// shown a notice in their language — what is kept, why, who sees it, where and for
// how long — and agrees or declines. Each answer is a row with the notice's version
// and time; a new version of the text asks again. Employees and coordinators have
// notices of their own.
import type { Kysely, Transaction } from "kysely";
import type { ConsentDecision, ConsentSubject, Database, Language } from "../../db/types.js";
import { audit } from "./audit.js";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The current version of each notice. Raising a number makes everyone answer again;
 * the text of each version stays in locales/*\/privacy.json (privacy.<subject>.v<N>).
 */
export const NOTICE_VERSION: Record<ConsentSubject, number> = { employee: 1, coordinator: 1 };

/** "agreed" / "declined" to the current version, or "pending" (never answered it). */
export type ConsentState = ConsentDecision | "pending";

export interface ConsentRecord {
  subject: ConsentSubject;
  version: number;
  decision: ConsentDecision;
  language: Language;
  decidedAt: Date;
}

/** The person's answers to the current notices, one per subject. */
/** A person's latest answer to each notice. */
export interface ConsentAnswer {
  subject: ConsentSubject;
  version: number;
  decision: ConsentDecision;
}

/**
 * What the person's answers (newest first) mean now: an answer to an older version
 * of a notice counts as none.
 */
export function statesOf(answers: readonly ConsentAnswer[]): Record<ConsentSubject, ConsentState> {
  const state = (subject: ConsentSubject): ConsentState => {
    const latest = answers.find((r) => r.subject === subject);
    return latest && latest.version === NOTICE_VERSION[subject] ? latest.decision : "pending";
  };
  return { employee: state("employee"), coordinator: state("coordinator") };
}

export async function consentStates(
  db: Db,
  telegramId: number,
): Promise<Record<ConsentSubject, ConsentState>> {
  const rows = await db
    .selectFrom("consents")
    .select(["subject", "version", "decision"])
    .where("telegram_user_id", "=", telegramId)
    .orderBy("decided_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return statesOf(rows);
}

/**
 * Stores an answer in one transaction with its audit row. Declining as an employee
 * also withdraws every message meant for the employee that is still waiting.
 */
export async function recordConsent(
  db: Kysely<Database>,
  input: {
    telegramId: number;
    subject: ConsentSubject;
    employeeId: number | null;
    decision: ConsentDecision;
    language: Language;
    now: Date;
  },
): Promise<void> {
  const version = NOTICE_VERSION[input.subject];
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("consents")
      .values({
        telegram_user_id: input.telegramId,
        subject: input.subject,
        employee_id: input.employeeId,
        version,
        decision: input.decision,
        language: input.language,
        decided_at: input.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: input.telegramId,
      action: `consent.${input.decision}`,
      entity: "consent",
      entityId: row.id,
      after: { subject: input.subject, version, employeeId: input.employeeId },
      at: input.now,
    });
    if (input.subject === "employee" && input.decision === "declined") {
      await trx
        .deleteFrom("outbox")
        .where("telegram_user_id", "=", input.telegramId)
        .where("audience", "=", "employee")
        .where("status", "=", "pending")
        .execute();
    }
  });
}

/** The latest answer to the employee notice of each of these accounts or employee records. */
async function latestEmployeeAnswers(
  db: Db,
  by: "telegram_user_id" | "employee_id",
  ids: number[],
): Promise<Map<number, ConsentState>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("consents")
    .distinctOn(by)
    .select([by, "decision", "version"])
    .where("subject", "=", "employee")
    .where(by, "in", ids)
    .orderBy(by)
    .orderBy("decided_at", "desc")
    .orderBy("id", "desc")
    .execute();
  // An answer to an older version of the notice counts as none.
  return new Map(
    rows.map((r) => [
      Number(r[by]),
      r.version === NOTICE_VERSION.employee ? r.decision : ("pending" as const),
    ]),
  );
}

/** Of these Telegram ids, those who declined the current employee notice. */
export async function declinedEmployees(db: Db, telegramIds: number[]): Promise<Set<number>> {
  const answers = await latestEmployeeAnswers(db, "telegram_user_id", telegramIds);
  return new Set([...answers].filter(([, state]) => state === "declined").map(([id]) => id));
}

/** Each employee's state for the current notice (employees without an account: absent). */
export async function employeeConsentStates(
  db: Db,
  employeeIds: number[],
): Promise<Map<number, ConsentState>> {
  const answers = await latestEmployeeAnswers(db, "employee_id", employeeIds);
  return new Map(employeeIds.map((id) => [id, answers.get(id) ?? "pending"]));
}

/** Every answer an employee gave (for "My data"), oldest first. */
export async function consentHistory(db: Db, employeeId: number): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom("consents")
    .select(["subject", "version", "decision", "language", "decided_at"])
    .where("employee_id", "=", employeeId)
    .orderBy("decided_at")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    subject: r.subject,
    version: r.version,
    decision: r.decision,
    language: r.language,
    decidedAt: r.decided_at,
  }));
}
