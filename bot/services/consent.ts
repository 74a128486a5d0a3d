// Consent to the processing of personal data (Law No. 94-V, art. 7–8): a person is
// shown a notice in their language — what is kept, why, who sees it, where and for
// how long — and agrees or declines. Each answer is a row with the notice's version
// and time; a new version of the text asks again. Employees and coordinators have
// notices of their own.
import type { Kysely, Transaction } from "kysely";
import type { ConsentDecision, ConsentSubject, Database, Language } from "../../db/types.js";
import { NOTICE_VERSION } from "../i18n/notice-versions.js";
import { latestEmployeeAnswers } from "../outbox/declined.js";
import { audit } from "./audit.js";

type Db = Kysely<Database> | Transaction<Database>;

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
