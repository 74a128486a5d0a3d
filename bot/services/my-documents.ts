// An employee's own documents: certificates (item 12) and attendance statements
// (item 13), newest first, and the frozen data each PDF is printed from.

import type { Kysely } from "kysely";
import type { CertificateStatus, Database, IsoDate, Language } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";

export interface DocumentEntry {
  kind: "certificate" | "statement";
  id: number;
  number: string | null;
  issuedOn: IsoDate;
  provider: { kk: string; ru: string };
  status: CertificateStatus | null;
}

export async function documentsOfEmployee(
  db: Kysely<Database>,
  employeeId: number,
): Promise<DocumentEntry[]> {
  const [certificates, statements] = await Promise.all([
    db
      .selectFrom("certificates")
      .select(["id", "number", "issued_on", "provider_name_kk", "provider_name_ru", "status"])
      .where("employee_id", "=", employeeId)
      .execute(),
    db
      .selectFrom("attendance_statements")
      .select(["id", "issued_on", "provider_name_kk", "provider_name_ru"])
      .where("employee_id", "=", employeeId)
      .execute(),
  ]);
  const entries: DocumentEntry[] = [
    ...certificates.map((c) => ({
      kind: "certificate" as const,
      id: c.id,
      number: c.number,
      issuedOn: c.issued_on,
      provider: bothLanguages(c, "provider_name"),
      status: c.status,
    })),
    ...statements.map((s) => ({
      kind: "statement" as const,
      id: s.id,
      number: null,
      issuedOn: s.issued_on,
      provider: bothLanguages(s, "provider_name"),
      status: null,
    })),
  ];
  return entries.sort((a, b) => b.issuedOn.localeCompare(a.issuedOn) || b.id - a.id);
}

/** A certificate of this employee only; undefined for anyone else's id. */
export async function ownCertificate(
  db: Kysely<Database>,
  employeeId: number,
  certificateId: number,
) {
  return db
    .selectFrom("certificates as c")
    .leftJoin("providers as p", "p.id", "c.provider_id")
    .selectAll("c")
    .select(["p.logo"])
    .where("c.id", "=", certificateId)
    .where("c.employee_id", "=", employeeId)
    .executeTakeFirst();
}

export async function ownStatement(db: Kysely<Database>, employeeId: number, statementId: number) {
  return db
    .selectFrom("attendance_statements as s")
    .leftJoin("providers as p", "p.id", "s.provider_id")
    .innerJoin("employees as e", "e.id", "s.employee_id")
    .selectAll("s")
    .select(["p.logo", "e.iin as holder_iin"])
    .where("s.id", "=", statementId)
    .where("s.employee_id", "=", employeeId)
    .executeTakeFirst();
}

/** Remembers the Telegram file id of a sent PDF, so the next send reuses it. */
export async function rememberPdfFileId(
  db: Kysely<Database>,
  kind: "certificate" | "statement",
  id: number,
  language: Language,
  fileId: string,
): Promise<void> {
  const column = `pdf_file_id_${language}` as const;
  const table = kind === "certificate" ? "certificates" : "attendance_statements";
  await db
    .updateTable(table)
    .set({ [column]: fileId })
    .where("id", "=", id)
    .execute();
}
