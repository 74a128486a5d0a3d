// The head's order that sends employees to training (item 9). Before the order
// exists the regional coordinator gets a draft of it; once it is signed and its
// number and date are entered, what it printed is kept here (both languages), so the
// same document can be produced again later exactly as it was, whatever changes
// afterwards in the cohort, the organization or the employees' records.

import type { Kysely, Transaction } from "kysely";
import { jsonText } from "../../db/json.js";
import type { Database, IsoDate } from "../../db/types.js";
import type {
  Both,
  HeadOrderContent,
  OrderEmployee,
  SignedOrder,
} from "../documents/head-order-content.js";
import { bothLanguages } from "../i18n/in-language.js";
import { audit } from "./audit.js";
import { cohortNameColumns, cohortNames, cohortsWithProvider } from "./joins.js";
import { ordersNamingOldDates } from "./order-amendments.js";
import { inRegion } from "./scope.js";

type Db = Kysely<Database> | Transaction<Database>;
/** Employees of the region (its own unit and its districts) among `employeeIds`, by name. */
async function orderEmployees(
  db: Db,
  regionId: number,
  employeeIds: number[],
): Promise<OrderEmployee[]> {
  if (employeeIds.length === 0) return [];
  const rows = await db
    .selectFrom("employees as e")
    .innerJoin("units as u", "u.id", "e.unit_id")
    .select(["e.last_name", "e.first_name", "e.patronymic", "e.position", "u.name_kk", "u.name_ru"])
    .where("e.id", "in", employeeIds)
    .where((eb) => inRegion(eb, "u", regionId))
    .execute();
  return rows
    .map((r) => ({
      fullName: [r.last_name, r.first_name, r.patronymic].filter(Boolean).join(" "),
      position: r.position,
      workplace: bothLanguages(r, "name"),
    }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, "kk"));
}

/**
 * What the order will say for this cohort and these employees of the region; null
 * when the cohort or the region is unknown. Employees outside the region are left out.
 */
export async function orderContent(
  db: Db,
  input: { regionId: number; cohortId: number; employeeIds: number[] },
): Promise<HeadOrderContent | null> {
  const cohort = await cohortsWithProvider(db)
    .select(cohortNameColumns)
    .select([
      "c.form",
      "c.remote_basis",
      "c.remote_basis_note",
      "c.starts_on",
      "c.ends_on",
      "c.academic_hours",
    ])
    .where("c.id", "=", input.cohortId)
    .executeTakeFirst();
  const region = await db
    .selectFrom("units")
    .select(["name_kk", "name_ru"])
    .where("id", "=", input.regionId)
    .where("level", "=", "region")
    .executeTakeFirst();
  if (!cohort || !region) return null;
  return {
    region: bothLanguages(region, "name"),
    ...cohortNames(cohort),
    form: cohort.form,
    remoteBasis: cohort.remote_basis,
    remoteBasisNote: cohort.remote_basis_note,
    startsOn: cohort.starts_on,
    endsOn: cohort.ends_on,
    academicHours: cohort.academic_hours,
    listYear: Number(cohort.starts_on.slice(0, 4)),
    employees: await orderEmployees(db, input.regionId, input.employeeIds),
  };
}

/**
 * Keeps the signed order with what it prints and points the enrolments at it. Runs
 * inside the enrolment's (or the transfer's) transaction, so an enrolment never
 * exists without its order. `content` is what a transfer's order prints.
 */
export async function keepHeadOrder(
  trx: Transaction<Database>,
  input: {
    regionId: number;
    cohortId: number;
    employeeIds: number[];
    enrolmentIds: number[];
    order: SignedOrder;
    actor: number;
    now: Date;
    content?: HeadOrderContent;
  },
): Promise<number | null> {
  const content = input.content ?? (await orderContent(trx, input));
  if (!content) return null;
  const row = await trx
    .insertInto("head_orders")
    .values({
      region_unit_id: input.regionId,
      cohort_id: input.cohortId,
      number: input.order.number,
      order_date: input.order.date,
      content: jsonText(content),
      transfer_request_id: content.transfer?.requestId ?? null,
      named_starts_on: content.startsOn,
      named_ends_on: content.endsOn,
      created_by: input.actor,
      created_at: input.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.enrolmentIds.length)
    await trx
      .updateTable("enrolments")
      .set({ head_order_id: row.id })
      .where("id", "in", input.enrolmentIds)
      .execute();
  await audit(trx, {
    actor: input.actor,
    action: "head_order.create",
    entity: "head_order",
    entityId: row.id,
    after: {
      number: input.order.number,
      date: input.order.date,
      cohortId: input.cohortId,
      transferRequestId: content.transfer?.requestId ?? null,
    },
    at: input.now,
  });
  return row.id;
}

export interface HeadOrderSummary {
  id: number;
  number: string;
  date: IsoDate;
  program: Both;
  startsOn: IsoDate;
  endsOn: IsoDate;
  employees: number;
  /** The order carries out a transfer (item 13.2). */
  transfer: boolean;
  /** Set when the cohort's dates moved after the order (as amended) named them. */
  oldDates: { named: DatesRange; cohort: DatesRange } | null;
  /** Amending orders recorded for it, oldest first. */
  amendments: SignedOrder[];
}

type DatesRange = { startsOn: IsoDate; endsOn: IsoDate };

/** The region's kept orders, newest first, each marked when it names old dates. */
export async function headOrdersOfRegion(
  db: Kysely<Database>,
  regionId: number,
  limit = 20,
): Promise<HeadOrderSummary[]> {
  const rows = await db
    .selectFrom("head_orders as ho")
    .innerJoin("cohorts as c", "c.id", "ho.cohort_id")
    .select(["ho.id", "ho.number", "ho.order_date", "ho.content", "ho.transfer_request_id"])
    .select(["ho.named_starts_on", "ho.named_ends_on", "c.starts_on", "c.ends_on"])
    .where("ho.region_unit_id", "=", regionId)
    .orderBy("ho.order_date", "desc")
    .orderBy("ho.id", "desc")
    .limit(limit)
    .execute();
  const ids = rows.map((r) => r.id);
  const stale = new Set(
    ids.length
      ? (await ordersNamingOldDates(db).select("ho.id").where("ho.id", "in", ids).execute()).map(
          (r) => r.id,
        )
      : [],
  );
  const amendments = ids.length
    ? await db
        .selectFrom("head_order_amendments")
        .select(["head_order_id", "number", "order_date"])
        .where("head_order_id", "in", ids)
        .orderBy("id")
        .execute()
    : [];
  return rows.map((r) => {
    const content = r.content as HeadOrderContent;
    return {
      id: r.id,
      number: r.number,
      date: r.order_date,
      program: content.program,
      startsOn: content.startsOn,
      endsOn: content.endsOn,
      employees: content.employees.length,
      transfer: r.transfer_request_id !== null,
      oldDates: stale.has(r.id)
        ? {
            named: { startsOn: r.named_starts_on, endsOn: r.named_ends_on },
            cohort: { startsOn: r.starts_on, endsOn: r.ends_on },
          }
        : null,
      amendments: amendments
        .filter((a) => a.head_order_id === r.id)
        .map((a) => ({ number: a.number, date: a.order_date })),
    };
  });
}

/** One kept order of the region, as it was signed; undefined outside the region. */
export async function headOrderOfRegion(
  db: Kysely<Database>,
  regionId: number,
  orderId: number,
): Promise<{ content: HeadOrderContent; signed: SignedOrder } | undefined> {
  const row = await db
    .selectFrom("head_orders")
    .select(["number", "order_date", "content"])
    .where("id", "=", orderId)
    .where("region_unit_id", "=", regionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    content: row.content as HeadOrderContent,
    signed: { number: row.number, date: row.order_date },
  };
}
