// An employee may join by sharing their own phone number through Telegram's
// contact button instead of an invite link: the number must match exactly one
// active employee record that no other Telegram account holds.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { audit } from "./audit.js";
import { normalizeContactPhone } from "./phone.js";

export type BindResult =
  | { ok: true; employeeId: number }
  | { ok: false; reason: "not_own_contact" | "no_match" | "ambiguous" | "taken" };

export async function bindEmployeeByContact(
  db: Kysely<Database>,
  input: { senderId: number; contactUserId: number | undefined; phone: string; now: Date },
): Promise<BindResult> {
  // Telegram fills contact.user_id only for a contact of a Telegram user; anyone
  // can send someone else's contact card, so it must be the sender's own.
  if (input.contactUserId !== input.senderId) return { ok: false, reason: "not_own_contact" };
  const phone = normalizeContactPhone(input.phone);
  if (!phone) return { ok: false, reason: "no_match" };

  const matches = await db
    .selectFrom("employees")
    .select(["id", "telegram_user_id"])
    .where("phone", "=", phone)
    .where("active", "=", true)
    .execute();
  if (matches.length === 0) return { ok: false, reason: "no_match" };
  if (matches.length > 1) return { ok: false, reason: "ambiguous" };
  const [match] = matches as [(typeof matches)[number]];
  if (match.telegram_user_id === input.senderId) return { ok: true, employeeId: match.id };
  if (match.telegram_user_id !== null) return { ok: false, reason: "taken" };

  const alreadyBound = await db
    .selectFrom("employees")
    .select("id")
    .where("telegram_user_id", "=", input.senderId)
    .executeTakeFirst();
  if (alreadyBound) return { ok: false, reason: "taken" };

  const bound = await db
    .updateTable("employees")
    .set({ telegram_user_id: input.senderId, updated_at: input.now })
    .where("id", "=", match.id)
    .where("telegram_user_id", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!bound) return { ok: false, reason: "taken" };
  await audit(db, {
    actor: input.senderId,
    action: "employee.bind_telegram",
    entity: "employee",
    entityId: match.id,
    after: { via: "contact" },
    at: input.now,
  });
  return { ok: true, employeeId: match.id };
}
