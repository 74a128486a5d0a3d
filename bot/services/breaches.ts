// Breaches of the agreement (item 11): the provider records one, the employee's
// regional coordinators are told in the same transaction and see the region's list.

import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { bothLanguages } from "../i18n/in-language.js";
import { audit } from "./audit.js";
import { notifyCoordinators } from "./coordinators.js";
import { enrolmentsOfPeople } from "./joins.js";
import { inRegion } from "./scope.js";

/**
 * Item 11: the provider reports a breach of the agreement; the employee's regional
 * coordinators are told in the same transaction.
 */
export async function recordBreach(
  db: Kysely<Database>,
  input: { providerId: number; enrolmentId: number; description: string; actor: number; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const e = await enrolmentsOfPeople(trx)
      .innerJoin("providers as p", "p.id", "c.provider_id")
      .select([
        "en.id",
        "e.last_name",
        "e.first_name",
        "e.patronymic",
        "u.id as unit_id",
        "u.parent_id",
        "p.name_kk",
        "p.name_ru",
      ])
      .where("en.id", "=", input.enrolmentId)
      .where("c.provider_id", "=", input.providerId)
      .executeTakeFirst();
    if (!e) return false;
    const row = await trx
      .insertInto("breaches")
      .values({
        enrolment_id: e.id,
        description: input.description,
        recorded_by: input.actor,
        recorded_at: input.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: input.actor,
      action: "breach.record",
      entity: "breach",
      entityId: row.id,
      after: { enrolmentId: e.id, description: input.description },
      at: input.now,
    });
    const name = [e.last_name, e.first_name, e.patronymic].filter(Boolean).join(" ");
    const provider = bothLanguages(e, "name");
    await notifyCoordinators(
      trx,
      e.parent_id ?? e.unit_id,
      "regional_coordinator",
      {
        key: "cohorts.notify_breach",
        params: (language) => ({
          name,
          provider: provider[language],
          description: input.description,
        }),
      },
      input.now,
    );
    return true;
  });
}

export async function breachesOf(db: Kysely<Database>, regionId: number) {
  return enrolmentsOfPeople(db)
    .innerJoin("breaches as b", "b.enrolment_id", "en.id")
    .innerJoin("providers as p", "p.id", "c.provider_id")
    .select([
      "b.id",
      "b.description",
      "b.recorded_at",
      "e.last_name",
      "e.first_name",
      "p.name_kk",
      "p.name_ru",
      "u.name_kk as unit_kk",
      "u.name_ru as unit_ru",
    ])
    .where((eb) => inRegion(eb, "u", regionId))
    .orderBy("b.recorded_at", "desc")
    .limit(30)
    .execute();
}
