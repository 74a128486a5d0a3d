// Scope checks: which units and employees a role may see and change. Every
// handler calls these on the server, whatever callback data arrived.
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import type { Database } from "../../db/types.js";
import type { RoleGrant } from "./people.js";

/** The name (or alias) a query gives the units table: "units" or "u". */
type UnitsIn<DB, TB extends keyof DB> = {
  [K in TB]: DB[K] extends Database["units"] ? K : never;
}[TB] &
  string;

/**
 * "In the region": the unit (`units`, the table's name or alias in the query) is the
 * region-level unit itself or one of its districts. A regional coordinator sees and
 * decides for both.
 */
export function inRegion<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  units: UnitsIn<DB, TB>,
  regionId: number,
): Expression<SqlBool> {
  // The alias is checked by the signature; the builder is seen as one over that alias.
  const e = eb as unknown as ExpressionBuilder<Record<"r", Database["units"]>, "r">;
  const ref = (column: "id" | "parent_id") => `${units}.${column}` as `r.${typeof column}`;
  return e.or([e(ref("id"), "=", regionId), e(ref("parent_id"), "=", regionId)]);
}

/** The ids of a region's units (itself and its districts), as a subquery for `in`. */
export function unitsOfRegion(db: Kysely<Database>, regionId: number) {
  return db
    .selectFrom("units")
    .select("units.id")
    .where((eb) => inRegion(eb, "units", regionId));
}

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
