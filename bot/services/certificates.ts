// Certificates (item 12, Appendix 1) and their register (item 14). A certificate
// freezes what it prints at issue (names, hours, the organization and its head),
// so later edits of a person or a provider never change an issued document. A
// reissue gets a new number and marks the old one replaced; a revocation keeps the
// row with its reason. Both stay in the register and the audit log.

import { randomInt } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Certificate, Database, IsoDate } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { notify } from "../outbox/notices.js";
import { routes } from "../routes/index.js";
import { audit } from "./audit.js";
import { notifyRegionOf } from "./coordinators.js";

type Db = Kysely<Database> | Transaction<Database>;

// Crockford's base32: no I, L, O, U, so a code read aloud or typed is unambiguous.
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 12; // 60 random bits: guessing is hopeless, and look-ups are rate-limited.

export function newVerificationCode(): string {
  return Array.from(
    { length: CODE_LENGTH },
    () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)],
  ).join("");
}

/** "K7QF3MZXP2AH" → "K7QF-3MZX-P2AH", as printed. */
export function formatVerificationCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

/** What a person typed, read the forgiving way Crockford intends (o → 0, i/l → 1). */
export function normalizeVerificationCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
}

/**
 * The next number of a provider's certificates for a year: "<prefix>-<year>-<000001>".
 * The counter row is updated in the caller's transaction, so concurrent issuers
 * queue on it and a rolled-back issue gives its number back: unique, no gaps.
 */
export async function nextCertificateNumber(
  trx: Transaction<Database>,
  providerId: number,
  year: number,
) {
  const provider = await trx
    .selectFrom("providers")
    .select("certificate_prefix")
    .where("id", "=", providerId)
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto("certificate_sequences")
    .values({ provider_id: providerId, year, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(["provider_id", "year"])
        .doUpdateSet((eb) => ({ last_value: eb("certificate_sequences.last_value", "+", 1) })),
    )
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return `${provider.certificate_prefix}-${year}-${String(row.last_value).padStart(6, "0")}`;
}

export interface IssueInput {
  employeeId: number;
  providerId: number;
  cohortId: number | null;
  enrolmentId: number | null;
  academicHours: number;
  issuedOn: IsoDate;
  programTitle: { kk: string; ru: string } | null;
  actor: number;
  now: Date;
  /** A corrected name for a reissue; otherwise the employee record's. */
  holderName?: { lastName: string; firstName: string; patronymic: string | null };
}

/** The provider as a certificate or a statement names it: both names and its head. */
export async function issuingProvider(trx: Transaction<Database>, providerId: number) {
  return trx
    .selectFrom("providers")
    .select(["name_kk", "name_ru", "head_name"])
    .where("id", "=", providerId)
    .executeTakeFirstOrThrow();
}

export async function issueCertificate(
  trx: Transaction<Database>,
  input: IssueInput,
): Promise<Certificate> {
  const holder = await trx
    .selectFrom("employees as e")
    .innerJoin("units as u", "u.id", "e.unit_id")
    .select([
      "e.last_name",
      "e.first_name",
      "e.patronymic",
      "e.iin",
      "e.position",
      "u.name_kk",
      "u.name_ru",
    ])
    .where("e.id", "=", input.employeeId)
    .executeTakeFirstOrThrow();
  const provider = await issuingProvider(trx, input.providerId);
  const number = await nextCertificateNumber(
    trx,
    input.providerId,
    Number(input.issuedOn.slice(0, 4)),
  );
  const name = input.holderName ?? {
    lastName: holder.last_name,
    firstName: holder.first_name,
    patronymic: holder.patronymic,
  };
  const certificate = await trx
    .insertInto("certificates")
    .values({
      number,
      verification_code: newVerificationCode(),
      employee_id: input.employeeId,
      provider_id: input.providerId,
      cohort_id: input.cohortId,
      enrolment_id: input.enrolmentId,
      academic_hours: input.academicHours,
      issued_on: input.issuedOn,
      holder_last_name: name.lastName,
      holder_first_name: name.firstName,
      holder_patronymic: name.patronymic,
      holder_iin: holder.iin,
      holder_workplace_kk: holder.name_kk,
      holder_workplace_ru: holder.name_ru,
      holder_position: holder.position,
      provider_name_kk: provider.name_kk,
      provider_name_ru: provider.name_ru,
      provider_head_name: provider.head_name,
      program_title_kk: input.programTitle?.kk ?? null,
      program_title_ru: input.programTitle?.ru ?? null,
      issued_by: input.actor,
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, {
    actor: input.actor,
    action: "certificate.issue",
    entity: "certificate",
    entityId: certificate.id,
    after: {
      number,
      employeeId: input.employeeId,
      issuedOn: input.issuedOn,
      hours: input.academicHours,
    },
    at: input.now,
  });
  return certificate;
}

/**
 * Whether a training still gives its employee a certificate that counts (items 12,
 * 13, 14): a valid certificate of the enrolment, or a pass recorded without any
 * certificate in the bot. A revoked certificate counts for nothing, so a person whose
 * only certificate of the training was revoked is "without a certificate" (item 13).
 */
export async function holdsCertificateOf(
  db: Db,
  enrolmentId: number,
  enrolmentStatus: string,
): Promise<boolean> {
  const statuses = (
    await db
      .selectFrom("certificates")
      .select("status")
      .where("enrolment_id", "=", enrolmentId)
      .execute()
  ).map((c) => c.status);
  if (statuses.includes("valid")) return true;
  return enrolmentStatus === "passed" && !statuses.includes("revoked");
}

/** A valid certificate of this provider, locked for a change. */
async function lockOwnValidCertificate(
  trx: Transaction<Database>,
  certificateId: number,
  providerId: number,
) {
  return trx
    .selectFrom("certificates")
    .selectAll()
    .where("id", "=", certificateId)
    .where("provider_id", "=", providerId)
    .where("status", "=", "valid")
    .forUpdate()
    .executeTakeFirst();
}

export async function reissueCertificate(
  db: Kysely<Database>,
  input: {
    certificateId: number;
    providerId: number;
    holderName: { lastName: string; firstName: string; patronymic: string | null };
    actor: number;
    now: Date;
  },
): Promise<{ old: Certificate; replacement: Certificate } | undefined> {
  return db.transaction().execute(async (trx) => {
    const old = await lockOwnValidCertificate(trx, input.certificateId, input.providerId);
    if (!old) return undefined;
    const replacement = await issueCertificate(trx, {
      employeeId: old.employee_id,
      providerId: old.provider_id,
      cohortId: old.cohort_id,
      enrolmentId: old.enrolment_id,
      academicHours: old.academic_hours,
      // The training was completed when the first certificate said; the reissue keeps that date.
      issuedOn: old.issued_on,
      programTitle:
        old.program_title_kk && old.program_title_ru
          ? { kk: old.program_title_kk, ru: old.program_title_ru }
          : null,
      actor: input.actor,
      now: input.now,
      holderName: input.holderName,
    });
    await trx
      .updateTable("certificates")
      .set({
        status: "replaced",
        replaced_by_id: replacement.id,
        pdf_file_id_kk: null,
        pdf_file_id_ru: null,
      })
      .where("id", "=", old.id)
      .execute();
    await audit(trx, {
      actor: input.actor,
      action: "certificate.reissue",
      entity: "certificate",
      entityId: old.id,
      before: {
        number: old.number,
        status: "valid",
        name: [old.holder_last_name, old.holder_first_name, old.holder_patronymic],
      },
      after: {
        status: "replaced",
        replacedBy: replacement.number,
        name: Object.values(input.holderName),
      },
      at: input.now,
    });
    return { old, replacement };
  });
}

export async function revokeCertificate(
  db: Kysely<Database>,
  input: { certificateId: number; providerId: number; reason: string; actor: number; now: Date },
): Promise<Certificate | undefined> {
  return db.transaction().execute(async (trx) => {
    const certificate = await lockOwnValidCertificate(trx, input.certificateId, input.providerId);
    if (!certificate) return undefined;
    // The cached PDFs showed it as valid; the next download renders the revoked mark.
    const revoked = await trx
      .updateTable("certificates")
      .set({
        status: "revoked",
        revoked_reason: input.reason,
        revoked_at: input.now,
        pdf_file_id_kk: null,
        pdf_file_id_ru: null,
      })
      .where("id", "=", certificate.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: input.actor,
      action: "certificate.revoke",
      entity: "certificate",
      entityId: certificate.id,
      before: { status: "valid" },
      after: { status: "revoked", reason: input.reason },
      at: input.now,
    });
    await tellRevoked(trx, revoked, input.now);
    return revoked;
  });
}

/**
 * Items 6, 9, 13: a revoked certificate counts for nothing, so its holder is due
 * again. The holder and the regional coordinators of their region hear it in the
 * transaction that revoked it, with the reason and what follows (a new order).
 */
async function tellRevoked(trx: Transaction<Database>, certificate: Certificate, now: Date) {
  const holder = await trx
    .selectFrom("employees")
    .select(["telegram_user_id", "unit_id"])
    .where("id", "=", certificate.employee_id)
    .executeTakeFirstOrThrow();
  const provider = bothLanguages(certificate, "provider_name");
  const params = (language: "kk" | "ru") => ({
    number: certificate.number,
    provider: provider[language],
    reason: certificate.revoked_reason ?? "",
    name: [
      certificate.holder_last_name,
      certificate.holder_first_name,
      certificate.holder_patronymic,
    ]
      .filter(Boolean)
      .join(" "),
  });
  if (holder.telegram_user_id !== null) {
    await notify(
      trx,
      holder.telegram_user_id,
      {
        key: "certificates.notify_holder",
        audience: "employee",
        params,
        buttons: [
          {
            labelKey: "employee.menu.status",
            data: routes.employeeStatus.pack({ grant: { role: "employee" } }),
          },
        ],
      },
      now,
    );
  }
  await notifyRegionOf(
    trx,
    holder.unit_id,
    (regionId) => ({
      key: "certificates.notify_region",
      params,
      buttons: [
        {
          labelKey: "menu.enrol",
          data: routes.enrol.pack({ grant: { role: "regional_coordinator", unitId: regionId } }),
        },
      ],
    }),
    now,
  );
}

/** A provider's certificate by its number, for the provider's own coordinators. */
export async function providerCertificateByNumber(db: Db, providerId: number, number: string) {
  return db
    .selectFrom("certificates")
    .selectAll()
    .where("provider_id", "=", providerId)
    .where("number", "=", number.trim().toUpperCase())
    .executeTakeFirst();
}

export async function certificateNumberById(db: Db, id: number | null): Promise<string | null> {
  if (id === null) return null;
  const row = await db
    .selectFrom("certificates")
    .select("number")
    .where("id", "=", id)
    .executeTakeFirst();
  return row?.number ?? null;
}

/** A provider's certificate by its id, for the provider's own coordinators; undefined otherwise. */
export async function providerCertificateById(db: Db, providerId: number, id: number) {
  return db
    .selectFrom("certificates")
    .selectAll()
    .where("provider_id", "=", providerId)
    .where("id", "=", id)
    .executeTakeFirst();
}
