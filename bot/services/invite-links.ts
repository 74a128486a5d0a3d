// Unused invite links: listed and cancelled by whoever may issue them (admins: every
// link; district and regional coordinators: the employee links of their scope), and
// issued under a role that is re-checked when the link is written. A cancellation is
// one transaction: the guarded UPDATE (only a link still open), the audit row, and a
// notice to the person who made the link when someone else cancelled it.
import type { Kysely, SelectQueryBuilder, Transaction } from "kysely";
import type { Database, Role } from "../../db/types.js";
import { notify } from "../outbox/notices.js";
import { routes } from "../routes/index.js";
import { audit } from "./audit.js";
import { fullName } from "./employee-directory.js";
import { type Actor, requireGrant } from "./grants.js";
import { type CreatedInvite, createInvite, type InviteTarget } from "./invites.js";
import { doneBy, type Outcome, type Refused, refuse } from "./outcome.js";
import { countedRange } from "./paging.js";
import type { LocalizedName, RoleGrant } from "./people.js";
import { unitIdsInScope } from "./scope.js";

type Db = Kysely<Database> | Transaction<Database>;

export interface OpenInvite {
  id: number;
  kind: "coordinator" | "employee";
  /** The coordinator role offered, or null for an employee link. */
  role: Role | null;
  /** The unit or organization of a coordinator link; the employee's name for an employee link. */
  target: LocalizedName;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/** Creates a link after checking, in the same transaction, that the issuer still holds the role. */
export async function issueInvite(
  db: Kysely<Database>,
  actor: Actor,
  target: InviteTarget,
  options: { now: Date; ttlDays: number },
): Promise<({ ok: true } & CreatedInvite) | Refused<"role_revoked">> {
  return db.transaction().execute(async (trx) => {
    const lost = await requireGrant(trx, actor);
    if (lost) return lost;
    const created = await createInvite(trx, target, { ...options, createdBy: actor.telegramId });
    return { ok: true as const, ...created };
  });
}

type InviteQuery = SelectQueryBuilder<Database, "invites", object>;

/** Limits a query on invites to the links a grant may issue, hence see and cancel. */
async function withinScope(db: Db, query: InviteQuery, grant: RoleGrant): Promise<InviteQuery> {
  if (grant.role === "admin") return query;
  if (grant.role !== "district_coordinator" && grant.role !== "regional_coordinator") {
    return query.where("invites.id", "=", -1);
  }
  const units = (await unitIdsInScope(db, grant)) ?? [];
  return query.where("invites.kind", "=", "employee").where("invites.employee_id", "in", (eb) =>
    eb
      .selectFrom("employees")
      .select("employees.id")
      .where("employees.unit_id", "in", units.length ? units : [-1]),
  );
}

function open(query: InviteQuery, now: Date): InviteQuery {
  return query
    .where("invites.used_at", "is", null)
    .where("invites.cancelled_at", "is", null)
    .where("invites.expires_at", ">", now);
}

function withNames(query: InviteQuery) {
  return query
    .leftJoin("employees as e", "e.id", "invites.employee_id")
    .leftJoin("units as un", "un.id", "invites.unit_id")
    .leftJoin("providers as pr", "pr.id", "invites.provider_id")
    .leftJoin("telegram_users as maker", "maker.telegram_id", "invites.created_by")
    .select([
      "invites.id",
      "invites.kind",
      "invites.role",
      "invites.created_at",
      "invites.expires_at",
      "invites.created_by",
      "invites.used_at",
      "invites.used_by",
      "invites.cancelled_at",
      "invites.cancelled_by",
      "e.last_name",
      "e.first_name",
      "e.patronymic",
      "un.name_kk as unit_kk",
      "un.name_ru as unit_ru",
      "pr.name_kk as provider_kk",
      "pr.name_ru as provider_ru",
      "maker.first_name as maker_first",
      "maker.last_name as maker_last",
    ]);
}

type NamedRow = Awaited<ReturnType<ReturnType<typeof withNames>["executeTakeFirstOrThrow"]>>;

function toOpenInvite(row: NamedRow): OpenInvite {
  const employee =
    row.last_name !== null
      ? fullName({
          lastName: row.last_name,
          firstName: row.first_name ?? "",
          patronymic: row.patronymic,
        })
      : null;
  const maker = [row.maker_first, row.maker_last].filter(Boolean).join(" ");
  return {
    id: row.id,
    kind: row.kind,
    role: row.role,
    target: employee
      ? { kk: employee, ru: employee }
      : { kk: row.unit_kk ?? row.provider_kk ?? "", ru: row.unit_ru ?? row.provider_ru ?? "" },
    createdBy: maker || null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/** The open links a grant may cancel, newest first, a page at a time. */
export async function openInvites(
  db: Db,
  grant: RoleGrant,
  options: { now: Date; offset: number; limit: number },
): Promise<{ total: number; items: OpenInvite[] }> {
  const base = open(await withinScope(db, db.selectFrom("invites"), grant), options.now);
  const { total, rows } = await countedRange(
    base,
    withNames(base).orderBy("invites.created_at", "desc").orderBy("invites.id", "desc"),
    options,
  );
  return { total, items: rows.map(toOpenInvite) };
}

/** One open link within the grant's scope, for its card. */
export async function openInvite(
  db: Db,
  grant: RoleGrant,
  inviteId: number,
  now: Date,
): Promise<OpenInvite | undefined> {
  const query = open(await withinScope(db, db.selectFrom("invites"), grant), now);
  const row = await withNames(query.where("invites.id", "=", inviteId)).executeTakeFirst();
  return row && toOpenInvite(row);
}

export type CancelRefusal = "not_found" | "used" | "expired" | "already_cancelled" | "role_revoked";

export async function cancelInvite(
  db: Kysely<Database>,
  input: { inviteId: number; actor: Actor; now: Date },
): Promise<Outcome<{ invite: OpenInvite }, CancelRefusal>> {
  const { actor, now } = input;
  return db.transaction().execute(async (trx) => {
    const lost = await requireGrant(trx, actor);
    if (lost) return lost;
    const mayCancel = (await withinScope(trx, trx.selectFrom("invites"), actor.grant)).select(
      "invites.id",
    );
    const cancelled = await trx
      .updateTable("invites")
      .set({ cancelled_at: now, cancelled_by: actor.telegramId })
      .where("id", "=", input.inviteId)
      .where("used_at", "is", null)
      .where("cancelled_at", "is", null)
      .where("expires_at", ">", now)
      .where("id", "in", mayCancel)
      .returning("id")
      .executeTakeFirst();
    const scoped = await withinScope(trx, trx.selectFrom("invites"), actor.grant);
    const row = await withNames(scoped.where("invites.id", "=", input.inviteId)).executeTakeFirst();
    if (!row) return refuse("not_found");
    if (!cancelled) {
      if (row.cancelled_at) {
        return refuse("already_cancelled", await doneBy(trx, row.cancelled_by, row.cancelled_at));
      }
      return refuse(row.used_at ? "used" : "expired");
    }
    const invite = toOpenInvite(row);
    await audit(trx, {
      actor: actor.telegramId,
      action: "invite.cancel",
      entity: "invite",
      entityId: invite.id,
      before: { cancelledAt: null },
      after: { cancelledAt: now },
      at: now,
    });
    if (row.created_by !== null && row.created_by !== actor.telegramId && row.created_by > 0) {
      await notify(
        trx,
        row.created_by,
        {
          key: "access.notice.link_cancelled",
          params: (language) => ({ target: invite.target[language] }),
          buttons: [{ labelKey: "access.buttons.menu", data: routes.rolePicker.pack({}) }],
        },
        now,
      );
    }
    return { ok: true, invite };
  });
}
