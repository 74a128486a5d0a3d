// Training organizations (item 5), kept by admins. Deactivating hides a provider
// from new cohorts and invites; its certificates stay valid and in its register.

import type { Kysely, Transaction } from "kysely";
import type { Database, Provider } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { PROVIDER_FIELDS } from "../routes/access.js";
import { audit } from "./audit.js";
import { type Actor, requireGrant } from "./grants.js";
import { type Refused, refuse } from "./outcome.js";

type Db = Kysely<Database> | Transaction<Database>;

export { PROVIDER_FIELDS };
export type ProviderField = (typeof PROVIDER_FIELDS)[number];

/** A prefix printed in certificate numbers: 2–10 capital letters (Kazakh ones too) or digits. */
export function validPrefix(value: string): boolean {
  return /^[\p{Lu}\d]{2,10}$/u.test(value);
}

export type ProviderRefusal = "prefix_taken" | "not_found" | "role_revoked";

/** The organization a prefix is reserved to once used: its certificates' numbers carry it, so no one else may take it. */
export async function prefixHolder(
  db: Db,
  prefix: string,
): Promise<{ providerId: number; name: { kk: string; ru: string } } | undefined> {
  const row = await db
    .selectFrom("certificate_prefixes as cp")
    .innerJoin("providers as p", "p.id", "cp.provider_id")
    .select(["p.id", "p.name_kk", "p.name_ru"])
    .where("cp.prefix", "=", prefix)
    .executeTakeFirst();
  return row && { providerId: row.id, name: bothLanguages(row, "name") };
}

/** A prefix refusal names the organization that holds it, so the admin knows why. */
export type PrefixRefusal = Refused<ProviderRefusal> & { holder?: { kk: string; ru: string } };

async function prefixRefusal(db: Db, prefix: string, providerId: number | null) {
  const holder = await prefixHolder(db, prefix);
  if (!holder || holder.providerId === providerId) return undefined;
  return { ...refuse("prefix_taken" as const), holder: holder.name };
}

export async function createProvider(
  db: Kysely<Database>,
  input: {
    nameKk: string;
    nameRu: string;
    headName: string;
    prefix: string;
    actor: Actor;
    now: Date;
  },
): Promise<{ ok: true; id: number } | PrefixRefusal> {
  return reservingPrefix(
    db,
    input.prefix,
    null,
    async (trx) => {
      const row = await trx
        .insertInto("providers")
        .values({
          name_kk: input.nameKk,
          name_ru: input.nameRu,
          head_name: input.headName,
          certificate_prefix: input.prefix,
          created_at: input.now,
          updated_at: input.now,
        })
        .returning(["id", "name_kk", "name_ru", "head_name", "certificate_prefix"])
        .executeTakeFirstOrThrow();
      await audit(trx, {
        actor: input.actor.telegramId,
        action: "provider.create",
        entity: "provider",
        entityId: row.id,
        after: row,
        at: input.now,
      });
      return { ok: true as const, id: row.id };
    },
    input.actor,
  );
}

export async function updateProvider(
  db: Kysely<Database>,
  input: { id: number; field: ProviderField; value: string; actor: Actor; now: Date },
): Promise<{ ok: true } | PrefixRefusal> {
  const prefix = input.field === "certificate_prefix" ? input.value : null;
  return reservingPrefix(
    db,
    prefix,
    input.id,
    async (trx) => {
      const before = await trx
        .selectFrom("providers")
        .selectAll()
        .where("id", "=", input.id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) return refuse("not_found" as const);
      await trx
        .updateTable("providers")
        .set({ [input.field]: input.value, updated_at: input.now })
        .where("id", "=", input.id)
        .execute();
      await audit(trx, {
        actor: input.actor.telegramId,
        action: "provider.update",
        entity: "provider",
        entityId: input.id,
        before: { [input.field]: before[input.field] },
        after: { [input.field]: input.value },
        at: input.now,
      });
      return { ok: true as const };
    },
    input.actor,
  );
}

/**
 * Runs a provider change in one transaction after re-checking the admin's role and
 * that the prefix (if one is being taken) is not reserved to another organization.
 * The database trigger reserves the prefix in the same statement; when two admins
 * take one prefix at the same moment, the loser's unique violation becomes the same
 * refusal.
 */
async function reservingPrefix<T>(
  db: Kysely<Database>,
  prefix: string | null,
  providerId: number | null,
  change: (trx: Transaction<Database>) => Promise<T>,
  actor: Actor,
): Promise<T | PrefixRefusal> {
  try {
    return await db.transaction().execute(async (trx) => {
      const revoked = await requireGrant(trx, actor);
      if (revoked) return revoked;
      const taken = prefix === null ? undefined : await prefixRefusal(trx, prefix, providerId);
      return taken ?? (await change(trx));
    });
  } catch (error) {
    if (prefix !== null && isUniqueViolation(error)) {
      return (await prefixRefusal(db, prefix, providerId)) ?? refuse("prefix_taken");
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "23505";
}

/**
 * Deactivates or activates a provider: guarded on the current state, so a stale
 * button pressed twice changes nothing the second time.
 */
export async function setProviderActive(
  db: Kysely<Database>,
  input: { id: number; active: boolean; actor: Actor; now: Date },
): Promise<{ ok: true } | Refused<"role_revoked" | "unchanged">> {
  return db.transaction().execute(async (trx) => {
    const revoked = await requireGrant(trx, input.actor);
    if (revoked) return revoked;
    const row = await trx
      .updateTable("providers")
      .set({ active: input.active, updated_at: input.now })
      .where("id", "=", input.id)
      .where("active", "=", !input.active)
      .returning("id")
      .executeTakeFirst();
    if (!row) return refuse("unchanged" as const);
    await audit(trx, {
      actor: input.actor.telegramId,
      action: input.active ? "provider.activate" : "provider.deactivate",
      entity: "provider",
      entityId: input.id,
      after: { active: input.active },
      at: input.now,
    });
    return { ok: true as const };
  });
}

export async function allProviders(db: Kysely<Database>): Promise<Provider[]> {
  return db
    .selectFrom("providers")
    .selectAll()
    .orderBy("active", "desc")
    .orderBy("name_ru")
    .execute();
}

export async function providerById(
  db: Kysely<Database>,
  id: number,
): Promise<Provider | undefined> {
  return db.selectFrom("providers").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * Sets the organization's logo for Appendix 1 (an already checked PNG), or removes
 * it (null), on record; refused when the coordinator no longer holds the role.
 */
export async function setProviderLogo(
  db: Kysely<Database>,
  input: { providerId: number; logo: Buffer | null; actor: Actor; now: Date },
): Promise<{ ok: true } | Refused<"role_revoked">> {
  return db.transaction().execute(async (trx) => {
    const revoked = await requireGrant(trx, input.actor);
    if (revoked) return revoked;
    const mime = input.logo ? "image/png" : null;
    await trx
      .updateTable("providers")
      .set({ logo: input.logo, logo_mime_type: mime, updated_at: input.now })
      .where("id", "=", input.providerId)
      .execute();
    await audit(trx, {
      actor: input.actor.telegramId,
      action: input.logo ? "provider.logo_set" : "provider.logo_remove",
      entity: "provider",
      entityId: input.providerId,
      after: { bytes: input.logo?.length ?? 0, mime },
      at: input.now,
    });
    return { ok: true as const };
  });
}
