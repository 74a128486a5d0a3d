// Items 7, 8: a list not sent (a district's) or not approved (a region's
// consolidated list) by its deadline is still formed in its own year, marked late
// (rules/list-years.ts). Until it is, its coordinators are reminded on the 1st and
// the 15th of each month of that year, with a button to that year's list.
import type { Kysely } from "kysely";
import type { Database, IsoDate } from "../../db/types.js";
import type { OutboxMessage } from "../outbox/outbox.js";
import { routes } from "../routes/index.js";
import { formatDate, listDeadline } from "../rules/index.js";

export async function lateListReminders(
  db: Kysely<Database>,
  today: IsoDate,
): Promise<Array<Omit<OutboxMessage, "notBefore">>> {
  if (!["01", "15"].includes(today.slice(8))) return [];
  const year = Number(today.slice(0, 4));
  const rows = await db
    .selectFrom("lists as l")
    .innerJoin("memberships as m", "m.unit_id", "l.unit_id")
    .select(["l.unit_id", "l.kind", "m.telegram_user_id"])
    .where("l.year", "=", year)
    .where("m.revoked_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("l.kind", "=", "district"),
          eb("l.status", "in", ["draft", "returned"]),
          eb("m.role", "=", "district_coordinator"),
        ]),
        eb.and([
          eb("l.kind", "=", "regional"),
          eb("l.status", "=", "draft"),
          eb("m.role", "=", "regional_coordinator"),
        ]),
      ]),
    )
    .execute();
  return rows.map((r) => {
    const grant =
      r.kind === "district"
        ? ({ role: "district_coordinator", unitId: r.unit_id } as const)
        : ({ role: "regional_coordinator", unitId: r.unit_id } as const);
    return {
      telegramId: r.telegram_user_id,
      textKey:
        r.kind === "district" ? "reminders.late_district_list" : "reminders.late_consolidated_list",
      params: { year, date: formatDate(listDeadline(r.kind, year)) },
      buttons: [{ labelKey: "lists.open_button", data: routes.listOfYear.pack({ grant, year }) }],
      dedupeKey: `late-list:${r.kind}:${r.unit_id}:${today}:${r.telegram_user_id}`,
    };
  });
}
