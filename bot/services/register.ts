// The register of certificates of one organization (item 14, Appendix 2): a query
// over the certificates it issued, replaced and revoked ones included.

import type { Kysely } from "kysely";
import type { Database, IsoDate, Language } from "../../db/types.js";
import type { RegisterDocument } from "../documents/index.js";
import { inLanguage } from "../i18n/in-language.js";

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
