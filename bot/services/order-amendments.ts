// Item 9: the head's order states the training dates. When the organization moves a
// cohort after orders named its dates, those orders name old dates: each is marked on
// the record (an audit row), the regional coordinators of the order's region are told
// in the transaction of the change, and the amending order (its number and date) is
// recorded when they enter it, naming the cohort's dates as they are then.

import type { Kysely, Transaction } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import { inLanguage } from "../i18n/in-language.js";
import { routes } from "../routes/index.js";
import {
  type AmendingOrderDateProblem,
  almatyDate,
  amendingOrderDateProblem,
  formatDate,
  namesOldDates,
} from "../rules/index.js";
import { audit } from "./audit.js";
import { notifyCoordinators } from "./coordinators.js";
import { cohortNameColumns, cohortsWithProvider } from "./joins.js";
import { doneBy, type Refused, refuse } from "./outcome.js";

type Db = Kysely<Database> | Transaction<Database>;

/** An order's number and date, the dates it names and its cohort's dates now. */
const orderAndDates = [
  "ho.number",
  "ho.order_date",
  "ho.named_starts_on",
  "ho.named_ends_on",
  "c.starts_on",
  "c.ends_on",
] as const;

/**
 * Kept orders ("ho") with their cohort ("c") that name other dates than the cohort's
 * now while someone they sent is still in it (an order whose people all moved on
 * needs no amendment).
 */
export function ordersNamingOldDates(db: Db) {
  return db
    .selectFrom("head_orders as ho")
    .innerJoin("cohorts as c", "c.id", "ho.cohort_id")
    .where((eb) =>
      eb.or([
        eb("ho.named_starts_on", "<>", eb.ref("c.starts_on")),
        eb("ho.named_ends_on", "<>", eb.ref("c.ends_on")),
      ]),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("enrolments as en")
          .select("en.id")
          .whereRef("en.head_order_id", "=", "ho.id")
          .where("en.status", "in", ["enrolled", "passed", "failed"]),
      ),
    );
}

/**
 * After a cohort's dates changed (in that transaction): each order now naming old
 * dates is marked on the record, and its region's coordinators are told once, with
 * every such order of theirs and a way to the orders screen.
 */
export async function tellOfOrdersNamingOldDates(
  trx: Transaction<Database>,
  input: { cohortId: number; actor: number; now: Date },
): Promise<void> {
  const orders = await ordersNamingOldDates(trx)
    .select(["ho.id", "ho.region_unit_id", ...orderAndDates])
    .where("ho.cohort_id", "=", input.cohortId)
    .orderBy("ho.order_date")
    .orderBy("ho.id")
    .execute();
  if (orders.length === 0) return;
  const cohort = await cohortsWithProvider(trx)
    .select(cohortNameColumns)
    .select(["c.starts_on", "c.ends_on"])
    .where("c.id", "=", input.cohortId)
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    orders.map((order) => ({
      actor: input.actor,
      action: "head_order.names_old_dates",
      entity: "head_order",
      entityId: order.id,
      before: { startsOn: order.named_starts_on, endsOn: order.named_ends_on },
      after: { cohortStartsOn: order.starts_on, cohortEndsOn: order.ends_on },
      at: input.now,
    })),
  );
  for (const regionId of new Set(orders.map((o) => o.region_unit_id))) {
    const ofRegion = orders.filter((o) => o.region_unit_id === regionId);
    const notice = {
      key: "head_orders.notify_old_dates",
      params: (language: "kk" | "ru") => ({
        program: inLanguage(cohort, "program_title", language),
        provider: inLanguage(cohort, "name", language),
        from: formatDate(cohort.starts_on),
        to: formatDate(cohort.ends_on),
        orders: ofRegion
          .map((o) =>
            language === "kk"
              ? `${formatDate(o.order_date)} № ${o.number}`
              : `№ ${o.number} от ${formatDate(o.order_date)}`,
          )
          .join(", "),
      }),
      buttons: [
        {
          labelKey: "head_orders.menu",
          data: routes.headOrders.pack({
            grant: { role: "regional_coordinator", unitId: regionId },
          }),
        },
      ],
    };
    await notifyCoordinators(trx, regionId, "regional_coordinator", notice, input.now);
  }
}

export interface AmendableOrder {
  id: number;
  number: string;
  date: IsoDate;
  named: { startsOn: IsoDate; endsOn: IsoDate };
  cohort: { startsOn: IsoDate; endsOn: IsoDate };
}

export type AmendRefusal = "not_found" | "amended" | `order_${AmendingOrderDateProblem}`;

/** A kept order of the region with the dates it names and the cohort's dates now. */
async function orderOfRegion(db: Db, regionId: number, orderId: number, lock: boolean) {
  let query = db
    .selectFrom("head_orders as ho")
    .innerJoin("cohorts as c", "c.id", "ho.cohort_id")
    .select(["ho.id", ...orderAndDates])
    .where("ho.id", "=", orderId)
    .where("ho.region_unit_id", "=", regionId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    number: row.number,
    date: row.order_date,
    named: { startsOn: row.named_starts_on, endsOn: row.named_ends_on },
    cohort: { startsOn: row.starts_on, endsOn: row.ends_on },
  };
}

/** Why an order of the region cannot be amended now: not the region's, or amended already (by whom). */
async function notAmendable(
  db: Db,
  order: AmendableOrder | undefined,
): Promise<Refused<AmendRefusal> | null> {
  if (!order) return refuse("not_found");
  if (namesOldDates(order.named, order.cohort)) return null;
  const last = await db
    .selectFrom("head_order_amendments")
    .select(["created_by", "created_at"])
    .where("head_order_id", "=", order.id)
    .orderBy("id", "desc")
    .executeTakeFirst();
  return refuse("amended", last ? await doneBy(db, last.created_by, last.created_at) : undefined);
}

/** The order an amending order would amend, if it names old dates now. */
export async function amendableOrder(
  db: Kysely<Database>,
  regionId: number,
  orderId: number,
): Promise<{ ok: true; order: AmendableOrder } | Refused<AmendRefusal>> {
  const order = await orderOfRegion(db, regionId, orderId, false);
  const refused = await notAmendable(db, order);
  return refused ?? { ok: true, order: order as AmendableOrder };
}

/**
 * Records the amending order (item 9) in one transaction: the order locked and
 * checked to name old dates still, the amendment kept with the cohort's dates it
 * names now, the order's named dates moved to them, and the audit row. A second
 * press (or a second coordinator) is told who recorded it and when.
 */
export async function recordAmendingOrder(
  db: Kysely<Database>,
  input: {
    regionId: number;
    orderId: number;
    amending: { number: string; date: IsoDate };
    actor: number;
    now: Date;
  },
): Promise<{ ok: true; order: AmendableOrder } | Refused<AmendRefusal>> {
  return db.transaction().execute(async (trx) => {
    const order = await orderOfRegion(trx, input.regionId, input.orderId, true);
    const refused = await notAmendable(trx, order);
    if (refused || !order) return refused ?? refuse("not_found");
    const problem = amendingOrderDateProblem({
      orderDate: input.amending.date,
      today: almatyDate(input.now),
      amendedOrderDate: order.date,
    });
    if (problem) return refuse(`order_${problem}` as const);
    const row = await trx
      .insertInto("head_order_amendments")
      .values({
        head_order_id: order.id,
        number: input.amending.number,
        order_date: input.amending.date,
        starts_on: order.cohort.startsOn,
        ends_on: order.cohort.endsOn,
        created_by: input.actor,
        created_at: input.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("head_orders")
      .set({ named_starts_on: order.cohort.startsOn, named_ends_on: order.cohort.endsOn })
      .where("id", "=", order.id)
      .execute();
    await audit(trx, {
      actor: input.actor,
      action: "head_order.amend",
      entity: "head_order",
      entityId: order.id,
      before: order.named,
      after: {
        amendmentId: row.id,
        number: input.amending.number,
        date: input.amending.date,
        ...order.cohort,
      },
      at: input.now,
    });
    return { ok: true as const, order };
  });
}
