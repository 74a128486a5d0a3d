// Retention (Law No. 94-V, art. 12: data are kept no longer than their purpose
// needs). A scheduled job erases the personal data of employees deactivated longer
// ago than the configured time — the certificates and so the register of Appendix 2
// stay, as the Rules (item 14) require — and prunes invites, failed certificate
// look-ups and old outbox rows, each on its own period. Every run leaves audit rows.
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/types.js";
import type { RetentionPolicy } from "../core/config.js";
import { audit } from "./audit.js";

const DAY_MS = 86_400_000;
/** Keys of an employee's personal data inside audit before/after JSON. */
const PERSONAL_KEYS = [
  "iin",
  "last_name",
  "first_name",
  "patronymic",
  "phone",
  "position",
  "previous_certificate_number",
  "lastName",
  "firstName",
  "holder_iin",
];
const ERASED = "—";

function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export interface RetentionResult {
  employeesErased: number;
  invitesPruned: number;
  verificationFailuresPruned: number;
  outboxPruned: number;
}

export async function runRetention(
  db: Kysely<Database>,
  policy: RetentionPolicy,
  now: Date,
): Promise<RetentionResult> {
  const due = await db
    .selectFrom("employees")
    .select("id")
    .where("active", "=", false)
    .where("erased_at", "is", null)
    .where("deactivated_at", "<", daysBefore(now, policy.employeeDays))
    .execute();
  let employeesErased = 0;
  for (const { id } of due) {
    if (await eraseEmployee(db, id, policy.employeeDays, now)) employeesErased++;
  }
  const pruned = await prune(db, policy, now);
  return { employeesErased, ...pruned };
}

/**
 * Erases one employee's personal data in one transaction: the record is anonymized
 * (an IIN that can never be valid: month 00), free texts they wrote or that were
 * written about them are cleared, and their audit history loses the personal fields.
 * Certificates keep their own copy of the holder's name and IIN (the register).
 */
export async function eraseEmployee(
  db: Kysely<Database>,
  employeeId: number,
  retentionDays: number,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("employees")
      .select(["id", "telegram_user_id", "deactivated_at"])
      .where("id", "=", employeeId)
      .where("active", "=", false)
      .where("erased_at", "is", null)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return false;
    await trx
      .updateTable("employees")
      .set({
        iin: sql<string>`'0000' || lpad(id::text, 8, '0')`,
        last_name: ERASED,
        first_name: ERASED,
        patronymic: null,
        position: ERASED,
        phone: null,
        telegram_user_id: null,
        previous_certificate_number: null,
        erased_at: now,
        updated_at: now,
      })
      .where("id", "=", employeeId)
      .execute();
    await eraseRelated(trx, employeeId, before.telegram_user_id);
    const certificates = await trx
      .selectFrom("certificates")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("employee_id", "=", employeeId)
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: null,
      action: "employee.erase",
      entity: "employee",
      entityId: employeeId,
      before: { deactivatedAt: before.deactivated_at },
      after: {
        retentionDays,
        erased: ["iin", "name", "position", "phone", "telegram", "texts", "audit_fields"],
        certificatesKept: Number(certificates.n),
      },
      at: now,
    });
    return true;
  });
}

async function eraseRelated(
  trx: Transaction<Database>,
  employeeId: number,
  telegramId: number | null,
): Promise<void> {
  const enrolmentIds = trx
    .selectFrom("enrolments")
    .select("id")
    .where("employee_id", "=", employeeId);
  await trx
    .updateTable("attendance_statements")
    .set({
      holder_last_name: ERASED,
      holder_first_name: ERASED,
      holder_patronymic: null,
      pdf_file_id_kk: null,
      pdf_file_id_ru: null,
    })
    .where("employee_id", "=", employeeId)
    .execute();
  await trx
    .updateTable("transfer_requests")
    .set({ comment: null, evidence_file_id: null, evidence_kind: null })
    .where("enrolment_id", "in", enrolmentIds)
    .execute();
  await trx
    .updateTable("breaches")
    .set({ description: ERASED })
    .where("enrolment_id", "in", enrolmentIds)
    .execute();
  await trx
    .updateTable("correction_requests")
    .set({ text: ERASED })
    .where("employee_id", "=", employeeId)
    .execute();
  const keys = sql.raw(`array[${PERSONAL_KEYS.map((k) => `'${k}'`).join(", ")}]`);
  await sql`
    update audit_log
       set before = case when before is null then null else before - ${keys} end,
           after = case when after is null then null else after - ${keys} end
     where entity = 'employee' and entity_id = ${String(employeeId)}`.execute(trx);
  if (telegramId === null) return;
  await trx
    .deleteFrom("outbox")
    .where("telegram_user_id", "=", telegramId)
    .where("status", "=", "pending")
    .where("audience", "=", "employee")
    .execute();
  // The Telegram profile goes too, unless the person still works as a coordinator.
  await trx
    .updateTable("telegram_users")
    .set({ first_name: ERASED, last_name: null, username: null })
    .where("telegram_id", "=", telegramId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("memberships")
            .select("id")
            .where("telegram_user_id", "=", telegramId)
            .where("revoked_at", "is", null),
        ),
      ),
    )
    .execute();
}

async function prune(
  db: Kysely<Database>,
  policy: RetentionPolicy,
  now: Date,
): Promise<Omit<RetentionResult, "employeesErased">> {
  const inviteCutoff = daysBefore(now, policy.inviteDays);
  return db.transaction().execute(async (trx) => {
    const invites = await trx
      .deleteFrom("invites")
      .where((eb) =>
        eb.or([
          eb("used_at", "<", inviteCutoff),
          eb.and([eb("used_at", "is", null), eb("expires_at", "<", inviteCutoff)]),
        ]),
      )
      .executeTakeFirst();
    const failures = await trx
      .deleteFrom("verification_failures")
      .where("at", "<", daysBefore(now, policy.verificationFailureDays))
      .executeTakeFirst();
    const outbox = await trx
      .deleteFrom("outbox")
      .where("status", "in", ["sent", "failed", "unreachable"])
      .where("created_at", "<", daysBefore(now, policy.outboxDays))
      .executeTakeFirst();
    const result = {
      invitesPruned: Number(invites.numDeletedRows),
      verificationFailuresPruned: Number(failures.numDeletedRows),
      outboxPruned: Number(outbox.numDeletedRows),
    };
    await audit(trx, {
      actor: null,
      action: "retention.prune",
      entity: "retention",
      entityId: null,
      after: result,
      at: now,
    });
    return result;
  });
}
