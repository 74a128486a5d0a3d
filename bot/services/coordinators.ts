// Who coordinates a unit: for "who to contact" texts and for notices.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { type Notice, notifyAll } from "../outbox/notices.js";

export interface CoordinatorContact {
  telegramId: number;
  name: string;
  username: string | null;
}

export async function coordinatorsOfUnit(
  db: Kysely<Database>,
  unitId: number,
  role: "district_coordinator" | "regional_coordinator",
): Promise<CoordinatorContact[]> {
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("telegram_users as u", "u.telegram_id", "m.telegram_user_id")
    .select(["u.telegram_id", "u.first_name", "u.last_name", "u.username"])
    .where("m.unit_id", "=", unitId)
    .where("m.role", "=", role)
    .where("m.revoked_at", "is", null)
    .orderBy("m.created_at")
    .execute();
  return rows.map((r) => ({
    telegramId: r.telegram_id,
    name: [r.first_name, r.last_name].filter(Boolean).join(" "),
    username: r.username,
  }));
}

/**
 * The coordinators who keep an employee's record in a unit: the district coordinators
 * of a district-level body, the regional coordinators of a region-level one (its own
 * employees have no district). "Your body's coordinator" in the texts.
 */
export async function recordKeepersOfUnit(
  db: Kysely<Database>,
  unitId: number,
): Promise<CoordinatorContact[]> {
  const unit = await db
    .selectFrom("units")
    .select("level")
    .where("id", "=", unitId)
    .executeTakeFirstOrThrow();
  return coordinatorsOfUnit(
    db,
    unitId,
    unit.level === "region" ? "regional_coordinator" : "district_coordinator",
  );
}

/**
 * Tells every coordinator of a unit, through the outbox. Called with the transaction
 * that made the change, so the change and its notices are kept or lost together.
 */
export async function notifyCoordinators(
  db: Kysely<Database>,
  unitId: number,
  role: "district_coordinator" | "regional_coordinator",
  notice: Notice,
  now: Date,
): Promise<void> {
  const coordinators = await coordinatorsOfUnit(db, unitId, role);
  await notifyAll(
    db,
    coordinators.map((c) => c.telegramId),
    notice,
    now,
  );
}

/** The region-level unit a unit belongs to: its parent, or the unit itself when it is a region. */
async function regionOfUnit(db: Kysely<Database>, unitId: number): Promise<number> {
  const unit = await db
    .selectFrom("units")
    .select(["id", "parent_id"])
    .where("id", "=", unitId)
    .executeTakeFirstOrThrow();
  return unit.parent_id ?? unit.id;
}

/**
 * Tells the regional coordinators of the region a unit belongs to, like
 * `notifyCoordinators`. The notice is made knowing the region, so its buttons can
 * carry the regional coordinator's grant.
 */
export async function notifyRegionOf(
  db: Kysely<Database>,
  unitId: number,
  notice: (regionId: number) => Notice,
  now: Date,
): Promise<void> {
  const regionId = await regionOfUnit(db, unitId);
  await notifyCoordinators(db, regionId, "regional_coordinator", notice(regionId), now);
}
