// Employees bound to Telegram accounts (language Russian), spread over the districts,
// who have agreed to the personal-data notice (otherwise every press would show the
// notice instead of the screen being measured), for the benchmarks. Returns their
// Telegram ids.
import type { Kysely } from "kysely";
import { NOTICE_VERSION } from "../../bot/i18n/notice-versions.js";
import { makeIin } from "../../bot/rules/index.js";
import type { Database } from "../../db/types.js";

export async function seedEmployees(
  db: Kysely<Database>,
  count: number,
  firstTelegramId: number,
): Promise<number[]> {
  const units = await db.selectFrom("units").select("id").where("level", "=", "district").execute();
  const ids: number[] = [];
  for (let i = 0; i < count; i += 5000) {
    const batch = Array.from({ length: Math.min(5000, count - i) }, (_, k) => {
      const n = i + k;
      const iin =
        makeIin(`1980-0${1 + (n % 9)}-1${n % 9}`, n % 2 ? "male" : "female", n % 10_000) ??
        "900101300000";
      return {
        iin: `${iin.slice(0, 6)}${String(n).padStart(6, "0")}`,
        last_name: "Бенчмарк",
        first_name: "Сотрудник",
        unit_id: units[n % units.length]?.id ?? 1,
        position: "маман",
        telegram_user_id: firstTelegramId + n,
      };
    });
    await db
      .insertInto("telegram_users")
      .values(
        batch.map((e) => ({
          telegram_id: e.telegram_user_id,
          first_name: "Е",
          language: "ru" as const,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
    const employees = await db
      .insertInto("employees")
      .values(batch)
      .onConflict((oc) => oc.doNothing())
      .returning(["id", "telegram_user_id"])
      .execute();
    if (employees.length > 0)
      await db
        .insertInto("consents")
        .values(
          employees.map((e) => ({
            telegram_user_id: e.telegram_user_id ?? 0,
            subject: "employee" as const,
            employee_id: e.id,
            version: NOTICE_VERSION.employee,
            decision: "agreed" as const,
            language: "ru" as const,
            decided_at: new Date(),
          })),
        )
        .execute();
    ids.push(...batch.map((e) => e.telegram_user_id));
  }
  return ids;
}
