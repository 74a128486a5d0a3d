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

/** Employees erased in one transaction: few statements per batch, not per person. */
const ERASE_BATCH = 500;

export async function runRetention(
  db: Kysely<Database>,
  policy: RetentionPolicy,
  now: Date,
): Promise<RetentionResult> {
  const cutoff = daysBefore(now, policy.employeeDays);
  let employeesErased = 0;
  for (;;) {
    const erased = await eraseBatch(db, cutoff, policy.employeeDays, now);
    employeesErased += erased;
    if (erased < ERASE_BATCH) break;
  }
  const pruned = await prune(db, policy, now);
  return { employeesErased, ...pruned };
}

/**
 * Erases the personal data of up to ERASE_BATCH employees deactivated before `cutoff`,
 * in one transaction and a fixed number of statements: each record is anonymized (an
 * IIN that can never be valid: month 00), free texts they wrote or that were written
 * about them are cleared, and their audit history loses the personal fields.
 * Certificates keep their own copy of the holder's name and IIN (the register, item 14).
 * Returns how many were erased; an erased record is not picked again (erased_at is set).
 */
async function eraseBatch(
  db: Kysely<Database>,
  cutoff: Date,
  retentionDays: number,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("employees")
      .select(["id", "telegram_user_id", "deactivated_at"])
      .where("active", "=", false)
      .where("erased_at", "is", null)
      .where("deactivated_at", "<", cutoff)
      .orderBy("id")
      .limit(ERASE_BATCH)
      .forUpdate()
      .execute();
    if (due.length === 0) return 0;
    const ids = due.map((e) => e.id);
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
      .where("id", "in", ids)
      .execute();
    const telegramIds = due.flatMap((e) =>
      e.telegram_user_id === null ? [] : [e.telegram_user_id],
    );
    await eraseRelated(trx, ids, telegramIds);
    const kept = await certificatesKept(trx, ids);
    await audit(
      trx,
      due.map((e) => ({
        actor: null,
        action: "employee.erase",
        entity: "employee",
        entityId: e.id,
        before: { deactivatedAt: e.deactivated_at },
        after: {
          retentionDays,
          erased: ["iin", "name", "position", "phone", "telegram", "texts", "audit_fields"],
          certificatesKept: kept.get(e.id) ?? 0,
        },
        at: now,
      })),
    );
    return due.length;
  });
}

/** How many certificates each employee holds: they stay, and the audit row says so. */
async function certificatesKept(
  trx: Transaction<Database>,
  employeeIds: number[],
): Promise<Map<number, number>> {
  const rows = await trx
    .selectFrom("certificates")
    .select((eb) => ["employee_id", eb.fn.countAll<number>().as("n")])
    .where("employee_id", "in", employeeIds)
    .groupBy("employee_id")
    .execute();
  return new Map(rows.map((r) => [r.employee_id, Number(r.n)]));
}

/** Free texts and audit fields about these employees, and their Telegram traces. */
async function eraseRelated(
  trx: Transaction<Database>,
  employeeIds: number[],
  telegramIds: number[],
): Promise<void> {
  const enrolmentIds = trx
    .selectFrom("enrolments")
    .select("id")
    .where("employee_id", "in", employeeIds);
  await trx
    .updateTable("attendance_statements")
    .set({
      holder_last_name: ERASED,
      holder_first_name: ERASED,
      holder_patronymic: null,
      pdf_file_id_kk: null,
      pdf_file_id_ru: null,
    })
    .where("employee_id", "in", employeeIds)
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
    .where("employee_id", "in", employeeIds)
    .execute();
  const keys = sql.raw(`array[${PERSONAL_KEYS.map((k) => `'${k}'`).join(", ")}]`);
  // audit_log.entity_id is text (it names rows of any table).
  await sql`
    update audit_log
       set before = case when before is null then null else before - ${keys} end,
           after = case when after is null then null else after - ${keys} end
     where entity = 'employee'
       and entity_id in (${sql.join(employeeIds.map(String))})`.execute(trx);
  if (telegramIds.length === 0) return;
  await trx
    .deleteFrom("outbox")
    .where("telegram_user_id", "in", telegramIds)
    .where("status", "=", "pending")
    .where("audience", "=", "employee")
    .execute();
  // The Telegram profile goes too, unless the person still works as a coordinator.
  await trx
    .updateTable("telegram_users")
    .set({ first_name: ERASED, last_name: null, username: null })
    .where("telegram_id", "in", telegramIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("memberships")
            .select("id")
            .whereRef("memberships.telegram_user_id", "=", "telegram_users.telegram_id")
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
