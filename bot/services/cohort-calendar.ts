// The cohort in a participant's phone calendar: what the calendar file says, and the
// notices that carry it — with the enrolment notice, and again whenever the cohort's
// dates change, so the event in the calendar moves with it (same UID, higher SEQUENCE).
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/types.js";
import type { CohortCalendar } from "../documents/cohort-ics.js";
import { enqueue, type OutboxAttachment } from "../outbox/outbox.js";
import { routes } from "../routes/index.js";
import { formatDate } from "../rules/index.js";
import { cohortNameColumns, cohortNames, cohortsWithProvider } from "./joins.js";

type Db = Kysely<Database> | Transaction<Database>;

export async function cohortCalendar(
  db: Db,
  cohortId: number,
): Promise<CohortCalendar | undefined> {
  const row = await cohortsWithProvider(db)
    .select(cohortNameColumns)
    .select([
      "c.id",
      "c.updated_at",
      "c.form",
      "c.remote_basis",
      "c.starts_on",
      "c.ends_on",
      "c.academic_hours",
      "c.schedule_text",
    ])
    .where("c.id", "=", cohortId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    cohortId: row.id,
    updatedAt: new Date(row.updated_at),
    ...cohortNames(row),
    form: row.form,
    remoteBasis: row.remote_basis,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    academicHours: row.academic_hours,
    scheduleText: row.schedule_text,
  };
}

/** What an outbox row carries to have the cohort's calendar file sent with it. */
export const cohortCalendarAttachment = (cohortId: number): OutboxAttachment => ({
  kind: "cohort_ics",
  cohortId,
});

/**
 * The participants of a cohort still in training whom the bot can write to: everyone
 * told of a change to the cohort, whether of its dates (here) or of anything else
 * (services/cohorts.ts).
 */
export async function reachableParticipants(
  db: Db,
  cohortId: number,
): Promise<Array<{ enrolmentId: number; telegramId: number }>> {
  const rows = await db
    .selectFrom("enrolments as en")
    .innerJoin("employees as e", "e.id", "en.employee_id")
    .select(["en.id", "e.telegram_user_id"])
    .where("en.cohort_id", "=", cohortId)
    .where("en.status", "=", "enrolled")
    .where("e.telegram_user_id", "is not", null)
    .execute();
  return rows.flatMap((r) =>
    r.telegram_user_id === null ? [] : [{ enrolmentId: r.id, telegramId: r.telegram_user_id }],
  );
}

/**
 * The cohort's dates changed: each participant still enrolled is told the new dates,
 * with the calendar file again. Runs in the transaction that changed the dates.
 */
export async function tellParticipantsNewDates(
  trx: Db,
  input: { cohortId: number; now: Date },
): Promise<number> {
  const calendar = await cohortCalendar(trx, input.cohortId);
  if (!calendar) return 0;
  const people = await reachableParticipants(trx, input.cohortId);
  return enqueue(
    trx,
    people.map((p) => ({
      telegramId: p.telegramId,
      textKey: "calendar.dates_changed",
      audience: "employee" as const,
      params: {
        program: { kk: calendar.program.kk, ru: calendar.program.ru },
        provider: { kk: calendar.provider.kk, ru: calendar.provider.ru },
        from: formatDate(calendar.startsOn),
        to: formatDate(calendar.endsOn),
      },
      buttons: [
        {
          labelKey: "employee.menu.cohort",
          data: routes.employeeCohort.pack({ grant: { role: "employee" } }),
        },
      ],
      attachment: cohortCalendarAttachment(input.cohortId),
      // One notice per enrolment and version of the dates.
      dedupeKey: `cohort-dates:${p.enrolmentId}:${calendar.startsOn}:${calendar.endsOn}:${input.now.getTime()}`,
      notBefore: input.now,
    })),
  );
}
