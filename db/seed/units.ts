// Seeds the unit tree (item 2.2): 20 region-level bodies and their district-level
// bodies from KATO (db/seed/kato-regions.csv: levels 1 and 2 of the Bureau of National
// Statistics' classifier of administrative units, edition of 17.07.2026, names in Kazakh
// and Russian). Idempotent: running it again only refreshes names, so it is safe at every
// start-up.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import type { Database, UnitLevel } from "../types.js";

interface KatoRow {
  katoCode: string;
  level: UnitLevel;
  parentKatoCode: string | null;
  nameKk: string;
  nameRu: string;
  kind: string;
}

const CSV_PATH = fileURLToPath(new URL("./kato-regions.csv", import.meta.url));

export function readKatoRows(path = CSV_PATH): KatoRow[] {
  const [header, ...lines] = readFileSync(path, "utf8").trim().split(/\r?\n/);
  if (header !== "kato_code,level,parent_kato_code,name_kk,name_ru,kind") {
    throw new Error(`Unexpected KATO header: ${header}`);
  }
  return lines.map((line) => {
    const [katoCode, level, parent, nameKk, nameRu, kind] = line.split(",");
    if (!katoCode || !nameKk || !nameRu || !kind) throw new Error(`Bad KATO row: ${line}`);
    return {
      katoCode,
      level: level === "1" ? "region" : "district",
      parentKatoCode: parent || null,
      nameKk,
      nameRu,
      kind,
    };
  });
}

export async function seedUnits(db: Kysely<Database>): Promise<number> {
  const rows = readKatoRows();
  await db.transaction().execute(async (trx) => {
    const upsert = (level: UnitLevel, parentIds: Map<string, number>) =>
      trx
        .insertInto("units")
        .values(
          rows
            .filter((r) => r.level === level)
            .map((r) => ({
              kato_code: r.katoCode,
              level: r.level,
              kind: r.kind,
              parent_id: r.parentKatoCode ? (parentIds.get(r.parentKatoCode) ?? null) : null,
              name_kk: r.nameKk,
              name_ru: r.nameRu,
            })),
        )
        .onConflict((oc) =>
          oc.column("kato_code").doUpdateSet((eb) => ({
            name_kk: eb.ref("excluded.name_kk"),
            name_ru: eb.ref("excluded.name_ru"),
            kind: eb.ref("excluded.kind"),
          })),
        )
        .returning(["id", "kato_code"])
        .execute();
    const regions = await upsert("region", new Map());
    await upsert("district", new Map(regions.map((r) => [r.kato_code, r.id])));
  });
  return rows.length;
}
