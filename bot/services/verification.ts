// Public verification of a certificate, for anyone: by number or by the code
// printed beside the QR. It tells the status (valid, replaced, revoked: the rules
// give a certificate no validity period), the holder's name masked to initials, the programme,
// hours, organization and dates — never the IIN. Whoever also gives the holder's
// IIN sees the full record (the egov.kz pattern). Look-ups are limited per account,
// per certificate and overall (VERIFY_LIMITS); the holder can see the checks, one
// entry a checker a day.

import { type Kysely, sql } from "kysely";
import type { CertificateStatus, Database, IsoDate, VerificationOutcome } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { latinLookalikes, numberSkeleton, numberTail } from "../i18n/lookalikes.js";
import { almatyDate } from "../rules/index.js";
import { certificateNumberById, normalizeVerificationCode } from "./certificates.js";
import type { LocalizedName } from "./people.js";
import { cleanLine } from "./text.js";

/**
 * Limits of public verification. A look-up counts whether it finds a certificate
 * or not; they hold per Telegram account, per certificate and for everyone together:
 * - an account: VERIFY_LIMITS.perAccountPerHour look-ups an hour, and no more than
 *   failuresPerAccount failures (unknown number or code, wrong IIN) in failureWindowMinutes;
 * - a certificate: wrongIinPerCertificatePerDay wrong IINs a day from all accounts
 *   together, after which its IIN check pauses until the next day (so many fresh
 *   accounts cannot guess an IIN either);
 * - everyone: byNumberPerHour look-ups by number (numbers are sequential and could be
 *   walked through), and allPerHour look-ups of any kind. Look-ups by the QR code's
 *   random code (60 bits) cannot be walked and only count towards allPerHour.
 * A look-up by number alone does not show the holder's initials (see CertificateView).
 */
export const VERIFY_LIMITS = {
  perAccountPerHour: 20,
  failuresPerAccount: 5,
  failureWindowMinutes: 15,
  wrongIinPerCertificatePerDay: 3,
  byNumberPerHour: 120,
  allPerHour: 3_000,
  /** Look-up rows older than this are deleted (every window above is shorter). */
  keepDays: 2,
} as const;

export interface CertificateView {
  number: string;
  status: CertificateStatus;
  /** The holder's initials; null when looked up by number alone (numbers can be walked). */
  maskedName: string | null;
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
  | { kind: "found"; view: CertificateView; iinMismatch: boolean; iinPaused: boolean }
  | { kind: "not_found" }
  | { kind: "slowed"; minutes: number }
  | { kind: "busy"; minutes: number; byNumber: boolean };

/** "Әбілқайыр Нұрсұлтан Ғабитұлы" → "Ә. Н. Ғ." */
export function maskName(parts: Array<string | null>): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .map((p) => `${[...p][0]}.`)
    .join(" ");
}

type Db = Kysely<Database>;
const HOUR_MS = 3_600_000;

function minutesUntil(oldest: Date | undefined, windowMs: number, now: Date): number {
  const freeAt = (oldest ?? now).getTime() + windowMs;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
}

/** The oldest of the last `limit` look-ups matching `where` since `since`, if there are that many. */
async function limitReachedAt(
  db: Db,
  since: Date,
  limit: number,
  where: (q: ReturnType<typeof lookups>) => ReturnType<typeof lookups>,
): Promise<Date | null> {
  const rows = await where(lookups(db).where("at", ">", since))
    .select("at")
    .orderBy("at", "desc")
    .limit(limit)
    .execute();
  return rows.length >= limit ? (rows.at(-1)?.at ?? null) : null;
}

function lookups(db: Db) {
  return db.selectFrom("verification_lookups");
}

/** Why this account (or everyone) must wait before another look-up, or null. */
async function waitBeforeLookup(
  db: Db,
  checker: number,
  byNumber: boolean,
  now: Date,
): Promise<VerifyResult | null> {
  const failureWindow = VERIFY_LIMITS.failureWindowMinutes * 60_000;
  const failed = await limitReachedAt(
    db,
    new Date(now.getTime() - failureWindow),
    VERIFY_LIMITS.failuresPerAccount,
    (q) =>
      q.where("telegram_user_id", "=", checker).where("outcome", "in", ["not_found", "iin_wrong"]),
  );
  if (failed) return { kind: "slowed", minutes: minutesUntil(failed, failureWindow, now) };
  const hourAgo = new Date(now.getTime() - HOUR_MS);
  const mine = await limitReachedAt(db, hourAgo, VERIFY_LIMITS.perAccountPerHour, (q) =>
    q.where("telegram_user_id", "=", checker),
  );
  if (mine) return { kind: "slowed", minutes: minutesUntil(mine, HOUR_MS, now) };
  const all = await limitReachedAt(db, hourAgo, VERIFY_LIMITS.allPerHour, (q) => q);
  if (all) return { kind: "busy", minutes: minutesUntil(all, HOUR_MS, now), byNumber };
  if (byNumber) {
    const walked = await limitReachedAt(db, hourAgo, VERIFY_LIMITS.byNumberPerHour, (q) =>
      q.where("asked_by", "=", "by_number"),
    );
    if (walked) return { kind: "busy", minutes: minutesUntil(walked, HOUR_MS, now), byNumber };
  }
  return null;
}

/** Whether this certificate's IIN check is paused: too many wrong IINs today from anyone. */
async function iinCheckPaused(db: Db, certificateId: number, now: Date): Promise<boolean> {
  const dayAgo = new Date(now.getTime() - 24 * HOUR_MS);
  const wrong = await limitReachedAt(db, dayAgo, VERIFY_LIMITS.wrongIinPerCertificatePerDay, (q) =>
    q.where("certificate_id", "=", certificateId).where("outcome", "=", "iin_wrong"),
  );
  return wrong !== null;
}

async function recordLookup(
  db: Db,
  row: {
    checker: number;
    outcome: VerificationOutcome;
    byNumber: boolean;
    certificateId: number | null;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto("verification_lookups")
    .values({
      telegram_user_id: row.checker,
      outcome: row.outcome,
      asked_by: row.byNumber ? "by_number" : "by_code",
      certificate_id: row.certificateId,
      at: row.now,
    })
    .execute();
}

/** Deletes look-up rows no limit looks at any more (and the table they replaced). */
export async function pruneVerificationLookups(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - VERIFY_LIMITS.keepDays * 24 * HOUR_MS);
  const deleted = await db
    .deleteFrom("verification_lookups")
    .where("at", "<", before)
    .executeTakeFirst();
  await db.deleteFrom("verification_failures").where("at", "<", before).execute();
  return Number(deleted.numDeletedRows);
}

/** One history entry per checker, certificate and (Almaty) day; a full look-up marks it. */
async function recordCheck(
  db: Db,
  certificateId: number,
  checker: number,
  fullRecord: boolean,
  now: Date,
): Promise<void> {
  await db
    .insertInto("certificate_checks")
    .values({
      certificate_id: certificateId,
      checked_by: checker,
      full_record: fullRecord,
      checked_at: now,
      checked_on: almatyDate(now),
    })
    .onConflict((oc) =>
      oc.columns(["certificate_id", "checked_by", "checked_on"]).doUpdateSet({
        full_record: sql<boolean>`certificate_checks.full_record or excluded.full_record`,
      }),
    )
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
  // Cleaned as any typed text is: a NUL byte or a direction override never reaches SQL.
  const query = cleanLine(input.query).slice(0, 64);
  // A number is <prefix>-<year>-<sequence>; anything else is taken for a code.
  const byNumber = /-\d{4}-\d{6,}$/.test(query.toUpperCase());
  const wait = await waitBeforeLookup(db, input.checker, byNumber, input.now);
  if (wait) return wait;
  await pruneVerificationLookups(db, input.now);

  const certificate = await findByCodeOrNumber(db, query);
  const lookup = { checker: input.checker, byNumber, now: input.now };
  if (!certificate) {
    await recordLookup(db, { ...lookup, outcome: "not_found", certificateId: null });
    return { kind: "not_found" };
  }

  const iin =
    input.iin === undefined ? undefined : cleanLine(input.iin).replace(/\s/g, "").slice(0, 20);
  const iinPaused = iin !== undefined && (await iinCheckPaused(db, certificate.id, input.now));
  const fullAccess = iin !== undefined && !iinPaused && iin === certificate.holder_iin;
  const outcome: VerificationOutcome =
    iin === undefined || iinPaused ? "found" : fullAccess ? "iin_right" : "iin_wrong";
  await recordLookup(db, { ...lookup, outcome, certificateId: certificate.id });
  await recordCheck(db, certificate.id, input.checker, fullAccess, input.now);

  const status = certificate.status;
  const name = [
    certificate.holder_last_name,
    certificate.holder_first_name,
    certificate.holder_patronymic,
  ];
  return {
    kind: "found",
    iinMismatch: outcome === "iin_wrong",
    iinPaused,
    view: {
      number: certificate.number,
      status,
      maskedName: byNumber && !fullAccess ? null : maskName(name),
      program:
        certificate.program_title_kk && certificate.program_title_ru
          ? { kk: certificate.program_title_kk, ru: certificate.program_title_ru }
          : null,
      hours: certificate.academic_hours,
      provider: bothLanguages(certificate, "provider_name"),
      issuedOn: certificate.issued_on,
      replacedBy: await certificateNumberById(db, certificate.replaced_by_id),
      revokedReason: certificate.revoked_reason,
      full: fullAccess
        ? {
            name: name.filter(Boolean).join(" "),
            workplace: bothLanguages(certificate, "holder_workplace"),
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
