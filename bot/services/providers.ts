// Training organizations (item 5), kept by admins. Deactivating hides a provider
// from new cohorts and invites; its certificates stay valid and in its register.
import type { Kysely } from "kysely";
import type { Database, Provider } from "../../db/types.js";
import { audit } from "./audit.js";

export const PROVIDER_FIELDS = ["name_kk", "name_ru", "head_name", "certificate_prefix"] as const;
export type ProviderField = (typeof PROVIDER_FIELDS)[number];

/** A prefix printed in certificate numbers: 2–10 capital letters (Kazakh ones too) or digits. */
export function validPrefix(value: string): boolean {
  return /^[\p{Lu}\d]{2,10}$/u.test(value);
}

export async function createProvider(
  db: Kysely<Database>,
  input: {
    nameKk: string;
    nameRu: string;
    headName: string;
    prefix: string;
    actor: number;
    now: Date;
  },
): Promise<{ ok: true; id: number } | { ok: false; reason: "prefix_taken" }> {
  const taken = await db
    .selectFrom("providers")
    .select("id")
    .where("certificate_prefix", "=", input.prefix)
    .executeTakeFirst();
  if (taken) return { ok: false, reason: "prefix_taken" };
  const row = await db
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
  await audit(db, {
    actor: input.actor,
    action: "provider.create",
    entity: "provider",
    entityId: row.id,
    after: row,
    at: input.now,
  });
  return { ok: true, id: row.id };
}

export async function updateProvider(
  db: Kysely<Database>,
  input: { id: number; field: ProviderField; value: string; actor: number; now: Date },
): Promise<{ ok: true } | { ok: false; reason: "prefix_taken" | "not_found" }> {
  const before = await db
    .selectFrom("providers")
    .selectAll()
    .where("id", "=", input.id)
    .executeTakeFirst();
  if (!before) return { ok: false, reason: "not_found" };
  if (input.field === "certificate_prefix") {
    const taken = await db
      .selectFrom("providers")
      .select("id")
      .where("certificate_prefix", "=", input.value)
      .where("id", "!=", input.id)
      .executeTakeFirst();
    if (taken) return { ok: false, reason: "prefix_taken" };
  }
  await db
    .updateTable("providers")
    .set({ [input.field]: input.value, updated_at: input.now })
    .where("id", "=", input.id)
    .execute();
  await audit(db, {
    actor: input.actor,
    action: "provider.update",
    entity: "provider",
    entityId: input.id,
    before: { [input.field]: before[input.field] },
    after: { [input.field]: input.value },
    at: input.now,
  });
  return { ok: true };
}

export async function setProviderActive(
  db: Kysely<Database>,
  id: number,
  active: boolean,
  actor: number,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable("providers")
    .set({ active, updated_at: now })
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
  if (row)
    await audit(db, {
      actor,
      action: active ? "provider.activate" : "provider.deactivate",
      entity: "provider",
      entityId: id,
      after: { active },
      at: now,
    });
  return row !== undefined;
}

export async function allProviders(db: Kysely<Database>): Promise<Provider[]> {
  return db
    .selectFrom("providers")
    .selectAll()
    .orderBy("active", "desc")
    .orderBy("name_ru")
    .execute();
}
