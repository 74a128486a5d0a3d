// Units and providers, for pickers and for the overviews that go through them.

import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import type { LocalizedName } from "./people.js";

export interface NamedItem {
  id: number;
  name: LocalizedName;
}

/** A unit's or a provider's row as a picker shows it. */
function named(row: { id: number; name_kk: string; name_ru: string }): NamedItem {
  return { id: row.id, name: bothLanguages(row, "name") };
}

/** The regions, in KATO order. */
export async function listRegions(db: Kysely<Database>): Promise<NamedItem[]> {
  const rows = await db
    .selectFrom("units")
    .select(["id", "name_kk", "name_ru"])
    .where("level", "=", "region")
    .orderBy("kato_code")
    .execute();
  return rows.map(named);
}

/** The districts of a region, in KATO order. */
export async function listDistricts(db: Kysely<Database>, regionId: number): Promise<NamedItem[]> {
  const rows = await db
    .selectFrom("units")
    .select(["id", "name_kk", "name_ru"])
    .where("parent_id", "=", regionId)
    .orderBy("kato_code")
    .execute();
  return rows.map(named);
}

export async function listActiveProviders(db: Kysely<Database>): Promise<NamedItem[]> {
  const rows = await db
    .selectFrom("providers")
    .select(["id", "name_kk", "name_ru"])
    .where("active", "=", true)
    .orderBy("name_ru")
    .execute();
  return rows.map(named);
}
