// A person asks for their data to be corrected (Law No. 94-V, art. 24): the request
// is stored and goes to the coordinators of their unit as a task — a notice with the
// card and a "Done" button; when one of them marks it done, the person is told.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { enqueue } from "../outbox/outbox.js";
import { routes } from "../routes/index.js";
import { audit } from "./audit.js";

export const CORRECTION_MAX_LENGTH = 1000;

/** Coordinators who keep this employee's card, with the grant key their buttons need. */
/** Each step of a request is audited on the employee it concerns, naming the request. */
async function auditStep(
  trx: Kysely<Database>,
  action: "correction.request" | "correction.done",
  actor: number,
  employeeId: number,
  requestId: number,
  now: Date,
) {
  await audit(trx, {
    actor,
    action,
    entity: "employee",
    entityId: employeeId,
    after: { requestId },
    at: now,
  });
}

async function keepersOf(db: Kysely<Database>, employeeId: number) {
  return db
    .selectFrom("employees as e")
    .innerJoin("units as u", "u.id", "e.unit_id")
    .innerJoin("memberships as m", "m.unit_id", "e.unit_id")
    .select(["m.telegram_user_id", "m.role", "e.unit_id"])
    .where("e.id", "=", employeeId)
    .where("m.revoked_at", "is", null)
    .where((eb) =>
      eb.or([
        eb.and([eb("u.level", "=", "district"), eb("m.role", "=", "district_coordinator")]),
        eb.and([eb("u.level", "=", "region"), eb("m.role", "=", "regional_coordinator")]),
      ]),
    )
    .execute();
}

export async function requestCorrection(
  db: Kysely<Database>,
  input: { employeeId: number; telegramId: number; text: string; now: Date },
): Promise<{ id: number; coordinators: number }> {
  return db.transaction().execute(async (trx) => {
    const employee = await trx
      .selectFrom("employees")
      .select(["last_name", "first_name", "patronymic"])
      .where("id", "=", input.employeeId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto("correction_requests")
      .values({
        employee_id: input.employeeId,
        telegram_user_id: input.telegramId,
        text: input.text,
        created_at: input.now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditStep(
      trx,
      "correction.request",
      input.telegramId,
      input.employeeId,
      row.id,
      input.now,
    );
    const keepers = await keepersOf(trx, input.employeeId);
    const name = [employee.last_name, employee.first_name, employee.patronymic]
      .filter(Boolean)
      .join(" ");
    await enqueue(
      trx,
      keepers.map((k) => ({
        telegramId: k.telegram_user_id,
        textKey: "privacy.correction_notice",
        params: { id: row.id, name, text: input.text },
        buttons: [
          {
            labelKey: "privacy.correction_open_button",
            data: routes.employeeCard.pack({
              grant: {
                role: k.role === "district_coordinator" ? k.role : "regional_coordinator",
                unitId: k.unit_id ?? 0,
              },
              employee: input.employeeId,
            }),
          },
          {
            labelKey: "privacy.correction_done_button",
            data: routes.correctionDone.pack({ request: row.id }),
          },
        ],
        dedupeKey: `correction:${row.id}:${k.telegram_user_id}:${randomUUID()}`,
        notBefore: input.now,
      })),
    );
    return { id: row.id, coordinators: keepers.length };
  });
}

export type ResolveResult = { ok: true } | { ok: false; reason: "no_access" | "already_done" };

/** Marks a request done, if the person keeps that employee's card; tells the employee. */
export async function resolveCorrection(
  db: Kysely<Database>,
  input: { requestId: number; actor: number; now: Date },
): Promise<ResolveResult> {
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom("correction_requests as r")
      .innerJoin("employees as e", "e.id", "r.employee_id")
      .select(["r.id", "r.status", "r.employee_id", "e.telegram_user_id"])
      .where("r.id", "=", input.requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!request) return { ok: false, reason: "no_access" } as const;
    const keepers = await keepersOf(trx, request.employee_id);
    if (!keepers.some((k) => k.telegram_user_id === input.actor)) {
      return { ok: false, reason: "no_access" } as const;
    }
    if (request.status === "done") return { ok: false, reason: "already_done" } as const;
    await trx
      .updateTable("correction_requests")
      .set({ status: "done", resolved_by: input.actor, resolved_at: input.now })
      .where("id", "=", request.id)
      .execute();
    await auditStep(
      trx,
      "correction.done",
      input.actor,
      request.employee_id,
      request.id,
      input.now,
    );
    if (request.telegram_user_id !== null) {
      await enqueue(trx, [
        {
          telegramId: request.telegram_user_id,
          textKey: "privacy.correction_done_employee",
          params: { id: request.id },
          buttons: [{ labelKey: "privacy.menu", data: routes.myData.pack({}) }],
          dedupeKey: `correction-done:${request.id}`,
          notBefore: input.now,
          audience: "employee",
        },
      ]);
    }
    return { ok: true } as const;
  });
}
