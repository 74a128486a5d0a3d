// The playground's demo: Abai region with two of its districts (Semey city and
// Abai district), one training organization, coordinators of every role, an admin,
// and thirteen employees, one in each state of the year. The year's history
// (cohorts, results, a transfer, next year's district list) is written through the
// bot's own services where they exist, so certificates get real numbers, lists real
// proposals and everything its audit rows. Dates are relative to the start day, so
// the story works in any year.
import type { Kysely } from "kysely";
import { addDays, addYears, type IsoDate, makeIin } from "../bot/rules/index.js";
import { recordConsent } from "../bot/services/consent.js";
import { submitList } from "../bot/services/district-lists.js";
import { openList } from "../bot/services/lists.js";
import { normalizeTypedPhone } from "../bot/services/phone.js";
import { recordFinalResult } from "../bot/services/test-results.js";
import { approveTransfer } from "../bot/services/transfer-approval.js";
import { createTransferRequest } from "../bot/services/transfers.js";
import type { Database } from "../db/types.js";
import { atAlmaty } from "./clock.js";

type Db = Kysely<Database>;

/** Who can be picked on the page. `state` is a key of the page's own labels. */
export interface DemoPerson {
  telegramId: number;
  firstName: string;
  lastName: string;
  phone: string;
  kind: "admin" | "regional" | "district" | "provider" | "employee";
  /** An employee's state of the year, or a coordinator's scope. */
  state: string;
}

export const KATO = { region: "100000000", semey: "101000000", abai: "103200000" } as const;

export const ADMIN_ID = 1001;
const REGIONAL_ID = 1002;
const SEMEY_COORDINATOR_ID = 1003;
const ABAI_COORDINATOR_ID = 1004;
const PROVIDER_COORDINATOR_ID = 1005;

async function unitId(db: Db, kato: string): Promise<number> {
  const row = await db
    .selectFrom("units")
    .select("id")
    .where("kato_code", "=", kato)
    .executeTakeFirstOrThrow();
  return row.id;
}

let iinSerial = 4100;
function iin(birthDate: IsoDate, sex: "male" | "female"): string {
  for (;;) {
    const value = makeIin(birthDate, sex, iinSerial++);
    if (value) return value;
  }
}

interface EmployeeSeed {
  key: string;
  unit: "semey" | "abai" | "region";
  lastName: string;
  firstName: string;
  patronymic: string;
  sex: "male" | "female";
  birth: IsoDate;
  position: string;
  /** A certificate issued before the bot (the register's "previous certificate"). */
  certificateOn?: IsoDate;
  /** Bound to a Telegram account from the start; otherwise joins by sharing the contact. */
  joined: boolean;
  state: string;
}

/** Everyone's certificate dates follow from the start day: "due in 95 days" stays so in any year. */
function employeeSeeds(start: IsoDate): EmployeeSeed[] {
  const year = Number(start.slice(0, 4));
  const dueIn = (days: number) => addYears(addDays(start, days), -2);
  const e = (seed: Omit<EmployeeSeed, "joined"> & { joined?: boolean }): EmployeeSeed => ({
    joined: true,
    ...seed,
  });
  return [
    e({
      key: "never",
      unit: "semey",
      lastName: "Ахметов",
      firstName: "Бауыржан",
      patronymic: "Серікұлы",
      sex: "male",
      birth: "1991-03-14",
      position: "бас маман",
      state: "never_trained",
    }),
    e({
      key: "due",
      unit: "semey",
      lastName: "Жұмабаева",
      firstName: "Әлия",
      patronymic: "Қанатқызы",
      sex: "female",
      birth: "1988-07-02",
      position: "бас маман",
      certificateOn: dueIn(95),
      state: "due",
    }),
    e({
      key: "overdue",
      unit: "semey",
      lastName: "Омарова",
      firstName: "Дина",
      patronymic: "Болатқызы",
      sex: "female",
      birth: "1985-11-23",
      position: "жетекші маман",
      certificateOn: dueIn(-40),
      state: "overdue",
    }),
    e({
      key: "current",
      unit: "semey",
      lastName: "Серіков",
      firstName: "Нұрлан",
      patronymic: "Асқарұлы",
      sex: "male",
      birth: "1990-01-30",
      position: "бөлім басшысы",
      certificateOn: `${year}-03-10`,
      state: "up_to_date",
    }),
    e({
      key: "enrolled",
      unit: "semey",
      lastName: "Қасымова",
      firstName: "Гүлнар",
      patronymic: "Маратқызы",
      sex: "female",
      birth: "1987-05-19",
      position: "бас маман",
      certificateOn: `${year - 2}-06-01`,
      state: "enrolled",
    }),
    e({
      key: "passed",
      unit: "semey",
      lastName: "Байжанов",
      firstName: "Ерлан",
      patronymic: "Тимурұлы",
      sex: "male",
      birth: "1983-09-08",
      position: "бас маман",
      certificateOn: `${year - 2}-02-15`,
      state: "passed",
    }),
    e({
      key: "failed",
      unit: "semey",
      lastName: "Нұрланова",
      firstName: "Сәуле",
      patronymic: "Ержанқызы",
      sex: "female",
      birth: "1992-12-11",
      position: "маман",
      state: "failed",
    }),
    e({
      key: "newcomer",
      unit: "semey",
      lastName: "Сапарова",
      firstName: "Жанар",
      patronymic: "Айдарқызы",
      sex: "female",
      birth: "1995-04-27",
      position: "маман",
      joined: false,
      state: "not_joined",
    }),
    e({
      key: "transferred",
      unit: "abai",
      lastName: "Тоқтаров",
      firstName: "Асхат",
      patronymic: "Нұрболұлы",
      sex: "male",
      birth: "1986-02-17",
      position: "бас маман",
      certificateOn: `${year - 2}-03-20`,
      state: "transferred",
    }),
    e({
      key: "listed",
      unit: "abai",
      lastName: "Ержанов",
      firstName: "Ғалым",
      patronymic: "Маратұлы",
      sex: "male",
      birth: "1989-10-05",
      position: "бас маман",
      certificateOn: `${year - 1}-05-20`,
      state: "listed",
    }),
    e({
      key: "soon",
      unit: "abai",
      lastName: "Мұратова",
      firstName: "Айгүл",
      patronymic: "Сабитқызы",
      sex: "female",
      birth: "1993-06-21",
      position: "жетекші маман",
      certificateOn: dueIn(25),
      state: "due_soon",
    }),
    e({
      key: "never2",
      unit: "abai",
      lastName: "Исабеков",
      firstName: "Думан",
      patronymic: "Ғаниұлы",
      sex: "male",
      birth: "1994-08-09",
      position: "маман",
      state: "never_trained",
    }),
    e({
      key: "regional",
      unit: "region",
      lastName: "Қайратов",
      firstName: "Дәурен",
      patronymic: "Еркінұлы",
      sex: "male",
      birth: "1984-04-04",
      position: "бас маман",
      certificateOn: `${year - 1}-02-10`,
      state: "regional_staff",
    }),
  ];
}

/** Telegram ids of employees: 2001, 2002, … in the order above. */
const employeeTelegramId = (index: number) => 2001 + index;
const phoneOf = (telegramId: number) => `+7701555${String(telegramId).padStart(4, "0")}`;

async function insertPeople(db: Db, ids: number[]) {
  await db
    .insertInto("telegram_users")
    .values(ids.map((id) => ({ telegram_id: id, first_name: `User${id}`, language: null })))
    .execute();
}

async function createProvider(db: Db): Promise<number> {
  const row = await db
    .insertInto("providers")
    .values({
      name_kk: "«Балалардың құқықтарын қорғау орталығы» ҰБО",
      name_ru: "НОЦ «Центр защиты прав детей»",
      head_name: "Мұқанова Гүлнар Серікқызы",
      certificate_prefix: "ҰБО",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function createCohort(
  db: Db,
  providerId: number,
  startsOn: IsoDate,
  endsOn: IsoDate,
  capacity: number,
) {
  const row = await db
    .insertInto("cohorts")
    .values({
      provider_id: providerId,
      program_title_kk: "Балалардың құқықтарын қорғау: қазіргі тәсілдер",
      program_title_ru: "Защита прав детей: современные подходы",
      starts_on: startsOn,
      ends_on: endsOn,
      academic_hours: 72,
      capacity,
      schedule_text: "Дс–Жм 09:00–13:00 / Пн–Пт 09:00–13:00",
      form: "full_time",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function enrol(db: Db, employeeId: number, cohortId: number, orderDate: IsoDate) {
  const row = await db
    .insertInto("enrolments")
    .values({
      employee_id: employeeId,
      cohort_id: cohortId,
      order_number: "47-ө",
      order_date: orderDate,
      enrolled_by: REGIONAL_ID,
      created_at: atAlmaty(orderDate, 11),
      updated_at: atAlmaty(orderDate, 11),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the demo into an empty database; returns the people the page offers. */
export async function seedDemo(db: Db, start: IsoDate): Promise<DemoPerson[]> {
  const year = Number(start.slice(0, 4));
  const units = {
    region: await unitId(db, KATO.region),
    semey: await unitId(db, KATO.semey),
    abai: await unitId(db, KATO.abai),
  };
  const seeds = employeeSeeds(start);
  const joinedIds = seeds.flatMap((s, i) => (s.joined ? [employeeTelegramId(i)] : []));
  const coordinatorIds = [
    REGIONAL_ID,
    SEMEY_COORDINATOR_ID,
    ABAI_COORDINATOR_ID,
    PROVIDER_COORDINATOR_ID,
  ];
  await insertPeople(db, [ADMIN_ID, ...coordinatorIds, ...joinedIds]);

  const providerId = await createProvider(db);
  await db
    .insertInto("memberships")
    .values([
      { telegram_user_id: REGIONAL_ID, role: "regional_coordinator", unit_id: units.region },
      {
        telegram_user_id: SEMEY_COORDINATOR_ID,
        role: "district_coordinator",
        unit_id: units.semey,
      },
      { telegram_user_id: ABAI_COORDINATOR_ID, role: "district_coordinator", unit_id: units.abai },
      {
        telegram_user_id: PROVIDER_COORDINATOR_ID,
        role: "provider_coordinator",
        provider_id: providerId,
      },
    ])
    .execute();

  const employeeIds = new Map<string, number>();
  for (const [index, seed] of seeds.entries()) {
    const telegramId = employeeTelegramId(index);
    const row = await db
      .insertInto("employees")
      .values({
        iin: iin(seed.birth, seed.sex),
        last_name: seed.lastName,
        first_name: seed.firstName,
        patronymic: seed.patronymic,
        unit_id: units[seed.unit],
        position: seed.position,
        phone: normalizeTypedPhone(phoneOf(telegramId)),
        telegram_user_id: seed.joined ? telegramId : null,
        previous_certificate_issued_on: seed.certificateOn ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    employeeIds.set(seed.key, row.id);
  }
  const id = (key: string) => employeeIds.get(key) as number;

  // Everyone in the demo has already agreed to the personal-data notice (Law No. 94-V),
  // so each menu opens at once; the notice itself is shown to newcomers who join.
  const agreedAt = atAlmaty(addDays(start, -30), 10);
  for (const telegramId of [ADMIN_ID, ...coordinatorIds])
    await recordConsent(db, {
      telegramId,
      subject: "coordinator",
      employeeId: null,
      decision: "agreed",
      language: "ru",
      now: agreedAt,
    });
  for (const [index, seed] of seeds.entries()) {
    if (!seed.joined) continue;
    await recordConsent(db, {
      telegramId: employeeTelegramId(index),
      subject: "employee",
      employeeId: id(seed.key),
      decision: "agreed",
      language: "kk",
      now: agreedAt,
    });
  }

  // This year's cohorts: one finished in spring, one starting in ten days, one in November.
  const spring = await createCohort(db, providerId, `${year}-04-06`, `${year}-04-17`, 20);
  const autumn = await createCohort(db, providerId, addDays(start, 10), addDays(start, 24), 20);
  await createCohort(db, providerId, `${year}-11-09`, `${year}-11-20`, 20);

  // Spring: one passed (a certificate with a real number), one failed (an attendance statement).
  const passed = await enrol(db, id("passed"), spring, `${year}-03-20`);
  const failed = await enrol(db, id("failed"), spring, `${year}-03-20`);
  const finishedAt = atAlmaty(`${year}-04-17`, 15);
  for (const [enrolmentId, ok] of [
    [passed, true],
    [failed, false],
  ] as const) {
    await recordFinalResult(db, {
      providerId,
      enrolmentId,
      passed: ok,
      takenOn: `${year}-04-17`,
      actor: PROVIDER_COORDINATOR_ID,
      now: finishedAt,
    });
  }

  // A transfer (item 13.2): ill before the spring cohort, moved to the autumn one.
  await enrol(db, id("transferred"), spring, `${year}-03-20`);
  const request = await createTransferRequest(db, {
    employeeId: id("transferred"),
    reason: "illness",
    comment: "Аурухана анықтамасы / Справка из больницы",
    evidence: null,
    targetCohortId: autumn,
    actor: employeeTelegramId(seeds.findIndex((s) => s.key === "transferred")),
    now: atAlmaty(`${year}-04-01`, 10),
  });
  if (!request.ok) throw new Error(`demo transfer request refused: ${request.reason}`);
  const decision = await approveTransfer(db, {
    requestId: request.requestId,
    regionId: units.region,
    targetCohortId: autumn,
    order: { number: "52-ө", date: `${year}-04-02` },
    actor: REGIONAL_ID,
    now: atAlmaty(`${year}-04-02`, 10),
  });
  if (!decision.ok) throw new Error(`demo transfer refused: ${decision.reason}`);

  // Enrolled in the autumn cohort by the head's order, agreement not confirmed yet.
  await enrol(db, id("enrolled"), autumn, addDays(start, -5));

  // Abai district has sent next year's list (proposed by the rules); Semey has not started.
  const sentAt = atAlmaty(addDays(start, -2), 11);
  const list = await openList(db, units.abai, year + 1, "district", ABAI_COORDINATOR_ID, sentAt);
  await submitList(db, list.id, year + 1, ABAI_COORDINATOR_ID, sentAt);

  const coordinators: DemoPerson[] = [
    {
      telegramId: ADMIN_ID,
      firstName: "Аружан",
      lastName: "Төлеуова",
      phone: phoneOf(ADMIN_ID),
      kind: "admin",
      state: "admin",
    },
    {
      telegramId: REGIONAL_ID,
      firstName: "Марат",
      lastName: "Әлиев",
      phone: phoneOf(REGIONAL_ID),
      kind: "regional",
      state: "region",
    },
    {
      telegramId: SEMEY_COORDINATOR_ID,
      firstName: "Гүлмира",
      lastName: "Садықова",
      phone: phoneOf(SEMEY_COORDINATOR_ID),
      kind: "district",
      state: "semey",
    },
    {
      telegramId: ABAI_COORDINATOR_ID,
      firstName: "Ерболат",
      lastName: "Нұрпейісов",
      phone: phoneOf(ABAI_COORDINATOR_ID),
      kind: "district",
      state: "abai",
    },
    {
      telegramId: PROVIDER_COORDINATOR_ID,
      firstName: "Салтанат",
      lastName: "Бекова",
      phone: phoneOf(PROVIDER_COORDINATOR_ID),
      kind: "provider",
      state: "provider",
    },
  ];
  const employees: DemoPerson[] = seeds.map((s, i) => ({
    telegramId: employeeTelegramId(i),
    firstName: s.firstName,
    lastName: s.lastName,
    phone: phoneOf(employeeTelegramId(i)),
    kind: "employee",
    state: s.state,
  }));
  return [...coordinators, ...employees];
}

/** Refuses to write demo people into a database that already has some (a real one, by mistake). */
export async function assertEmpty(db: Db): Promise<void> {
  const someone = await db.selectFrom("employees").select("id").limit(1).executeTakeFirst();
  const member = await db.selectFrom("memberships").select("id").limit(1).executeTakeFirst();
  if (someone || member)
    throw new Error(
      "The playground's database already has employees or coordinators: give it an empty database (PLAYGROUND_DATABASE_URL) or leave it unset for an embedded one in memory.",
    );
}
