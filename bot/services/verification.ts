// Public verification of a certificate, for anyone: by number or by the code
// printed beside the QR. It tells the status (valid, replaced, revoked: the rules
// give a certificate no validity period, only the holder's next due date), the
// holder's name masked to initials, the programme,
// hours, organization and dates — never the IIN. Whoever also gives the holder's
// IIN sees the full record (the egov.kz pattern). Failed look-ups are counted per
// person and slow down repeated guessing. The holder can see the checks.
import type { Kysely } from "kysely";
import type { CertificateStatus, Database, IsoDate } from "../../db/types.js";
import { latinLookalikes, numberSkeleton, numberTail } from "../i18n/lookalikes.js";
import { certificateNumberById, normalizeVerificationCode } from "./certificates.js";
import type { LocalizedName } from "./people.js";

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MINUTES = 15;

export interface CertificateView {
  number: string;
  status: CertificateStatus;
  maskedName: string;
  program: LocalizedName | null;
  hours: number;
  provider: LocalizedName;
  issuedOn: IsoDate;
  replacedBy: string | null;
  revokedReason: string | null;
  /** Only for someone who gave the holder's IIN. */
  full: { name: string; workplace: LocalizedName; position: string } | null;
}

export type VerifyResult =
  | { kind: "found"; view: CertificateView; iinMismatch: boolean }
  | { kind: "not_found" }
  | { kind: "slowed"; minutes: number };

/** "Әбілқайыр Нұрсұлтан Ғабитұлы" → "Ә. Н. Ғ." */
export function maskName(parts: Array<string | null>): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .map((p) => `${[...p][0]}.`)
    .join(" ");
}

async function recentFailures(
  db: Kysely<Database>,
  telegramId: number,
  now: Date,
): Promise<Date[]> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MINUTES * 60_000);
  const rows = await db
    .selectFrom("verification_failures")
    .select("at")
    .where("telegram_user_id", "=", telegramId)
    .where("at", ">", since)
    .orderBy("at")
    .execute();
  return rows.map((r) => r.at);
}

async function recordFailure(db: Kysely<Database>, telegramId: number, now: Date) {
  await db
    .insertInto("verification_failures")
    .values({ telegram_user_id: telegramId, at: now })
    .execute();
}

/**
 * By the code beside the QR, or by the number as printed, or as typed on a keyboard
 * without Ұ, Қ… (Latin or Russian look-alike letters): the year and serial must match
 * exactly, the prefix up to look-alikes. Two prefixes that fold alike find nothing.
 */
async function findByCodeOrNumber(db: Kysely<Database>, query: string) {
  const tail = numberTail(query);
  const candidates = await db
    .selectFrom("certificates")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb("verification_code", "=", normalizeVerificationCode(latinLookalikes(query))),
        eb("number", "=", query.toUpperCase()),
        ...(tail ? [eb("number", "like", `%${tail}`)] : []),
      ]),
    )
    .limit(50)
    .execute();
  const exact = candidates.find(
    (c) =>
      c.number === query.toUpperCase() ||
      c.verification_code === normalizeVerificationCode(latinLookalikes(query)),
  );
  if (exact) return exact;
  const folded = candidates.filter((c) => numberSkeleton(c.number) === numberSkeleton(query));
  return folded.length === 1 ? folded[0] : undefined;
}

export async function verifyCertificate(
  db: Kysely<Database>,
  input: { query: string; iin?: string; checker: number; now: Date },
): Promise<VerifyResult> {
  const failures = await recentFailures(db, input.checker, input.now);
  if (failures.length >= MAX_FAILURES) {
    const oldest = failures[0] ?? input.now;
    const freeAt = oldest.getTime() + FAILURE_WINDOW_MINUTES * 60_000;
    return {
      kind: "slowed",
      minutes: Math.max(1, Math.ceil((freeAt - input.now.getTime()) / 60_000)),
    };
  }

  const certificate = await findByCodeOrNumber(db, input.query.trim());
  if (!certificate) {
    await recordFailure(db, input.checker, input.now);
    return { kind: "not_found" };
  }

  const iin = input.iin?.replace(/\s/g, "");
  const fullAccess = iin !== undefined && iin === certificate.holder_iin;
  // A wrong IIN counts as a failure too, so the IIN cannot be guessed either.
  if (iin !== undefined && !fullAccess) await recordFailure(db, input.checker, input.now);
  await db
    .insertInto("certificate_checks")
    .values({
      certificate_id: certificate.id,
      checked_by: input.checker,
      full_record: fullAccess,
      checked_at: input.now,
    })
    .execute();

  const status = certificate.status;
  const name = [
    certificate.holder_last_name,
    certificate.holder_first_name,
    certificate.holder_patronymic,
  ];
  return {
    kind: "found",
    iinMismatch: iin !== undefined && !fullAccess,
    view: {
      number: certificate.number,
      status,
      maskedName: maskName(name),
      program:
        certificate.program_title_kk && certificate.program_title_ru
          ? { kk: certificate.program_title_kk, ru: certificate.program_title_ru }
          : null,
      hours: certificate.academic_hours,
      provider: { kk: certificate.provider_name_kk, ru: certificate.provider_name_ru },
      issuedOn: certificate.issued_on,
      replacedBy: await certificateNumberById(db, certificate.replaced_by_id),
      revokedReason: certificate.revoked_reason,
      full: fullAccess
        ? {
            name: name.filter(Boolean).join(" "),
            workplace: { kk: certificate.holder_workplace_kk, ru: certificate.holder_workplace_ru },
            position: certificate.holder_position,
          }
        : null,
    },
  };
}

/** Checks of the holder's own certificate: how many, and the latest dates. */
export async function checksOfOwnCertificate(
  db: Kysely<Database>,
  employeeId: number,
  certificateId: number,
) {
  const rows = await db
    .selectFrom("certificate_checks as k")
    .innerJoin("certificates as c", "c.id", "k.certificate_id")
    .select(["k.checked_at", "k.full_record"])
    .where("c.id", "=", certificateId)
    .where("c.employee_id", "=", employeeId)
    .orderBy("k.checked_at", "desc")
    .execute();
  return {
    count: rows.length,
    recent: rows.slice(0, 10).map((r) => ({ at: r.checked_at, full: r.full_record })),
  };
}
