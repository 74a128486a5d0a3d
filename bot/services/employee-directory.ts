// Read-only queries over employees within a coordinator's scope.
import type { Kysely, SelectQueryBuilder } from "kysely";
import type { Database } from "../../db/types.js";
import { countedRange } from "./paging.js";

export interface EmployeeName {
  id: number;
  lastName: string;
  firstName: string;
  patronymic: string | null;
}

export function fullName(e: { lastName: string; firstName: string; patronymic: string | null }) {
  return [e.lastName, e.firstName, e.patronymic].filter(Boolean).join(" ");
}

/** "Сейтқали А. Б." — for buttons, where space is short. */
export function shortName(e: { lastName: string; firstName: string; patronymic: string | null }) {
  const initials = [e.firstName, e.patronymic].filter(Boolean).map((n) => `${n?.[0]}.`);
  return [e.lastName, initials.join(" ")].join(" ").trim();
}

/** Active employees of the given units who have not joined the bot yet. */
export function employeesNotJoined(
  db: Kysely<Database>,
  unitIds: number[] | null,
  page: { offset: number; limit: number },
): Promise<{ total: number; items: EmployeeName[] }> {
  let query = db
    .selectFrom("employees")
    .where("active", "=", true)
    .where("telegram_user_id", "is", null);
  if (unitIds !== null) query = query.where("unit_id", "in", unitIds.length ? unitIds : [-1]);
  return namesPage(query, page);
}

/** A page of the employees a query selects, by surname, with how many there are in all. */
export async function namesPage(
  query: SelectQueryBuilder<Database, "employees", object>,
  page: { offset: number; limit: number },
): Promise<{ total: number; items: EmployeeName[] }> {
  const { total, rows } = await countedRange(
    query,
    query
      .select(["id", "last_name", "first_name", "patronymic"])
      .orderBy("last_name")
      .orderBy("first_name")
      .orderBy("id"),
    page,
  );
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      lastName: r.last_name,
      firstName: r.first_name,
      patronymic: r.patronymic,
    })),
  };
}

export async function employeeName(
  db: Kysely<Database>,
  employeeId: number,
): Promise<(EmployeeName & { joined: boolean; active: boolean }) | undefined> {
  const row = await db
    .selectFrom("employees")
    .select(["id", "last_name", "first_name", "patronymic", "telegram_user_id", "active"])
    .where("id", "=", employeeId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    lastName: row.last_name,
    firstName: row.first_name,
    patronymic: row.patronymic,
    joined: row.telegram_user_id !== null,
    active: row.active,
  };
}
