// Whether a database is already migrated and seeded, confirmed in one query, so a
// start on a ready database skips the migrator (its lock table, its lock, its reads)
// and the seed's upserts of the unit tree. When anything differs — a migration not
// applied, one the code does not know, a unit missing or renamed in the KATO file —
// the answer is "no" and the caller runs both as before.
import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { migrations } from "./migrations/index.js";
import { readKatoRows } from "./seed/units.js";
import type { Database } from "./types.js";

// What the seed writes of a unit, one line per unit in KATO order; the query builds
// the same text from the table, so equal digests mean the seed would change nothing.
function unitLine(u: { kato: string; level: string; kk: string; ru: string; kind: string }) {
  return [u.kato, u.level, u.kk, u.ru, u.kind].join("|");
}

export async function isUpToDate(db: Kysely<Database>): Promise<boolean> {
  const names = Object.keys(migrations);
  const units = readKatoRows().sort((a, b) => (a.katoCode < b.katoCode ? -1 : 1));
  const expected = createHash("md5")
    .update(
      units
        .map((r) =>
          unitLine({ kato: r.katoCode, level: r.level, kk: r.nameKk, ru: r.nameRu, kind: r.kind }),
        )
        .join("\n"),
    )
    .digest("hex");
  try {
    const { rows } = await sql<{ known: number; total: number; units: string | null }>`
      select
        (select count(*)::int from kysely_migration where name in (${sql.join(names)})) as known,
        (select count(*)::int from kysely_migration) as total,
        (select md5(string_agg(concat_ws('|', kato_code, level, name_kk, name_ru, kind), E'\\n'
                               order by kato_code))
           from units where kato_code in (${sql.join(units.map((u) => u.katoCode))})) as units`.execute(
      db,
    );
    const row = rows[0];
    return row?.known === names.length && row.total === names.length && row.units === expected;
  } catch (error) {
    // A new database has no migration table yet (undefined_table).
    if ((error as { code?: string }).code === "42P01") return false;
    throw error;
  }
}
