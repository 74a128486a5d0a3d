// Who declined the current employee notice on personal data (Law No. 94-V): messages
// meant for them as employees are not queued. Read here, beneath the services, so that
// queueing a notice never calls back up into them.
import type { Kysely, Transaction } from "kysely";
import type { ConsentDecision, Database } from "../../db/types.js";
import { NOTICE_VERSION } from "../i18n/notice-versions.js";

type Db = Kysely<Database> | Transaction<Database>;

/** The latest answer to the employee notice of each of these accounts or employee records. */
export async function latestEmployeeAnswers(
  db: Db,
  by: "telegram_user_id" | "employee_id",
  ids: number[],
): Promise<Map<number, ConsentDecision | "pending">> {
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
