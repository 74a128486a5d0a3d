// A unit's register as a table (the coordinators' Mini App): active employees with
// their training status (item 6: two years from the last valid certificate), the
// agreement of their open training (item 11) and their answer to the personal-data
// notice, filtered, searched, sorted and paged in the database. The status is
// computed in SQL from `lastCertificateOn`, the same date the overviews count from,
// so a filter finds exactly the people an overview's figure counts.

import { type Expression, type Kysely, type SqlBool, sql } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import { NOTICE_VERSION } from "../i18n/notice-versions.js";
import { addDays, DUE_SOON_DAYS, dueDate, trainingStatus } from "../rules/index.js";
import { type ConsentState, employeeConsentStates } from "./consent.js";
import { lastCertificateOn } from "./last-certificate.js";

/**
 * The statuses an overview counts (overview.ts: overdue, due by 31 December of this
 * year, up to date beyond it, never trained), and "due within 90 days" (item 6's
 * "due soon"), which cuts across the year's end.
 */
export const REGISTER_STATUSES = [
  "overdue",
  "due_this_year",
  "due_soon",
  "up_to_date",
  "never_trained",
] as const;
export type RegisterStatusFilter = (typeof REGISTER_STATUSES)[number];

/** A row's own status: the overview's four. */
export type RegisterStatus = Exclude<RegisterStatusFilter, "due_soon">;

/** The agreement of the open training: signed, not yet, or no open training at all. */
export const AGREEMENT_STATES = ["signed", "unsigned", "not_enrolled"] as const;
export type AgreementState = (typeof AGREEMENT_STATES)[number];

/** The answer to the current personal-data notice; "not_joined": no account in the bot. */
export const CONSENT_STATES = ["agreed", "declined", "pending", "not_joined"] as const;
export type RegisterConsent = (typeof CONSENT_STATES)[number];

export const REGISTER_SORTS = ["due", "name"] as const;
export type RegisterSort = (typeof REGISTER_SORTS)[number];

export interface RegisterQuery {
  unitId: number;
  /** Today in Almaty: what "overdue" and "this year" are counted against. */
  today: IsoDate;
  status?: RegisterStatusFilter;
  agreement?: AgreementState;
  consent?: RegisterConsent;
  /** A surname prefix, or the start of an IIN. */
  search?: string;
  /** "due": soonest due first, the never trained (due now) before everyone. */
  sort: RegisterSort;
  descending?: boolean;
  offset: number;
  limit: number;
}

export interface RegisterRow {
  id: number;
  iin: string;
  lastName: string;
  firstName: string;
  patronymic: string | null;
  position: string;
  joined: boolean;
  lastCertificateOn: IsoDate | null;
  dueOn: IsoDate | null;
  status: RegisterStatus;
  /** Days to the due date (negative: overdue by); null when never trained. */
  daysLeft: number | null;
  /** Within 90 days of the due date, or past it. */
  dueSoon: boolean;
  agreement: AgreementState;
  agreementAt: Date | null;
  consent: RegisterConsent;
}

/** A row's status as the overviews count it (overview.ts `countsByUnit`). */
export function registerStatusOf(
  lastOn: IsoDate | null,
  today: IsoDate,
): Pick<RegisterRow, "dueOn" | "status" | "daysLeft" | "dueSoon"> {
  const status = trainingStatus({ lastCertificateIssuedOn: lastOn, today });
  const dueOn = dueDate(lastOn);
  if (status.kind === "never_trained")
    return { dueOn, status: "never_trained", daysLeft: null, dueSoon: true };
  if (status.kind === "overdue")
    return { dueOn, status: "overdue", daysLeft: -status.daysOverdue, dueSoon: true };
  const thisYear = status.dueOn <= `${today.slice(0, 4)}-12-31`;
  return {
    dueOn,
    status: thisYear ? "due_this_year" : "up_to_date",
    daysLeft: status.daysLeft,
    dueSoon: status.kind === "due_soon",
  };
}

// Item 6 in SQL on the subquery "r": the due date is the last certificate's date two
// years on (PostgreSQL's interval keeps 29 February → 28 February, as addYears does).
const dueOn = sql<IsoDate | null>`(r.last_on + interval '2 years')::date`;

function statusCondition(status: RegisterStatusFilter, today: IsoDate): Expression<SqlBool> {
  const yearEnd = `${today.slice(0, 4)}-12-31`;
  switch (status) {
    case "never_trained":
      return sql<SqlBool>`r.last_on is null`;
    case "overdue":
      return sql<SqlBool>`${dueOn} < ${today}::date`;
    case "due_this_year":
      return sql<SqlBool>`${dueOn} between ${today}::date and ${yearEnd}::date`;
    case "due_soon":
      return sql<SqlBool>`${dueOn} between ${today}::date and ${addDays(today, DUE_SOON_DAYS)}::date`;
    case "up_to_date":
      return sql<SqlBool>`${dueOn} > ${yearEnd}::date`;
  }
}

/** The latest answer to the employee notice, as consent.ts reads it (an older version: none). */
const consentState = sql<RegisterConsent>`case
  when r.telegram_user_id is null then 'not_joined'
  else coalesce((
    select case when c.version = ${NOTICE_VERSION.employee} then c.decision else 'pending' end
      from consents c
     where c.employee_id = r.id and c.subject = 'employee'
     order by c.decided_at desc, c.id desc
     limit 1), 'pending')
  end`;

/**
 * The open training's agreement: true signed, false not yet, null no open training
 * (at most one an employee: the unique index enrolments_one_open). A scalar look-up
 * rather than EXISTS, which the planner would turn into a join it may plan badly.
 */
const agreementSigned = sql<boolean | null>`(select en.agreement_confirmed_at is not null
  from enrolments en where en.employee_id = r.id and en.status = 'enrolled')`;

function agreementCondition(state: AgreementState): Expression<SqlBool> {
  if (state === "not_enrolled") return sql<SqlBool>`${agreementSigned} is null`;
  return sql<SqlBool>`${agreementSigned} = ${state === "signed"}`;
}

/**
 * The filtered, sorted rows of the register from `offset`, each with the count of
 * all. Every employee of the unit is one row of an index scan with a look-up of
 * their last certificate; nothing is joined, so the plan is the same whether the
 * tables were analyzed or not (PGlite has no autovacuum to analyze them).
 */
export function registerTableQuery(db: Kysely<Database>, query: RegisterQuery) {
  let employees = db
    .selectFrom("employees as e")
    .select([
      "e.id",
      "e.iin",
      "e.last_name",
      "e.first_name",
      "e.patronymic",
      "e.position",
      "e.telegram_user_id",
      lastCertificateOn.as("last_on"),
    ])
    .where("e.unit_id", "=", query.unitId)
    .where("e.active", "=", true);
  const search = query.search?.trim();
  if (search) {
    employees = /^\d+$/.test(search)
      ? employees.where("e.iin", "like", `${search}%`)
      : employees.where(
          sql`lower(e.last_name)`,
          "like",
          `${search.toLowerCase().replace(/[%_\\]/g, "")}%`,
        );
  }
  // "offset 0" keeps the subquery whole, so each employee's last certificate is read
  // once, not again in every condition and in the order.
  let table = db
    .selectFrom(employees.offset(0).as("r"))
    .selectAll("r")
    .select(sql<number>`count(*) over ()`.as("total"));
  const { status, agreement, consent } = query;
  if (status) table = table.where(statusCondition(status, query.today));
  if (agreement) table = table.where(agreementCondition(agreement));
  if (consent) table = table.where(sql<SqlBool>`${consentState} = ${consent}`);
  const desc = query.descending === true;
  if (query.sort === "due")
    table = table.orderBy(sql`${dueOn} ${desc ? sql`desc nulls last` : sql`asc nulls first`}`);
  return table
    .orderBy("r.last_name", desc ? "desc" : "asc")
    .orderBy("r.first_name", desc ? "desc" : "asc")
    .orderBy("r.id")
    .offset(query.offset)
    .limit(query.limit);
}

/** The open training of each of these employees, if any: its agreement's time. */
async function openTrainings(
  db: Kysely<Database>,
  employeeIds: number[],
): Promise<Map<number, Date | null>> {
  if (employeeIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("enrolments")
    .select(["employee_id", "agreement_confirmed_at"])
    .where("employee_id", "in", employeeIds)
    .where("status", "=", "enrolled")
    .execute();
  return new Map(rows.map((r) => [r.employee_id, r.agreement_confirmed_at]));
}

/** One page of the unit's register and how many rows the filters select in all. */
export async function registerTable(
  db: Kysely<Database>,
  query: RegisterQuery,
): Promise<{ total: number; rows: RegisterRow[] }> {
  const found = await registerTableQuery(db, query).execute();
  // A page past the end (people left since it was asked) still says how many there are.
  const total =
    found.length > 0 || query.offset === 0
      ? Number(found[0]?.total ?? 0)
      : Number(
          (await registerTableQuery(db, { ...query, offset: 0, limit: 1 }).execute())[0]?.total ??
            0,
        );
  const ids = found.map((r) => r.id);
  const [consents, trainings] = await Promise.all([
    employeeConsentStates(db, ids),
    openTrainings(db, ids),
  ]);
  return {
    total,
    rows: found.map((r) => ({
      id: r.id,
      iin: r.iin,
      lastName: r.last_name,
      firstName: r.first_name,
      patronymic: r.patronymic,
      position: r.position,
      joined: r.telegram_user_id !== null,
      lastCertificateOn: r.last_on,
      ...registerStatusOf(r.last_on, query.today),
      agreement: !trainings.has(r.id)
        ? "not_enrolled"
        : trainings.get(r.id)
          ? "signed"
          : "unsigned",
      agreementAt: trainings.get(r.id) ?? null,
      consent:
        r.telegram_user_id === null
          ? "not_joined"
          : ((consents.get(r.id) ?? "pending") satisfies ConsentState),
    })),
  };
}
