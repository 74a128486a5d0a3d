// A person's own copy (Law No. 94-V, art. 24: the subject may learn what is held
// about them): everything the bot keeps about one employee — the record,
// certificates and attendance statements, lists, enrolments with test results and
// transfer requests, consents, correction requests, and who viewed their data and
// when. Every query is by this employee's id only.

import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { MyData } from "../documents/my-data-pdf.js";
import { bothLanguages } from "../i18n/in-language.js";
import { accessLog } from "./access-log.js";
import { consentHistory } from "./consent.js";
import { cohortNameColumns, cohortNames, enrolmentsWithCohort } from "./joins.js";

export async function myData(db: Kysely<Database>, employeeId: number): Promise<MyData | null> {
  const record = await db
    .selectFrom("employees as e")
    .innerJoin("units as u", "u.id", "e.unit_id")
    .selectAll("e")
    .select(["u.name_kk", "u.name_ru"])
    .where("e.id", "=", employeeId)
    .executeTakeFirst();
  if (!record) return null;
  const [certificates, statements, lists, enrolments, consents, corrections, views] =
    await Promise.all([
      db
        .selectFrom("certificates")
        .select([
          "number",
          "issued_on",
          "provider_name_kk",
          "provider_name_ru",
          "academic_hours",
          "status",
        ])
        .where("employee_id", "=", employeeId)
        .orderBy("issued_on")
        .execute(),
      db
        .selectFrom("attendance_statements")
        .select([
          "issued_on",
          "provider_name_kk",
          "provider_name_ru",
          "program_title_kk",
          "program_title_ru",
        ])
        .where("employee_id", "=", employeeId)
        .orderBy("issued_on")
        .execute(),
      db
        .selectFrom("list_entries as le")
        .innerJoin("lists as l", "l.id", "le.list_id")
        .innerJoin("units as u", "u.id", "l.unit_id")
        .select(["l.year", "l.kind", "u.name_kk", "u.name_ru", "le.reason", "le.removed_at"])
        .where("le.employee_id", "=", employeeId)
        .orderBy("l.year")
        .orderBy("l.kind")
        .execute(),
      enrolmentsOf(db, employeeId),
      consentHistory(db, employeeId),
      db
        .selectFrom("correction_requests")
        .select(["id", "text", "status", "created_at"])
        .where("employee_id", "=", employeeId)
        .orderBy("created_at")
        .execute(),
      accessLog(db, { kind: "employee", employeeId }, { offset: 0, limit: 1000 }),
    ]);
  return {
    record: {
      iin: record.iin,
      lastName: record.last_name,
      firstName: record.first_name,
      patronymic: record.patronymic,
      unit: bothLanguages(record, "name"),
      position: record.position,
      phone: record.phone,
      telegramId: record.telegram_user_id,
      active: record.active,
      previousCertificateOn: record.previous_certificate_issued_on,
      createdAt: record.created_at,
    },
    certificates: certificates.map((c) => ({
      number: c.number,
      issuedOn: c.issued_on,
      provider: bothLanguages(c, "provider_name"),
      hours: c.academic_hours,
      status: c.status,
    })),
    statements: statements.map((s) => ({
      issuedOn: s.issued_on,
      provider: bothLanguages(s, "provider_name"),
      program: bothLanguages(s, "program_title"),
    })),
    lists: lists.map((l) => ({
      year: l.year,
      kind: l.kind,
      unit: bothLanguages(l, "name"),
      reason: l.reason,
      removed: l.removed_at !== null,
    })),
    enrolments,
    consents,
    corrections: corrections.map((c) => ({
      id: c.id,
      text: c.text,
      status: c.status,
      at: c.created_at,
    })),
    views: views.items
      .filter((v) => v.action !== "my_data.download" && v.action !== "document.download")
      .map((v) => ({ at: v.at, action: v.action, actorName: v.actorName, actorId: v.actorId })),
  };
}

/**
 * An employee's trainings, oldest first: each cohort with its order, status,
 * agreement, tests and transfer requests (also the card's history in the tables).
 */
export async function enrolmentsOf(db: Kysely<Database>, employeeId: number) {
  const rows = await enrolmentsWithCohort(db)
    .innerJoin("providers as p", "p.id", "c.provider_id")
    .select(cohortNameColumns)
    .select([
      "en.id",
      "en.order_number",
      "en.order_date",
      "en.status",
      "en.agreement_confirmed_at",
      "c.starts_on",
      "c.ends_on",
    ])
    .where("en.employee_id", "=", employeeId)
    .orderBy("c.starts_on")
    .execute();
  const ids = rows.map((r) => r.id);
  const [tests, transfers] = ids.length
    ? await Promise.all([
        db
          .selectFrom("test_attempts")
          .select(["enrolment_id", "taken_on", "kind", "passed"])
          .where("enrolment_id", "in", ids)
          .orderBy("taken_on")
          .execute(),
        db
          .selectFrom("transfer_requests")
          .select(["enrolment_id", "reason", "status", "created_at"])
          .where("enrolment_id", "in", ids)
          .orderBy("created_at")
          .execute(),
      ])
    : [[], []];
  return rows.map((r) => ({
    ...cohortNames(r),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    order: r.order_number,
    orderDate: r.order_date,
    status: r.status,
    agreementAt: r.agreement_confirmed_at,
    tests: tests
      .filter((t) => t.enrolment_id === r.id)
      .map((t) => ({ on: t.taken_on, kind: t.kind, passed: t.passed })),
    transfers: transfers
      .filter((t) => t.enrolment_id === r.id)
      .map((t) => ({ reason: t.reason, status: t.status, at: t.created_at })),
  }));
}
