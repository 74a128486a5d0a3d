// One district with many employees for the tables' benchmark (scripts/bench-tables.ts):
// a mix of certificates, accounts, answers to the notice and trainings, inserted in
// batches of 1,000, and the district coordinator who reads them.
import type { Kysely } from "kysely";
import { NOTICE_VERSION } from "../../bot/i18n/notice-versions.js";
import { addDays, makeIin } from "../../bot/rules/index.js";
import type { Database } from "../../db/types.js";

/**
 * One district's employees: a tenth never trained, the rest with a certificate from
 * before the bot, one issued in the bot (a twentieth of those revoked), or both, over
 * 2021–2026; a third in the bot, answering the notice one way or the other; some in
 * training, half of them with the agreement signed.
 */
export async function seedDistrict(
  db: Kysely<Database>,
  n: number,
  coordinator: { id: number; first_name: string },
  now: Date,
): Promise<number> {
  const unit = await db
    .selectFrom("units")
    .select("id")
    .where("kato_code", "=", "103200000")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("telegram_users")
    .values({ telegram_id: coordinator.id, first_name: coordinator.first_name, language: "ru" })
    .execute();
  await db
    .insertInto("memberships")
    .values({ telegram_user_id: coordinator.id, role: "district_coordinator", unit_id: unit.id })
    .execute();
  const provider = await db
    .insertInto("providers")
    .values({
      name_kk: "Орталық",
      name_ru: "Центр",
      head_name: "Мұқанова Г. С.",
      certificate_prefix: "БНЧ",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const cohort = await db
    .insertInto("cohorts")
    .values({
      provider_id: provider.id,
      program_title_kk: "Бағдарлама",
      program_title_ru: "Программа",
      starts_on: "2026-12-01",
      ends_on: "2026-12-10",
      academic_hours: 72,
      capacity: n,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const surnames = ["Ахметова", "Бекова", "Валиева", "Габдуллина", "Данияров", "Ержанова"];
  const dateOf = (k: number) => addDays("2021-01-01", (k * 7919) % (6 * 365));
  for (let start = 0; start < n; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, n - start) }, (_, j) => start + j);
    const telegramIds = batch.filter((k) => k % 3 === 0).map((k) => 6_000_000 + k);
    await db
      .insertInto("telegram_users")
      .values(
        telegramIds.map((id) => ({ telegram_id: id, first_name: "Е", language: "ru" as const })),
      )
      .execute();
    const employees = await db
      .insertInto("employees")
      .values(
        batch.map((k) => {
          const iin = makeIin("1985-03-14", k % 2 ? "male" : "female", 1) ?? "850314400001";
          return {
            iin: `${iin.slice(0, 6)}${String(k).padStart(6, "0")}`,
            last_name: `${surnames[k % surnames.length]}${k % 97 ? "" : "-Бек"}`,
            first_name: "Сотрудник",
            unit_id: unit.id,
            position: "маман",
            telegram_user_id: k % 3 === 0 ? 6_000_000 + k : null,
            previous_certificate_issued_on: k % 10 !== 0 && k % 4 !== 1 ? dateOf(k) : null,
          };
        }),
      )
      .returning(["id", "iin", "telegram_user_id"])
      .execute();
    const certified = employees.filter((_, j) => {
      const k = start + j;
      return k % 10 !== 0 && k % 4 !== 0;
    });
    if (certified.length)
      await db
        .insertInto("certificates")
        .values(
          certified.map((e, j) => ({
            number: `БНЧ-${e.id}`,
            verification_code: `B${e.id}`,
            employee_id: e.id,
            provider_id: provider.id,
            academic_hours: 72,
            issued_on: dateOf(e.id * 3 + j),
            status: e.id % 20 === 0 ? ("revoked" as const) : ("valid" as const),
            revoked_at: e.id % 20 === 0 ? now : null,
            holder_last_name: "Б",
            holder_first_name: "С",
            holder_iin: e.iin,
            holder_workplace_kk: "Аудан",
            holder_workplace_ru: "Район",
            holder_position: "маман",
            provider_name_kk: "Орталық",
            provider_name_ru: "Центр",
            provider_head_name: "Мұқанова Г. С.",
          })),
        )
        .execute();
    const joined = employees.filter((e) => e.telegram_user_id !== null);
    if (joined.length)
      await db
        .insertInto("consents")
        .values(
          joined.map((e) => ({
            telegram_user_id: e.telegram_user_id ?? 0,
            subject: "employee" as const,
            employee_id: e.id,
            version: NOTICE_VERSION.employee,
            decision: e.id % 5 === 0 ? ("declined" as const) : ("agreed" as const),
            language: "ru" as const,
            decided_at: now,
          })),
        )
        .execute();
    const training = employees.filter((e) => e.id % 7 === 0);
    if (training.length)
      await db
        .insertInto("enrolments")
        .values(
          training.map((e) => ({
            employee_id: e.id,
            cohort_id: cohort.id,
            order_number: "47-ө",
            order_date: "2026-11-01",
            status: "enrolled" as const,
            agreement_confirmed_at: e.id % 2 ? now : null,
          })),
        )
        .execute();
  }
  return unit.id;
}
