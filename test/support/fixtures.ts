// Records a test needs before the story starts: units by KATO code, employees
// with valid IINs, providers, cohorts, enrolments and certificates. Inserted
// straight into the real database; the behaviour under test goes through the bot.
import type { Kysely } from "kysely";
import { NOTICE_VERSION } from "../../bot/i18n/notice-versions.js";
import { makeIin } from "../../bot/rules/index.js";
import type { Database, IsoDate } from "../../db/types.js";

type Db = Kysely<Database>;

export const KATO = {
  abaiRegion: "100000000",
  semeyCity: "101000000",
  abaiDistrict: "103200000",
  akmolaRegion: "110000000",
  astana: "710000000",
} as const;

export async function unitId(db: Db, katoCode: string): Promise<number> {
  const unit = await db
    .selectFrom("units")
    .select("id")
    .where("kato_code", "=", katoCode)
    .executeTakeFirstOrThrow();
  return unit.id;
}

/** The first district of a region, for tests that need "another district". */
export async function districtOf(db: Db, regionKato: string, index = 0): Promise<number> {
  const region = await unitId(db, regionKato);
  const rows = await db
    .selectFrom("units")
    .select("id")
    .where("parent_id", "=", region)
    .orderBy("kato_code")
    .execute();
  const row = rows[index];
  if (!row) throw new Error(`no district ${index} in ${regionKato}`);
  return row.id;
}

let serial = 100;
export function validIin(
  birthDate: IsoDate = "1990-05-17",
  sex: "male" | "female" = "female",
): string {
  for (;;) {
    const iin = makeIin(birthDate, sex, serial++);
    if (iin) return iin;
  }
}

export interface EmployeeFixture {
  unitId: number;
  lastName?: string;
  firstName?: string;
  patronymic?: string | null;
  phone?: string | null;
  telegramId?: number;
  previousCertificateOn?: IsoDate | null;
  position?: string;
  /** The answer to the personal-data notice; "none" for someone who has not answered. */
  consent?: "agreed" | "declined" | "none";
}

export async function telegramUser(
  db: Db,
  telegramId: number,
  language: "kk" | "ru" | null = null,
) {
  await db
    .insertInto("telegram_users")
    .values({ telegram_id: telegramId, first_name: `User${telegramId}`, language })
    .onConflict((oc) => oc.column("telegram_id").doUpdateSet({ language }))
    .execute();
}

export async function createEmployee(db: Db, fixture: EmployeeFixture): Promise<number> {
  if (fixture.telegramId) await telegramUser(db, fixture.telegramId);
  const row = await db
    .insertInto("employees")
    .values({
      iin: validIin(),
      last_name: fixture.lastName ?? "Сейтқалиева",
      first_name: fixture.firstName ?? "Әйгерім",
      patronymic: fixture.patronymic === undefined ? "Нұрланқызы" : fixture.patronymic,
      unit_id: fixture.unitId,
      position: fixture.position ?? "бас маман",
      phone: fixture.phone ?? null,
      telegram_user_id: fixture.telegramId ?? null,
      previous_certificate_issued_on: fixture.previousCertificateOn ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  // A person already in the bot has answered the personal-data notice (unless a test says not).
  if (fixture.telegramId && fixture.consent !== "none") {
    await agreeToNotice(db, fixture.telegramId, "employee", row.id, fixture.consent ?? "agreed");
  }
  return row.id;
}

/** Records a person's answer to the current personal-data notice, as the bot would. */
export async function agreeToNotice(
  db: Db,
  telegramId: number,
  subject: "employee" | "coordinator",
  employeeId: number | null = null,
  decision: "agreed" | "declined" = "agreed",
): Promise<void> {
  await db
    .insertInto("consents")
    .values({
      telegram_user_id: telegramId,
      subject,
      employee_id: employeeId,
      version: NOTICE_VERSION[subject],
      decision,
      language: "kk",
      decided_at: new Date("2026-01-01T00:00:00Z"),
    })
    .execute();
}

export async function createProvider(db: Db, prefix = "ҰБО"): Promise<number> {
  const row = await db
    .insertInto("providers")
    .values({
      name_kk: "«Балалардың құқықтарын қорғау орталығы» ҰБО",
      name_ru: "НОЦ «Центр защиты прав детей»",
      head_name: "Мұқанова Гүлнар Серікқызы",
      certificate_prefix: prefix,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface CohortFixture {
  providerId: number;
  startsOn: IsoDate;
  endsOn: IsoDate;
  capacity?: number;
  academicHours?: number;
  scheduleText?: string | null;
  form?: "full_time" | "remote";
  remoteBasis?: string | null;
}

export async function createCohort(db: Db, fixture: CohortFixture): Promise<number> {
  const row = await db
    .insertInto("cohorts")
    .values({
      provider_id: fixture.providerId,
      program_title_kk: "Балалардың құқықтарын қорғау: қазіргі тәсілдер",
      program_title_ru: "Защита прав детей: современные подходы",
      starts_on: fixture.startsOn,
      ends_on: fixture.endsOn,
      academic_hours: fixture.academicHours ?? 72,
      capacity: fixture.capacity ?? 25,
      schedule_text: fixture.scheduleText ?? null,
      form: fixture.form ?? "full_time",
      remote_basis: fixture.remoteBasis ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function enrol(
  db: Db,
  employeeId: number,
  cohortId: number,
  status: "enrolled" | "failed" | "passed" = "enrolled",
): Promise<number> {
  const row = await db
    .insertInto("enrolments")
    .values({
      employee_id: employeeId,
      cohort_id: cohortId,
      order_number: "47-ө",
      order_date: "2026-09-01",
      // Entered on its order's day, not on the day the test runs: the planner asks for
      // the agreement two days after enrolment, so a real clock would make tests
      // depend on the calendar.
      created_at: new Date("2026-09-01T10:00:00+05:00"),
      status,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function grantRole(
  db: Db,
  telegramId: number,
  role: "district_coordinator" | "regional_coordinator" | "provider_coordinator" | "admin",
  scope: { unitId?: number; providerId?: number } = {},
): Promise<void> {
  await telegramUser(db, telegramId);
  await db
    .insertInto("memberships")
    .values({
      telegram_user_id: telegramId,
      role,
      unit_id: scope.unitId ?? null,
      provider_id: scope.providerId ?? null,
    })
    .execute();
  if (role !== "admin") await agreeToNotice(db, telegramId, "coordinator");
}

export async function issueCertificate(
  db: Db,
  input: {
    employeeId: number;
    providerId: number;
    issuedOn: IsoDate;
    number: string;
    hours?: number;
  },
): Promise<number> {
  const employee = await db
    .selectFrom("employees")
    .selectAll()
    .where("id", "=", input.employeeId)
    .executeTakeFirstOrThrow();
  const provider = await db
    .selectFrom("providers")
    .selectAll()
    .where("id", "=", input.providerId)
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto("certificates")
    .values({
      number: input.number,
      verification_code: `CODE${input.number}`,
      employee_id: input.employeeId,
      provider_id: input.providerId,
      academic_hours: input.hours ?? 72,
      issued_on: input.issuedOn,
      holder_last_name: employee.last_name,
      holder_first_name: employee.first_name,
      holder_patronymic: employee.patronymic,
      holder_iin: employee.iin,
      holder_workplace_kk: "Абай ауданы",
      holder_workplace_ru: "Абайский район",
      holder_position: employee.position,
      provider_name_kk: provider.name_kk,
      provider_name_ru: provider.name_ru,
      provider_head_name: provider.head_name,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
