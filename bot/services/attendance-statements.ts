// Item 13: those who did not pass the final test get a free-form statement that they
// attended the programme. It freezes what it prints, like a certificate.
import type { Transaction } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import { issuingProvider } from "./certificates.js";

/** The enrolment a statement is issued for, with its cohort's terms as printed. */
export interface StatementEnrolment {
  id: number;
  employee_id: number;
  cohort_id: number;
  program_title_kk: string;
  program_title_ru: string;
  starts_on: IsoDate;
  ends_on: IsoDate;
  academic_hours: number;
}

/** Item 13: a free-form statement that the person attended the programme. Issued once per enrolment. */
export async function issueAttendanceStatement(
  trx: Transaction<Database>,
  e: StatementEnrolment,
  input: { providerId: number; takenOn: IsoDate; now: Date },
) {
  const exists = await trx
    .selectFrom("attendance_statements")
    .select("id")
    .where("enrolment_id", "=", e.id)
    .executeTakeFirst();
  if (exists) return;
  const employee = await trx
    .selectFrom("employees")
    .select(["last_name", "first_name", "patronymic"])
    .where("id", "=", e.employee_id)
    .executeTakeFirstOrThrow();
  const provider = await issuingProvider(trx, input.providerId);
  await trx
    .insertInto("attendance_statements")
    .values({
      employee_id: e.employee_id,
      provider_id: input.providerId,
      cohort_id: e.cohort_id,
      enrolment_id: e.id,
      issued_on: input.takenOn,
      holder_last_name: employee.last_name,
      holder_first_name: employee.first_name,
      holder_patronymic: employee.patronymic,
      provider_name_kk: provider.name_kk,
      provider_name_ru: provider.name_ru,
      provider_head_name: provider.head_name,
      program_title_kk: e.program_title_kk,
      program_title_ru: e.program_title_ru,
      starts_on: e.starts_on,
      ends_on: e.ends_on,
      academic_hours: e.academic_hours,
      created_at: input.now,
    })
    .execute();
}
