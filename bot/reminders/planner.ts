// Finds what is due today and writes one outbox row per message (the table in
// docs/REMINDERS.md). Every row has a dedupe key, so running the
// planner twice, after a restart or in two processes, adds nothing. Rows wait for 09:00 Almaty time.

import type { Kysely } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { declinedEmployees } from "../outbox/declined.js";
import { enqueue, type OutboxMessage } from "../outbox/outbox.js";
import { routes } from "../routes/index.js";
import {
  addDays,
  almatyDate,
  daysBetween,
  formatDate,
  listYearFor,
  startOfAlmatyDay,
  trainingStatus,
} from "../rules/index.js";
import { enrolmentsWithEmployee } from "../services/joins.js";
import { lastCertificateOn } from "../services/last-certificate.js";
import { unitsOfRegion } from "../services/scope.js";
import { lateListReminders } from "./late-lists.js";

const district = (unitId: number | null) =>
  ({ role: "district_coordinator", unitId: unitId ?? 0 }) as const;
const regional = (unitId: number | null) =>
  ({ role: "regional_coordinator", unitId: unitId ?? 0 }) as const;

export interface PlannerOptions {
  dueOffsets: number[];
  cohortStartOffsets: number[];
  districtListDays: string[]; // "MM-DD" in October
  consolidatedListDays: string[]; // "MM-DD" in November
  resultsAfterDays: number;
  sendFromHour: number;
}

export const DEFAULT_PLANNER_OPTIONS: PlannerOptions = {
  dueOffsets: [90, 30, 7],
  cohortStartOffsets: [7, 1],
  districtListDays: ["10-01", "10-15", "10-25", "10-31"],
  consolidatedListDays: ["11-15", "11-25", "11-30"],
  resultsAfterDays: 3,
  sendFromHour: 9,
};

type Localized = { kk: string; ru: string };

interface PlanContext {
  db: Kysely<Database>;
  today: IsoDate;
  notBefore: Date;
  options: PlannerOptions;
}

type Message = Omit<OutboxMessage, "notBefore">;

async function coordinators(
  db: Kysely<Database>,
  role: "district_coordinator" | "regional_coordinator" | "provider_coordinator",
) {
  return db
    .selectFrom("memberships")
    .select(["telegram_user_id", "unit_id", "provider_id"])
    .where("role", "=", role)
    .where("revoked_at", "is", null)
    .execute();
}

/** Employees: due in 90, 30, 7 days; overdue (the first day); their district's daily digest. */
async function dueReminders({ db, today, options }: PlanContext): Promise<Message[]> {
  const rows = await db
    .selectFrom("employees as e")
    .select([
      "e.id",
      "e.telegram_user_id",
      "e.unit_id",
      "e.last_name",
      "e.first_name",
      lastCertificateOn.as("last_on"),
    ])
    .where("e.active", "=", true)
    .execute();
  const messages: Message[] = [];
  const newlyOverdue = new Map<number, string[]>();
  for (const e of rows) {
    const status = trainingStatus({ lastCertificateIssuedOn: e.last_on, today });
    if (
      status.kind === "never_trained" ||
      (status.kind === "up_to_date" && !options.dueOffsets.includes(status.daysLeft))
    )
      continue;
    if (status.kind === "overdue") {
      if (status.daysOverdue !== 1) continue;
      newlyOverdue.set(e.unit_id, [
        ...(newlyOverdue.get(e.unit_id) ?? []),
        `${e.last_name} ${e.first_name}`,
      ]);
      if (e.telegram_user_id) {
        messages.push({
          telegramId: e.telegram_user_id,
          textKey: "reminders.overdue",
          params: { date: formatDate(status.dueOn) },
          buttons: [
            {
              labelKey: "employee.menu.status",
              data: routes.employeeStatus.pack({ grant: { role: "employee" } }),
            },
          ],
          dedupeKey: `overdue:${e.id}:${status.dueOn}`,
          audience: "employee",
        });
      }
      continue;
    }
    if (!options.dueOffsets.includes(status.daysLeft) || !e.telegram_user_id) continue;
    messages.push({
      telegramId: e.telegram_user_id,
      textKey: "reminders.due",
      params: { date: formatDate(status.dueOn), days: status.daysLeft },
      buttons: [
        {
          labelKey: "employee.menu.status",
          data: routes.employeeStatus.pack({ grant: { role: "employee" } }),
        },
      ],
      dedupeKey: `due:${e.id}:${status.dueOn}:${status.daysLeft}`,
      audience: "employee",
    });
  }
  for (const c of await coordinators(db, "district_coordinator")) {
    const names = newlyOverdue.get(c.unit_id ?? -1);
    if (!names?.length) continue;
    messages.push({
      telegramId: c.telegram_user_id,
      textKey: "reminders.overdue_digest",
      params: { count: names.length, names: names.slice(0, 30).join(", ") },
      buttons: [
        { labelKey: "menu.overview", data: routes.overview.pack({ grant: district(c.unit_id) }) },
      ],
      dedupeKey: `overdue-digest:${c.telegram_user_id}:${c.unit_id}:${today}`,
    });
  }
  return messages;
}

/** Employees: the cohort starts in 7 and 1 days; the agreement is not confirmed yet. */
async function cohortReminders({ db, today, options }: PlanContext): Promise<Message[]> {
  const rows = await enrolmentsWithEmployee(db)
    .select([
      "en.id",
      "en.created_at",
      "en.agreement_confirmed_at",
      "e.telegram_user_id",
      "c.starts_on",
      "c.ends_on",
      "c.program_title_kk",
      "c.program_title_ru",
    ])
    .where("en.status", "=", "enrolled")
    .where("c.ends_on", ">=", today)
    .where("e.telegram_user_id", "is not", null)
    .execute();
  const messages: Message[] = [];
  for (const r of rows) {
    const telegramId = r.telegram_user_id ?? 0;
    const daysToStart = daysBetween(today, r.starts_on);
    const program: Localized = bothLanguages(r, "program_title");
    const confirmed = r.agreement_confirmed_at !== null;
    const buttons = [
      {
        labelKey: "employee.menu.cohort",
        data: routes.employeeCohort.pack({ grant: { role: "employee" } }),
      },
      ...(confirmed
        ? []
        : [
            {
              labelKey: "employee.menu.agreement",
              data: routes.employeeAgreement.pack({ grant: { role: "employee" } }),
            },
          ]),
    ];
    if (options.cohortStartOffsets.includes(daysToStart)) {
      messages.push({
        telegramId,
        textKey: confirmed ? "reminders.cohort_start" : "reminders.cohort_start_agreement",
        // `count` picks the Russian plural (день/дня/дней); one day ahead reads «завтра».
        params: {
          count: daysToStart,
          ...(daysToStart === 1 ? { context: "tomorrow" } : {}),
          program,
          from: formatDate(r.starts_on),
          to: formatDate(r.ends_on),
        },
        buttons,
        dedupeKey: `cohort-start:${r.id}:${daysToStart}`,
        audience: "employee",
      });
    }
    // The agreement (item 11): asked two days after enrolment and three days before the start.
    const daysSinceEnrolment = daysBetween(almatyDate(r.created_at), today);
    if (!confirmed && (daysSinceEnrolment === 2 || daysToStart === 3)) {
      messages.push({
        telegramId,
        textKey: "reminders.agreement",
        params: { program, from: formatDate(r.starts_on) },
        buttons: [
          {
            labelKey: "employee.menu.agreement",
            data: routes.employeeAgreement.pack({ grant: { role: "employee" } }),
          },
        ],
        dedupeKey: `agreement:${r.id}:${today}`,
        audience: "employee",
      });
    }
  }
  return messages;
}

/** District coordinators (1, 15, 25, 31 Oct) and regional ones (15, 25, 30 Nov): lists not in. */
async function listReminders({ db, today, options }: PlanContext): Promise<Message[]> {
  const monthDay = today.slice(5);
  const year = Number(today.slice(0, 4)) + 1;
  const messages: Message[] = [];
  const lists = await db
    .selectFrom("lists")
    .select(["unit_id", "kind", "status"])
    .where("year", "=", year)
    .execute();
  const statusOf = (unitId: number | null, kind: "district" | "regional") =>
    lists.find((l) => l.unit_id === unitId && l.kind === kind)?.status;
  // Both reminders say the same things of their list: its year, its deadline and the
  // days left to it, with a button to the list; once a day and coordinator.
  const reminder = (
    c: { telegram_user_id: number; unit_id: number | null },
    list: { key: "district_list" | "consolidated_list"; dedupe: string; deadline: IsoDate },
    button: { labelKey: string; grant: ReturnType<typeof district | typeof regional> },
  ): Message => ({
    telegramId: c.telegram_user_id,
    textKey: `reminders.${list.key}`,
    params: {
      year,
      date: formatDate(list.deadline),
      days: daysBetween(today, list.deadline),
    },
    buttons: [{ labelKey: button.labelKey, data: routes.listScreen.pack({ grant: button.grant }) }],
    dedupeKey: `${list.dedupe}:${c.unit_id}:${year}:${monthDay}:${c.telegram_user_id}`,
  });
  if (options.districtListDays.includes(monthDay)) {
    for (const c of await coordinators(db, "district_coordinator")) {
      const status = statusOf(c.unit_id, "district");
      if (status === "submitted" || status === "accepted") continue;
      messages.push(
        reminder(
          c,
          { key: "district_list", dedupe: "district-list", deadline: `${year - 1}-11-01` },
          { labelKey: "menu.next_year_list", grant: district(c.unit_id) },
        ),
      );
    }
  }
  if (options.consolidatedListDays.includes(monthDay)) {
    for (const c of await coordinators(db, "regional_coordinator")) {
      if (statusOf(c.unit_id, "regional") === "approved") continue;
      messages.push(
        reminder(
          c,
          { key: "consolidated_list", dedupe: "consolidated-list", deadline: `${year - 1}-12-01` },
          { labelKey: "menu.consolidated_list", grant: regional(c.unit_id) },
        ),
      );
    }
  }
  return messages;
}

/** Regional coordinators: district lists and transfer requests waiting for them, once a day. */
async function waitingReminders({ db, today }: PlanContext): Promise<Message[]> {
  const messages: Message[] = [];
  for (const c of await coordinators(db, "regional_coordinator")) {
    const region = c.unit_id ?? -1;
    const lists = await db
      .selectFrom("lists")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("kind", "=", "district")
      .where("status", "=", "submitted")
      .where("unit_id", "in", unitsOfRegion(db, region))
      .executeTakeFirstOrThrow();
    const requests = await db
      .selectFrom("transfer_requests as r")
      .innerJoin("enrolments as en", "en.id", "r.enrolment_id")
      .innerJoin("employees as e", "e.id", "en.employee_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("r.status", "=", "pending")
      .where("e.unit_id", "in", unitsOfRegion(db, region))
      .executeTakeFirstOrThrow();
    if (Number(lists.n) + Number(requests.n) === 0) continue;
    messages.push({
      telegramId: c.telegram_user_id,
      textKey: "reminders.waiting",
      params: { lists: Number(lists.n), requests: Number(requests.n) },
      buttons: [
        {
          labelKey: "menu.district_lists",
          data: routes.districtLists.pack({ grant: regional(region) }),
        },
        {
          labelKey: "menu.transfer_requests",
          data: routes.transferRequests.pack({ grant: regional(region) }),
        },
      ],
      dedupeKey: `waiting:${c.telegram_user_id}:${region}:${today}`,
    });
  }
  return messages;
}

/** Provider coordinators: a cohort ended three days ago and results are still missing. */
async function resultReminders({ db, today, options }: PlanContext): Promise<Message[]> {
  const endedOn = addDays(today, -options.resultsAfterDays);
  const cohorts = await db
    .selectFrom("cohorts as c")
    .select(["c.id", "c.provider_id", "c.program_title_kk", "c.program_title_ru", "c.ends_on"])
    .where("c.ends_on", "=", endedOn)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("enrolments as en")
          .select("en.id")
          .whereRef("en.cohort_id", "=", "c.id")
          .where("en.status", "=", "enrolled"),
      ),
    )
    .execute();
  const providerCoordinators = await coordinators(db, "provider_coordinator");
  return cohorts.flatMap((c) =>
    providerCoordinators
      .filter((p) => p.provider_id === c.provider_id)
      .map((p) => ({
        telegramId: p.telegram_user_id,
        textKey: "reminders.results",
        params: {
          program: bothLanguages(c, "program_title"),
          date: formatDate(c.ends_on),
        },
        buttons: [
          {
            labelKey: "cohorts.results_button",
            data: routes.cohort.pack({
              grant: { role: "provider_coordinator", providerId: c.provider_id },
              cohort: c.id,
            }),
          },
        ],
        dedupeKey: `results:${c.id}:${p.telegram_user_id}`,
      })),
  );
}

/** Everything due on the Almaty date of `now`, without writing anything (also used for the preview). */
export async function computeReminders(
  db: Kysely<Database>,
  now: Date,
  options: PlannerOptions = DEFAULT_PLANNER_OPTIONS,
) {
  const today = almatyDate(now);
  const morning = new Date(startOfAlmatyDay(today).getTime() + options.sendFromHour * 3_600_000);
  const context: PlanContext = { db, today, notBefore: morning, options };
  const all = (
    await Promise.all(
      [dueReminders, cohortReminders, listReminders, waitingReminders, resultReminders]
        .map((plan) => plan(context))
        .concat(lateListReminders(db, today)),
    )
  ).flat();
  // Employees who declined the personal-data notice get nothing (enqueue checks again).
  const declined = await declinedEmployees(db, [
    ...new Set(all.filter((m) => m.audience === "employee").map((m) => m.telegramId)),
  ]);
  const planned = all.filter((m) => m.audience !== "employee" || !declined.has(m.telegramId));
  return { planned, morning };
}

export async function planReminders(
  db: Kysely<Database>,
  now: Date,
  options: PlannerOptions = DEFAULT_PLANNER_OPTIONS,
) {
  const { planned, morning } = await computeReminders(db, now, options);
  const notBefore = now > morning ? now : morning;
  const inserted = await enqueue(
    db,
    planned.map((m) => ({ ...m, notBefore })),
  );
  return { planned: planned.length, inserted, listYear: listYearFor(now) };
}
