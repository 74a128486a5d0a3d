// "Does this person still hold this role?", asked in the database at the moment a
// change is written. Roles are loaded at the start of every update, but a
// conversation spans many updates: a coordinator whose role was revoked after the
// first step must not be able to finish it. Inside a transaction the membership row
// is locked FOR SHARE, so a revocation at the same moment waits for the change (made
// while the role was held) or the change sees the revocation, never both.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/types.js";
import { type Refused, refuse } from "./outcome.js";
import type { RoleGrant } from "./people.js";

type Db = Kysely<Database> | Transaction<Database>;

/** Who acts and under which of their roles; admins from configuration hold "admin" for good. */
export interface Actor {
  telegramId: number;
  grant: RoleGrant;
  configAdminIds: readonly number[];
}

export async function grantStillHeld(db: Db, actor: Actor): Promise<boolean> {
  const { grant, telegramId } = actor;
  if (grant.role === "employee") {
    const row = await db
      .selectFrom("employees")
      .select("id")
      .where("id", "=", grant.employeeId)
      .where("telegram_user_id", "=", telegramId)
      .where("active", "=", true)
      .forShare()
      .executeTakeFirst();
    return row !== undefined;
  }
  if (grant.role === "admin" && actor.configAdminIds.includes(telegramId)) return true;
  let query = db
    .selectFrom("memberships as m")
    .select("m.id")
    .where("m.telegram_user_id", "=", telegramId)
    .where("m.role", "=", grant.role)
    .where("m.revoked_at", "is", null);
  if (grant.role === "provider_coordinator") {
    query = query
      .innerJoin("providers as p", "p.id", "m.provider_id")
      .where("m.provider_id", "=", grant.providerId)
      .where("p.active", "=", true);
  } else if (grant.role !== "admin") {
    query = query.where("m.unit_id", "=", grant.unitId);
  }
  const row = await query.forShare("m").executeTakeFirst();
  return row !== undefined;
}

/** A refusal when the role is gone; undefined when the actor may go on. */
export async function requireGrant(
  db: Db,
  actor: Actor,
): Promise<Refused<"role_revoked"> | undefined> {
  return (await grantStillHeld(db, actor)) ? undefined : refuse("role_revoked");
}
