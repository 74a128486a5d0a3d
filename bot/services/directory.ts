// Units and providers, for pickers.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { LocalizedName } from "./people.js";

export interface NamedItem {
  id: number;
  name: LocalizedName;
}

export async function listRegions(db: Kysely<Database>): Promise<NamedItem[]> {
  const rows = await db
    .selectFrom("units")
    .select(["id", "name_kk", "name_ru"])
    .where("level", "=", "region")
    .orderBy("kato_code")
    .execute();
  return rows.map((r) => ({ id: r.id, name: { kk: r.name_kk, ru: r.name_ru } }));
}

export async function listDistricts(db: Kysely<Database>, regionId: number): Promise<NamedItem[]> {
  const rows = await db
    .selectFrom("units")
    .select(["id", "name_kk", "name_ru"])
    .where("parent_id", "=", regionId)
    .orderBy("kato_code")
    .execute();
  return rows.map((r) => ({ id: r.id, name: { kk: r.name_kk, ru: r.name_ru } }));
}

export async function listActiveProviders(db: Kysely<Database>): Promise<NamedItem[]> {
  const rows = await db
    .selectFrom("providers")
    .select(["id", "name_kk", "name_ru"])
    .where("active", "=", true)
    .orderBy("name_ru")
    .execute();
  return rows.map((r) => ({ id: r.id, name: { kk: r.name_kk, ru: r.name_ru } }));
}
