// Enrolment by order as a table (item 9): the cohort an order may still send people
// to with its places left now, the people of the approved consolidated list whom an
// order may send (enrolment.ts decides who), with what a coordinator filters them by
// (district, due date, position), and the order itself, where a second submit of an
// order already carried out is told who carried it out and when.
import type { Kysely } from "kysely";
import type { Database, IsoDate, ListEntryReason } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { almatyDate, cohortTakesPeople, dueDate } from "../rules/index.js";
import {
  approvedListEmployees,
  type EnrolResult,
  enrolByOrder,
  enrolmentCandidates,
} from "./enrolment.js";
import { cohortNameColumns, cohortNames, cohortsWithProvider, placesTaken } from "./joins.js";
import { lastCertificateOn } from "./last-certificate.js";
import { type DoneBy, doneBy } from "./outcome.js";
import type { LocalizedName } from "./people.js";
import { inRegion } from "./scope.js";

export interface OrderCohort {
  id: number;
  program: LocalizedName;
  provider: LocalizedName;
  startsOn: IsoDate;
  endsOn: IsoDate;
  capacity: number;
  placesLeft: number;
}

export type OrderCohortResult =
  | { ok: true; cohort: OrderCohort }
  | { ok: false; reason: "cohort_not_found" }
  | { ok: false; reason: "cohort_started"; startsOn: IsoDate };

/** Items 9, 12: the cohort, if an order may still send people to it today, with its places left now. */
export async function cohortForOrder(
  db: Kysely<Database>,
  cohortId: number,
  now: Date,
): Promise<OrderCohortResult> {
  const row = await cohortsWithProvider(db)
    .select(cohortNameColumns)
    .select(["c.id", "c.capacity", "c.starts_on", "c.ends_on"])
    .where("c.id", "=", cohortId)
    .where("c.active", "=", true)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: "cohort_not_found" };
  if (!cohortTakesPeople({ startsOn: row.starts_on }, almatyDate(now)))
    return { ok: false, reason: "cohort_started", startsOn: row.starts_on };
  return {
    ok: true,
    cohort: {
      id: row.id,
      ...cohortNames(row),
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      capacity: row.capacity,
      placesLeft: Math.max(0, row.capacity - (await placesTaken(db, row.id))),
    },
  };
}

export type DueFilter = "overdue" | "this_year" | "never";

export interface PoolFilter {
  unitId?: number;
  due?: DueFilter;
  /** Part of the position's name, any case. */
  position?: string;
}

export interface PoolPerson {
  id: number;
  fullName: string;
  iin: string;
  position: string;
  unitId: number;
  unitName: LocalizedName;
  dueOn: IsoDate | null;
  reason: ListEntryReason | null;
}

function matches(person: PoolPerson, filter: PoolFilter, year: number, today: IsoDate): boolean {
  if (filter.unitId !== undefined && person.unitId !== filter.unitId) return false;
  if (filter.position && !person.position.toLowerCase().includes(filter.position.toLowerCase()))
    return false;
  if (filter.due === "never") return person.dueOn === null;
  if (filter.due === "overdue") return person.dueOn !== null && person.dueOn < today;
  if (filter.due === "this_year") return person.dueOn !== null && person.dueOn <= `${year}-12-31`;
  return true;
}

/**
 * Item 9: whom an order of `year` may send (enrolmentCandidates: on the approved
 * consolidated list, neither in a cohort now nor certified by that year's training),
 * filtered, a page of them, by surname. Null when the list is not approved.
 */
export async function enrolmentPool(
  db: Kysely<Database>,
  regionId: number,
  year: number,
  filter: PoolFilter,
  page: { offset: number; limit: number },
  now: Date,
): Promise<{ total: number; people: PoolPerson[] } | null> {
  const candidates = await enrolmentCandidates(db, regionId, year);
  if (candidates === null) return null;
  if (candidates.length === 0) return { total: 0, people: [] };
  const rows = await db
    .selectFrom("employees as e")
    .innerJoin("units as u", "u.id", "e.unit_id")
    .select(["e.id", "e.iin", "e.last_name", "e.first_name", "e.patronymic", "e.position"])
    .select(["e.unit_id", "u.name_kk", "u.name_ru", lastCertificateOn.as("last_on")])
    .select((eb) =>
      eb
        .selectFrom("list_entries as le")
        .innerJoin("lists as l", "l.id", "le.list_id")
        .select("le.reason")
        .whereRef("le.employee_id", "=", "e.id")
        .where("l.unit_id", "=", regionId)
        .where("l.year", "=", year)
        .where("l.kind", "=", "regional")
        .where("le.removed_at", "is", null)
        .limit(1)
        .as("reason"),
    )
    .where(
      "e.id",
      "in",
      candidates.map((c) => c.id),
    )
    .orderBy("e.last_name")
    .orderBy("e.first_name")
    .orderBy("e.id")
    .execute();
  const today = almatyDate(now);
  const people = rows
    .map(
      (r): PoolPerson => ({
        id: r.id,
        fullName: [r.last_name, r.first_name, r.patronymic].filter(Boolean).join(" "),
        iin: r.iin,
        position: r.position,
        unitId: r.unit_id,
        unitName: bothLanguages(r, "name"),
        dueOn: dueDate(r.last_on),
        reason: r.reason ?? null,
      }),
    )
    .filter((p) => matches(p, filter, year, today));
  return { total: people.length, people: people.slice(page.offset, page.offset + page.limit) };
}

/** Whether every one of these employees is on the region's approved consolidated list of `year`. */
export async function allOnApprovedList(
  db: Kysely<Database>,
  regionId: number,
  year: number,
  employeeIds: number[],
): Promise<boolean> {
  const onList = new Set(await approvedListEmployees(db, regionId, year));
  return employeeIds.every((id) => onList.has(id));
}

/** Whether every one of these employees works in the region (its own unit or a district). */
export async function allInRegion(
  db: Kysely<Database>,
  regionId: number,
  employeeIds: number[],
): Promise<boolean> {
  if (employeeIds.length === 0) return true;
  const rows = await db
    .selectFrom("employees as e")
    .innerJoin("units as u", "u.id", "e.unit_id")
    .select("e.id")
    .where("e.id", "in", employeeIds)
    .where((eb) => inRegion(eb, "u", regionId))
    .execute();
  return new Set(rows.map((r) => r.id)).size === new Set(employeeIds).size;
}

export type OrderOnceResult = EnrolResult | { ok: false; reason: "done"; done?: DoneBy };

/**
 * Item 9: the order (enrolByOrder, one transaction). When it sends nobody because
 * everyone named is in a cohort already — the same order submitted twice, or another
 * order first — nothing more is done, and the answer says who sent them and when.
 */
export async function enrolByOrderOnce(
  db: Kysely<Database>,
  input: Parameters<typeof enrolByOrder>[1],
): Promise<OrderOnceResult> {
  const result = await enrolByOrder(db, input);
  if (!result.ok || result.enrolled.length > 0 || result.alreadyEnrolled.length === 0)
    return result;
  const last = await db
    .selectFrom("enrolments")
    .select(["enrolled_by", "created_at"])
    .where("employee_id", "in", result.alreadyEnrolled)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return {
    ok: false,
    reason: "done",
    done: last ? await doneBy(db, last.enrolled_by, last.created_at) : undefined,
  };
}
