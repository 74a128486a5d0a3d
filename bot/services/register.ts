// The register of certificates of one organization (item 14, Appendix 2): a query
// over the certificates it issued, replaced and revoked ones included.

import type { Kysely } from "kysely";
import type { Database, IsoDate, Language } from "../../db/types.js";
import type { RegisterDocument } from "../documents/index.js";
import { inLanguage } from "../i18n/in-language.js";

/** The register's period in the chat and the tables: a calendar year, or all time (0). */
export function registerPeriod(year: number): { from: IsoDate; to: IsoDate } {
  return year
    ? { from: `${year}-01-01`, to: `${year}-12-31` }
    : { from: "2000-01-01", to: "2999-12-31" };
}

/** How a download of the register is named in the access log: "register:3:2026", "register:3:all". */
export function registerSubject(providerId: number, year: number): string {
  return `register:${providerId}:${year || "all"}`;
}

export async function registerOf(
  db: Kysely<Database>,
  providerId: number,
  period: { from: IsoDate; to: IsoDate },
  language: Language,
): Promise<RegisterDocument> {
  const provider = await db
    .selectFrom("providers")
    .select(["name_kk", "name_ru"])
    .where("id", "=", providerId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("certificates as c")
    .leftJoin("certificates as r", "r.id", "c.replaced_by_id")
    .select([
      "c.employee_id",
      "c.holder_last_name",
      "c.holder_first_name",
      "c.holder_patronymic",
      "c.holder_iin",
      "c.holder_workplace_kk",
      "c.holder_workplace_ru",
      "c.holder_position",
      "c.number",
      "c.issued_on",
      "c.status",
      "r.number as replaced_by_number",
    ])
    .where("c.provider_id", "=", providerId)
    .where("c.issued_on", ">=", period.from)
    .where("c.issued_on", "<=", period.to)
    .orderBy("c.issued_on")
    .orderBy("c.id")
    .execute();
  return {
    providerName: inLanguage(provider, "name", language),
    period,
    rows: rows.map((r) => ({
      employeeId: r.employee_id,
      holderName: [r.holder_last_name, r.holder_first_name, r.holder_patronymic]
        .filter(Boolean)
        .join(" "),
      iin: r.holder_iin,
      workplace: inLanguage(r, "holder_workplace", language),
      position: r.holder_position,
      number: r.number,
      issuedOn: r.issued_on,
      status: r.status,
      replacedByNumber: r.replaced_by_number,
    })),
  };
}
