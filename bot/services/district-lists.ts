import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/types.js";
import { routes } from "../routes/index.js";
import { isLate } from "../rules/index.js";
import { consolidatedApproved } from "./consolidated-list.js";
import { notifyCoordinators, notifyRegionOf } from "./coordinators.js";
import { setStatus, unitNames } from "./list-status.js";
import type { ListInfo } from "./lists.js";

/** Item 7: submitting after 1 November is allowed and marked late; the region is told. */
export function submitList(
  db: Kysely<Database>,
  listId: number,
  year: number,
  actor: number,
  now: Date,
) {
  return setStatus(
    db,
    listId,
    ["draft", "returned"],
    {
      status: "submitted",
      late: isLate("district", year, now),
      submitted_at: now,
      submitted_by: actor,
    },
    { actor, action: "list.submit", now },
    async (trx, list) => {
      const unit = await unitNames(trx, list.unitId);
      await notifyRegionOf(
        trx,
        list.unitId,
        (regionId) => ({
          key: "lists.notify_submitted",
          params: (language) => ({ unit: unit[language], year: list.year }),
          buttons: [
            {
              labelKey: "lists.open_button",
              data: routes.districtListReview.pack({
                grant: { role: "regional_coordinator", unitId: regionId },
                list: list.id,
              }),
            },
          ],
        }),
        now,
      );
    },
  );
}

/** The district's coordinators hear the region's decision, with a button to their list. */
function tellDistrict(key: string, reason: string, now: Date) {
  return (trx: Transaction<Database>, list: ListInfo) =>
    notifyCoordinators(
      trx,
      list.unitId,
      "district_coordinator",
      {
        key,
        params: { year: list.year, reason },
        buttons: [
          {
            labelKey: "lists.open_button",
            data: routes.listOfYear.pack({
              grant: { role: "district_coordinator", unitId: list.unitId },
              year: list.year,
            }),
          },
        ],
      },
      now,
    );
}

/**
 * Accepting a district list (item 7). After the consolidated list's approval its
 * people are not on the approved list until it is amended (item 8): the district
 * is told so.
 */
export function acceptList(db: Kysely<Database>, listId: number, actor: number, now: Date) {
  return setStatus(
    db,
    listId,
    ["submitted"],
    { status: "accepted", decided_at: now, decided_by: actor },
    { actor, action: "list.accept", now },
    async (trx, list) => {
      const late = list.count > 0 && (await consolidatedApproved(trx, list));
      const key = late ? "lists.notify_accepted_after_approval" : "lists.notify_accepted";
      await tellDistrict(key, "", now)(trx, list);
    },
  );
}

export function returnList(
  db: Kysely<Database>,
  listId: number,
  reason: string,
  actor: number,
  now: Date,
) {
  return setStatus(
    db,
    listId,
    ["submitted"],
    { status: "returned", return_reason: reason, decided_at: now, decided_by: actor },
    { actor, action: "list.return", now },
    tellDistrict("lists.notify_returned", reason, now),
  );
}
