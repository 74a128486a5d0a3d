// Scope checks: which units and employees a role may see and change. Every
// handler calls these on the server, whatever callback data arrived.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { RoleGrant } from "./people.js";

/** Unit ids a coordinator's employees may belong to; null means "every unit". */
export async function unitIdsInScope(
  db: Kysely<Database>,
  grant: RoleGrant,
): Promise<number[] | null> {
  switch (grant.role) {
    case "admin":
      return null;
    case "district_coordinator":
      return [grant.unitId];
    case "regional_coordinator": {
      const districts = await db
        .selectFrom("units")
        .select("id")
        .where("parent_id", "=", grant.unitId)
        .execute();
      return [grant.unitId, ...districts.map((d) => d.id)];
    }
    default:
      return [];
  }
}

export async function employeeInScope(
  db: Kysely<Database>,
  grant: RoleGrant,
  employeeId: number,
): Promise<boolean> {
  if (grant.role === "employee") return grant.employeeId === employeeId;
  const units = await unitIdsInScope(db, grant);
  if (units === null) return true;
  if (units.length === 0) return false;
  const row = await db
    .selectFrom("employees")
    .select("id")
    .where("id", "=", employeeId)
    .where("unit_id", "in", units)
    .executeTakeFirst();
  return row !== undefined;
}
