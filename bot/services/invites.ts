// One-time invite codes for deep links (t.me/<bot>?start=<payload>). The code is
// random (144 bits) and only its SHA-256 is stored, so a database leak does not
// leak usable links. A code works once and expires (14 days by default).
import { createHash, randomBytes } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Database, Role } from "../../db/types.js";
import { audit } from "./audit.js";

export const INVITE_PAYLOAD_PREFIX = "i-";

export type InviteTarget =
  | { kind: "coordinator"; role: Role; unitId?: number; providerId?: number }
  | { kind: "employee"; employeeId: number };

export interface CreatedInvite {
  payload: string;
  expiresAt: Date;
}

export type RedeemResult =
  | { ok: true; kind: "coordinator"; role: Role; unitId: number | null; providerId: number | null }
  | { ok: true; kind: "employee"; employeeId: number }
  | { ok: false; reason: RedeemRefusal };

export type RedeemRefusal =
  | "not_found"
  | "used"
  | "expired"
  | "cancelled"
  | "employee_taken"
  | "already_employee"
  | "employee_inactive"
  | "scope_inactive";

export function hashCode(code: string): string {
  return createHash("sha256").update(code).digest("hex");
}

export function inviteLink(botUsername: string, payload: string): string {
  return `https://t.me/${botUsername}?start=${payload}`;
}

export async function createInvite(
  db: Kysely<Database>,
  target: InviteTarget,
  options: { createdBy: number; now: Date; ttlDays: number },
): Promise<CreatedInvite> {
  const code = randomBytes(18).toString("base64url");
  const expiresAt = new Date(options.now.getTime() + options.ttlDays * 86_400_000);
  const row = await db
    .insertInto("invites")
    .values({
      code_hash: hashCode(code),
      kind: target.kind,
      role: target.kind === "coordinator" ? target.role : null,
      unit_id: target.kind === "coordinator" ? (target.unitId ?? null) : null,
      provider_id: target.kind === "coordinator" ? (target.providerId ?? null) : null,
      employee_id: target.kind === "employee" ? target.employeeId : null,
      created_by: options.createdBy,
      created_at: options.now,
      expires_at: expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await audit(db, {
    actor: options.createdBy,
    action: "invite.create",
    entity: "invite",
    entityId: row.id,
    after: { ...target, expiresAt },
    at: options.now,
  });
  return { payload: INVITE_PAYLOAD_PREFIX + code, expiresAt };
}

/**
 * Uses an invite: in one transaction the code is marked used (only if unused and
 * not expired, so two people racing for one link cannot both win) and the role is
 * granted or the employee record bound to this Telegram account.
 */
export async function redeemInvite(
  db: Kysely<Database>,
  payload: string,
  telegramId: number,
  now: Date,
): Promise<RedeemResult> {
  const codeHash = hashCode(payload.slice(INVITE_PAYLOAD_PREFIX.length));
  return db
    .transaction()
    .execute(async (trx) => {
      const invite = await trx
        .updateTable("invites")
        .set({ used_at: now, used_by: telegramId })
        .where("code_hash", "=", codeHash)
        .where("used_at", "is", null)
        .where("cancelled_at", "is", null)
        .where("expires_at", ">", now)
        .returningAll()
        .executeTakeFirst();
      if (!invite) {
        const known = await trx
          .selectFrom("invites")
          .select(["used_at", "cancelled_at"])
          .where("code_hash", "=", codeHash)
          .executeTakeFirst();
        if (!known) return { ok: false, reason: "not_found" } as const;
        if (known.used_at) return { ok: false, reason: "used" } as const;
        return { ok: false, reason: known.cancelled_at ? "cancelled" : "expired" } as const;
      }
      // The record or organization may have been deactivated after the link was made.
      const inactive = await inviteTargetInactive(trx, invite);
      if (inactive) throw new InviteRefused(inactive);

      if (invite.kind === "employee" && invite.employee_id !== null) {
        const already = await trx
          .selectFrom("employees")
          .select("id")
          .where("telegram_user_id", "=", telegramId)
          .executeTakeFirst();
        if (already && already.id !== invite.employee_id) {
          throw new InviteRefused("already_employee");
        }
        const bound = await trx
          .updateTable("employees")
          .set({ telegram_user_id: telegramId, updated_at: now })
          .where("id", "=", invite.employee_id)
          .where((eb) =>
            eb.or([eb("telegram_user_id", "is", null), eb("telegram_user_id", "=", telegramId)]),
          )
          .returning("id")
          .executeTakeFirst();
        if (!bound) throw new InviteRefused("employee_taken");
        await audit(trx, {
          actor: telegramId,
          action: "employee.bind_telegram",
          entity: "employee",
          entityId: invite.employee_id,
          after: { via: "invite", inviteId: invite.id },
          at: now,
        });
        return { ok: true, kind: "employee", employeeId: invite.employee_id } as const;
      }

      const role = invite.role as Role;
      await trx
        .insertInto("memberships")
        .values({
          telegram_user_id: telegramId,
          role,
          unit_id: invite.unit_id,
          provider_id: invite.provider_id,
          created_by: invite.created_by,
          created_at: now,
        })
        // Re-inviting someone who already holds the role simply keeps it.
        .onConflict((oc) => oc.doNothing())
        .execute();
      await audit(trx, {
        actor: telegramId,
        action: "membership.grant",
        entity: "membership",
        entityId: null,
        after: {
          role,
          unitId: invite.unit_id,
          providerId: invite.provider_id,
          inviteId: invite.id,
        },
        at: now,
      });
      return {
        ok: true,
        kind: "coordinator",
        role,
        unitId: invite.unit_id,
        providerId: invite.provider_id,
      } as const;
    })
    .catch((error: unknown) => {
      // A refusal rolls the transaction back, so the invite stays usable.
      if (error instanceof InviteRefused) return { ok: false, reason: error.reason } as const;
      throw error;
    });
}

class InviteRefused extends Error {
  constructor(
    readonly reason: "employee_taken" | "already_employee" | "employee_inactive" | "scope_inactive",
  ) {
    super(reason);
  }
}

/** Why an invite's target can no longer be joined: a deactivated employee or organization. */
async function inviteTargetInactive(
  trx: Transaction<Database>,
  invite: { employee_id: number | null; provider_id: number | null },
): Promise<"employee_inactive" | "scope_inactive" | undefined> {
  if (invite.employee_id !== null) {
    return (await stillActive(trx, "employees", invite.employee_id))
      ? undefined
      : "employee_inactive";
  }
  if (invite.provider_id !== null) {
    return (await stillActive(trx, "providers", invite.provider_id)) ? undefined : "scope_inactive";
  }
  return undefined;
}

/** Whether the employee or organization is active, share-locked until the invite is used. */
async function stillActive(
  trx: Transaction<Database>,
  table: "employees" | "providers",
  id: number,
): Promise<boolean> {
  const row = await trx
    .selectFrom(table)
    .select("active")
    .where("id", "=", id)
    .forShare()
    .executeTakeFirst();
  return row?.active === true;
}
