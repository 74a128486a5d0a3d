// Reads of personal data on record (Law No. 94-V): who opened whose card, showed
// whose IIN, downloaded which list, register or file, and when. Rows name the
// employee by id and never hold the IIN, so the log itself leaks nothing.
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../../db/types.js";
import { countedRange } from "./paging.js";

type Db = Kysely<Database> | Transaction<Database>;

export type AccessAction =
  | "employee.card" // a coordinator opened an employee's card
  | "employee.iin" // a coordinator pressed "show IIN"
  | "list.download" // a list (item 7 or 8) as PDF/XLSX
  | "register.download" // the register of Appendix 2 (full IINs)
  | "document.download" // a certificate or attendance statement
  | "evidence.view" // a transfer request's evidence file
  | "my_data.download"; // a person's own copy

export interface AccessEntry {
  actor: number;
  action: AccessAction;
  employeeId?: number | null;
  /** What was read when it is not one employee: "list:12", "register:3:2026". */
  subject?: string | null;
  at: Date;
}

export async function recordAccess(db: Db, entry: AccessEntry): Promise<void> {
  await db
    .insertInto("access_log")
    .values({
      actor_telegram_id: entry.actor,
      action: entry.action,
      employee_id: entry.employeeId ?? null,
      subject: entry.subject ?? null,
      at: entry.at,
    })
    .execute();
}

/** Many reads at once (a table page showing full IINs): one insert. */
export async function recordAccesses(db: Db, entries: AccessEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("access_log")
    .values(
      entries.map((entry) => ({
        actor_telegram_id: entry.actor,
        action: entry.action,
        employee_id: entry.employeeId ?? null,
        subject: entry.subject ?? null,
        at: entry.at,
      })),
    )
    .execute();
}

export interface AccessView {
  at: Date;
  action: AccessAction;
  subject: string | null;
  actorId: number;
  actorName: string;
  employee: { id: number; lastName: string; firstName: string; patronymic: string | null } | null;
}

export type AccessFilter =
  | { kind: "period"; from: Date; to: Date }
  | { kind: "employee"; employeeId: number }
  | { kind: "actor"; telegramId: number }
  /** Any of them together (the tables' filters); an absent one does not narrow. */
  | { kind: "all"; from?: Date; to?: Date; employeeId?: number; telegramId?: number };

/** A page of the log, newest first, with the total count. */
export async function accessLog(
  db: Db,
  filter: AccessFilter,
  page: { offset: number; limit: number },
): Promise<{ total: number; items: AccessView[] }> {
  let query = db
    .selectFrom("access_log as a")
    .leftJoin("employees as e", "e.id", "a.employee_id")
    .leftJoin("telegram_users as u", "u.telegram_id", "a.actor_telegram_id");
  // Every kind names its conditions the same way; "all" may name several.
  const where: { from?: Date; to?: Date; employeeId?: number; telegramId?: number } = filter;
  if (where.from) query = query.where("a.at", ">=", where.from);
  if (where.to) query = query.where("a.at", "<", where.to);
  if (where.employeeId !== undefined) query = query.where("a.employee_id", "=", where.employeeId);
  if (where.telegramId !== undefined)
    query = query.where("a.actor_telegram_id", "=", where.telegramId);
  const { total, rows } = await countedRange(
    query,
    query
      .select([
        "a.at",
        "a.action",
        "a.subject",
        "a.actor_telegram_id",
        "u.first_name as actor_first",
        "u.last_name as actor_last",
        "e.id as employee_id",
        "e.last_name",
        "e.first_name",
        "e.patronymic",
      ])
      .orderBy("a.at", "desc")
      .orderBy("a.id", "desc"),
    page,
  );
  return {
    total,
    items: rows.map((r) => ({
      at: r.at,
      action: r.action as AccessAction,
      subject: r.subject,
      actorId: Number(r.actor_telegram_id),
      actorName: [r.actor_first, r.actor_last].filter(Boolean).join(" "),
      employee:
        r.employee_id === null
          ? null
          : {
              id: r.employee_id,
              lastName: r.last_name ?? "",
              firstName: r.first_name ?? "",
              patronymic: r.patronymic ?? null,
            },
    })),
  };
}

/** For the admin's "by employee" view: an exact IIN or a surname prefix, anywhere. */
export async function employeesMatching(
  db: Db,
  query: string,
  limit = 8,
): Promise<Array<{ id: number; lastName: string; firstName: string; patronymic: string | null }>> {
  const text = query.replace(/\s+/g, " ").trim();
  let select = db
    .selectFrom("employees")
    .select(["id", "last_name", "first_name", "patronymic"])
    .where("erased_at", "is", null);
  select = /^\d{12}$/.test(text.replace(/\s/g, ""))
    ? select.where("iin", "=", text.replace(/\s/g, ""))
    : select.where(sql`lower(last_name)`, "like", `${text.toLowerCase().replace(/[%_]/g, "")}%`);
  const rows = await select.orderBy("last_name").orderBy("first_name").limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    lastName: r.last_name,
    firstName: r.first_name,
    patronymic: r.patronymic,
  }));
}
