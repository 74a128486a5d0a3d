// Taking roles away. Admins revoke any coordinator; regional
// coordinators revoke the coordinators of their region's districts. A revocation is
// one transaction: the guarded UPDATE (only a role still held, only within the
// revoker's scope), the unused invite links the person issued (so a departed
// coordinator cannot open them for themselves), the audit row and the notice to the
// person. A second press, or a second admin at the same moment, is told who did it
// and when. The role stops working at once: roles are read on every update and
// re-checked when a conversation writes (services/grants.ts).
import type { Kysely, SelectQueryBuilder, Transaction } from "kysely";
import type { Database, Role } from "../../db/types.js";
import { translator } from "../i18n/index.js";
import { notify } from "../outbox/notices.js";
import { routes } from "../routes/index.js";
import { audit } from "./audit.js";
import { type Actor, requireGrant } from "./grants.js";
import { doneBy, type Outcome, refuse } from "./outcome.js";
import { countedRange } from "./paging.js";
import type { LocalizedName, RoleGrant } from "./people.js";
import { unitsOfRegion } from "./scope.js";

type Db = Kysely<Database> | Transaction<Database>;
export type CoordinatorRole = Exclude<Role, "admin">;

export interface CoordinatorEntry {
  id: number;
  telegramId: number;
  name: string;
  username: string | null;
  role: CoordinatorRole;
  scopeName: LocalizedName;
  since: Date;
}

/** Which coordinator roles a grant may revoke; empty when none. */
export function revocableRoles(grant: RoleGrant): CoordinatorRole[] {
  if (grant.role === "admin") {
    return ["district_coordinator", "regional_coordinator", "provider_coordinator"];
  }
  if (grant.role === "regional_coordinator") return ["district_coordinator"];
  return [];
}

type Scoped = SelectQueryBuilder<Database, "memberships", object>;

/** Limits a query on memberships to those the grant may revoke. */
function withinScope<Q extends Scoped>(query: Q, grant: RoleGrant): Q {
  const roles = revocableRoles(grant);
  if (roles.length === 0) return query.where("memberships.id", "=", -1) as Q;
  const scoped = query.where("memberships.role", "in", roles) as Q;
  if (grant.role !== "regional_coordinator") return scoped;
  return scoped.where("memberships.unit_id", "in", (eb) =>
    eb.selectFrom("units").select("units.id").where("units.parent_id", "=", grant.unitId),
  ) as Q;
}

/** The coordinators a grant may revoke, by role, a page at a time. */
export async function coordinatorsInScope(
  db: Db,
  grant: RoleGrant,
  options: { role: CoordinatorRole | null; offset: number; limit: number },
): Promise<{ total: number; items: CoordinatorEntry[] }> {
  let base = withinScope(
    db.selectFrom("memberships").where("memberships.revoked_at", "is", null),
    grant,
  );
  if (options.role) base = base.where("memberships.role", "=", options.role);
  const { total, rows } = await countedRange(
    base,
    withNames(base)
      .orderBy("memberships.role")
      .orderBy("scope_ru")
      .orderBy("memberships.created_at")
      .orderBy("memberships.id"),
    options,
  );
  return { total, items: rows.map(toEntry) };
}

/** One coordinator the grant may revoke (revoked or not), for the card and the refusal. */
export async function coordinatorInScope(db: Db, grant: RoleGrant, membershipId: number) {
  const row = await withNames(
    withinScope(db.selectFrom("memberships").where("memberships.id", "=", membershipId), grant),
  )
    .select(["memberships.revoked_at", "memberships.revoked_by"])
    .executeTakeFirst();
  return row && { ...toEntry(row), revokedAt: row.revoked_at, revokedBy: row.revoked_by };
}

function withNames(query: Scoped) {
  return query
    .innerJoin("telegram_users as u", "u.telegram_id", "memberships.telegram_user_id")
    .leftJoin("units", "units.id", "memberships.unit_id")
    .leftJoin("providers", "providers.id", "memberships.provider_id")
    .select((eb) => [
      "memberships.id",
      "memberships.telegram_user_id",
      "memberships.role",
      "memberships.created_at",
      "u.first_name",
      "u.last_name",
      "u.username",
      eb.fn.coalesce("units.name_kk", "providers.name_kk").as("scope_kk"),
      eb.fn.coalesce("units.name_ru", "providers.name_ru").as("scope_ru"),
    ]);
}

interface NamedRow {
  id: number;
  telegram_user_id: number;
  role: Role;
  created_at: Date;
  first_name: string;
  last_name: string | null;
  username: string | null;
  scope_kk: string | null;
  scope_ru: string | null;
}

function toEntry(row: NamedRow): CoordinatorEntry {
  return {
    id: row.id,
    telegramId: row.telegram_user_id,
    name: [row.first_name, row.last_name].filter(Boolean).join(" "),
    username: row.username,
    role: row.role as CoordinatorRole,
    scopeName: { kk: row.scope_kk ?? "", ru: row.scope_ru ?? "" },
    since: row.created_at,
  };
}

export type RevokeRefusal = "not_found" | "already_revoked" | "role_revoked";

export async function revokeMembership(
  db: Kysely<Database>,
  input: { membershipId: number; actor: Actor; now: Date },
): Promise<Outcome<{ revoked: CoordinatorEntry; linksCancelled: number }, RevokeRefusal>> {
  const { actor, now } = input;
  return db.transaction().execute(async (trx) => {
    const lost = await requireGrant(trx, actor);
    if (lost) return lost;
    const mayRevoke = withinScope(trx.selectFrom("memberships"), actor.grant).select(
      "memberships.id",
    );
    const row = await trx
      .updateTable("memberships")
      .set({ revoked_at: now, revoked_by: actor.telegramId })
      .where("id", "=", input.membershipId)
      .where("revoked_at", "is", null)
      .where("id", "in", mayRevoke)
      .returning(["id", "unit_id"])
      .executeTakeFirst();
    const entry = await coordinatorInScope(trx, actor.grant, input.membershipId);
    if (!entry) return refuse("not_found");
    if (!row) return refuse("already_revoked", await doneBy(trx, entry.revokedBy, entry.revokedAt));

    const linksCancelled = await cancelLinksOfLostScope(trx, entry, row.unit_id, actor, now);
    await audit(trx, {
      actor: actor.telegramId,
      action: "membership.revoke",
      entity: "membership",
      entityId: entry.id,
      before: { telegramId: entry.telegramId, role: entry.role, revokedAt: null },
      after: { revokedAt: now, linksCancelled },
      at: now,
    });
    await notify(
      trx,
      entry.telegramId,
      {
        key: "access.notice.role_revoked",
        params: (language) => ({
          role: translator(language)(`roles.${entry.role}`),
          scope: entry.scopeName[language],
        }),
        buttons: [{ labelKey: "access.buttons.menu", data: routes.rolePicker.pack({}) }],
      },
      now,
    );
    return { ok: true, revoked: entry, linksCancelled };
  });
}

/**
 * The unused employee links the person issued for the unit they lost: a link binds
 * whoever opens it to the employee's record, so a departed coordinator must not keep
 * working ones. (Provider coordinators issue no links.)
 */
async function cancelLinksOfLostScope(
  trx: Transaction<Database>,
  entry: CoordinatorEntry,
  unitId: number | null,
  actor: Actor,
  now: Date,
): Promise<number> {
  if (unitId === null) return 0;
  const units =
    entry.role === "regional_coordinator"
      ? unitsOfRegion(trx, unitId)
      : trx.selectFrom("units").select("id").where("id", "=", unitId);
  const rows = await trx
    .updateTable("invites")
    .set({ cancelled_at: now, cancelled_by: actor.telegramId })
    .where("created_by", "=", entry.telegramId)
    .where("kind", "=", "employee")
    .where("used_at", "is", null)
    .where("cancelled_at", "is", null)
    .where("expires_at", ">", now)
    .where("employee_id", "in", (eb) =>
      eb.selectFrom("employees").select("employees.id").where("employees.unit_id", "in", units),
    )
    .returning("id")
    .execute();
  return rows.length;
}
