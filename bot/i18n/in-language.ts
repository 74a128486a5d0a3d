// Rows keep a name in both languages side by side (`name_kk`, `name_ru`); this picks the
// reader's one.

import type { Language } from "../../db/types.js";

/** `inLanguage(row, "name", "kk")` is `row.name_kk`; the column pair is checked by the compiler. */
export function inLanguage<P extends string, R extends Record<`${P}_${Language}`, unknown>>(
  row: R,
  prefix: P,
  language: Language,
): R[`${P}_kk`] | R[`${P}_ru`] {
  return language === "kk" ? row[`${prefix}_kk`] : row[`${prefix}_ru`];
}

/** `bothLanguages(row, "name")` is `bothLanguages(row, "name")`, as the screens and documents take a name. */
export function bothLanguages<P extends string, R extends Record<`${P}_${Language}`, unknown>>(
  row: R,
  prefix: P,
): { kk: R[`${P}_kk`]; ru: R[`${P}_ru`] } {
  return { kk: row[`${prefix}_kk`], ru: row[`${prefix}_ru`] };
}
