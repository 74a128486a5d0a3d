// The agreement with the organization (item 11): the employee confirms its three
// conditions; the time is recorded once and never changed.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { audit } from "./audit.js";

/** Confirms the employee's own open enrolment; undefined if it is not theirs or not open. */
export async function confirmAgreement(
  db: Kysely<Database>,
  input: { employeeId: number; enrolmentId: number; actor: number; now: Date },
): Promise<{ confirmedAt: Date } | undefined> {
  const enrolment = await db
    .selectFrom("enrolments")
    .select(["id", "agreement_confirmed_at", "status"])
    .where("id", "=", input.enrolmentId)
    .where("employee_id", "=", input.employeeId)
    .executeTakeFirst();
  if (enrolment?.status !== "enrolled") return undefined;
  if (enrolment.agreement_confirmed_at) return { confirmedAt: enrolment.agreement_confirmed_at };

  await db
    .updateTable("enrolments")
    .set({ agreement_confirmed_at: input.now, updated_at: input.now })
    .where("id", "=", enrolment.id)
    .where("agreement_confirmed_at", "is", null)
    .execute();
  await audit(db, {
    actor: input.actor,
    action: "agreement.confirm",
    entity: "enrolment",
    entityId: enrolment.id,
    before: { agreementConfirmedAt: null },
    after: { agreementConfirmedAt: input.now },
    at: input.now,
  });
  return { confirmedAt: input.now };
}
