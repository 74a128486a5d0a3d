// Cohorts of a training organization (items 4, 6, 10): programme, dates, form
// (distance only with a recorded basis), at least 40 academic hours, capacity,
// schedule. Checked by the rules before anything is written; changes are audited.

import type { Kysely, Transaction } from "kysely";
import type { Cohort, Database, EnrolmentStatus, IsoDate } from "../../db/types.js";
import { bothLanguages, inLanguage } from "../i18n/in-language.js";
import { notifyAll } from "../outbox/notices.js";
import { routes } from "../routes/index.js";
import {
  almatyDate,
  type CohortEditProblem,
  type CohortPhase,
  type CohortProblem,
  cohortPhase,
  formatDate,
  validateCohort,
  validateCohortEdit,
} from "../rules/index.js";
import { audit } from "./audit.js";
import { reachableParticipants, tellParticipantsNewDates } from "./cohort-calendar.js";
import { activeCohortsCounting } from "./joins.js";
import { tellOfOrdersNamingOldDates } from "./order-amendments.js";
import { type Invalid, invalid, type Refused, refuse } from "./outcome.js";

type Db = Kysely<Database> | Transaction<Database>;

/** A cohort's terms (items 4, 6): its days, its form and why remote, its hours. */
export interface CohortTerms {
  startsOn: IsoDate;
  endsOn: IsoDate;
  form: "full_time" | "remote";
  remoteBasis: string | null;
  remoteBasisNote: string | null;
  academicHours: number;
}

export interface CohortInput extends CohortTerms {
  programKk: string;
  programRu: string;
  capacity: number;
  scheduleText: string | null;
  scheduleFileId: string | null;
  scheduleFileName: string | null;
}

export async function createCohort(
  db: Kysely<Database>,
  input: CohortInput & { providerId: number; actor: number; now: Date },
): Promise<{ ok: true; id: number } | Invalid<CohortProblem>> {
  const problems = validateCohort(input);
  if (problems.length) return invalid(problems);
  // The cohort and its record together, or neither.
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("cohorts")
      .values({
        provider_id: input.providerId,
        program_title_kk: input.programKk,
        program_title_ru: input.programRu,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        form: input.form,
        remote_basis: input.form === "remote" ? input.remoteBasis : null,
        remote_basis_note: input.form === "remote" ? input.remoteBasisNote : null,
        academic_hours: input.academicHours,
        capacity: input.capacity,
        schedule_text: input.scheduleText,
        schedule_file_id: input.scheduleFileId,
        schedule_file_name: input.scheduleFileName,
        created_at: input.now,
        updated_at: input.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: input.actor,
      action: "cohort.create",
      entity: "cohort",
      entityId: row.id,
      after: row,
      at: input.now,
    });
    return { ok: true as const, id: row.id };
  });
}

export interface CohortSummary {
  id: number;
  program: { kk: string; ru: string };
  startsOn: IsoDate;
  endsOn: IsoDate;
  capacity: number;
  enrolled: number;
  phase: CohortPhase;
  providerName: { kk: string; ru: string };
}

export async function cohortsOf(
  db: Db,
  filter: { providerId?: number },
  today: IsoDate,
): Promise<CohortSummary[]> {
  let query = activeCohortsCounting(db, ["enrolled", "passed", "failed"]).orderBy("c.starts_on");
  if (filter.providerId !== undefined) query = query.where("c.provider_id", "=", filter.providerId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    program: bothLanguages(r, "program_title"),
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    capacity: r.capacity,
    enrolled: Number(r.enrolled),
    phase: cohortPhase({ startsOn: r.starts_on, endsOn: r.ends_on }, today),
    providerName: bothLanguages(r, "name"),
  }));
}

/** A cohort of this provider only. */
export async function providerCohort(
  db: Db,
  cohortId: number,
  providerId: number,
): Promise<Cohort | undefined> {
  return db
    .selectFrom("cohorts")
    .selectAll()
    .where("id", "=", cohortId)
    .where("provider_id", "=", providerId)
    .executeTakeFirst();
}

export interface Participant {
  enrolmentId: number;
  employeeId: number;
  name: string;
  status: EnrolmentStatus;
  agreementConfirmed: boolean;
  telegramId: number | null;
  unitId: number;
  /**
   * The certificate of this training that decides (items 12, 13): "valid" while one
   * is, "revoked" when the only ones left were revoked, null when none was issued.
   */
  certificate: "valid" | "revoked" | null;
}

export async function participants(db: Db, cohortId: number): Promise<Participant[]> {
  const rows = await db
    .selectFrom("enrolments as en")
    .innerJoin("employees as e", "e.id", "en.employee_id")
    .select([
      "en.id",
      "en.status",
      "en.agreement_confirmed_at",
      "e.id as employee_id",
      "e.last_name",
      "e.first_name",
      "e.patronymic",
      "e.telegram_user_id",
      "e.unit_id",
      // "valid" sorts after "revoked": the greatest is valid when one is.
      (eb) =>
        eb
          .selectFrom("certificates as cert")
          .select((c) => c.fn.max("cert.status").as("status"))
          .whereRef("cert.enrolment_id", "=", "en.id")
          .where("cert.status", "in", ["valid", "revoked"])
          .as("certificate"),
    ])
    .where("en.cohort_id", "=", cohortId)
    .where("en.status", "in", ["enrolled", "passed", "failed"])
    .orderBy("e.last_name")
    .orderBy("e.first_name")
    .execute();
  return rows.map((r) => ({
    enrolmentId: r.id,
    employeeId: r.employee_id,
    name: [r.last_name, r.first_name, r.patronymic].filter(Boolean).join(" "),
    status: r.status,
    agreementConfirmed: r.agreement_confirmed_at !== null,
    telegramId: r.telegram_user_id,
    unitId: r.unit_id,
    certificate: (r.certificate as "valid" | "revoked" | null) ?? null,
  }));
}

export { COHORT_FIELDS, type CohortField } from "../rules/index.js";

export type CohortChange =
  | { field: "program_title_kk" | "program_title_ru" | "starts_on" | "ends_on"; value: string }
  | { field: "academic_hours" | "capacity"; value: number }
  | { field: "schedule"; text: string | null; fileId: string | null; fileName: string | null };

/** Head counts an edit is checked against: participants, those still enrolled, tests. */
async function cohortLoad(trx: Transaction<Database>, cohortId: number) {
  const row = await trx
    .selectFrom("enrolments as en")
    .select((eb) => [
      eb.fn.countAll<number>().as("participants"),
      eb.fn.count<number>("en.id").filterWhere("en.status", "=", "enrolled").as("enrolled"),
      eb
        .exists(
          eb
            .selectFrom("test_attempts as ta")
            .innerJoin("enrolments as e2", "e2.id", "ta.enrolment_id")
            .select("ta.id")
            .where("e2.cohort_id", "=", cohortId),
        )
        .as("tests"),
    ])
    .where("en.cohort_id", "=", cohortId)
    .where("en.status", "in", ["enrolled", "passed", "failed"])
    .executeTakeFirstOrThrow();
  return {
    participants: Number(row.participants),
    enrolled: Number(row.enrolled),
    testsRecorded: Boolean(row.tests),
  };
}

/** The participants still in training hear of a change to their cohort, in the same transaction. */
async function tellParticipants(trx: Transaction<Database>, cohort: Cohort, now: Date) {
  const people = await reachableParticipants(trx, cohort.id);
  await notifyAll(
    trx,
    people.map((p) => p.telegramId),
    {
      key: "cohorts.notify_changed",
      audience: "employee",
      params: (language) => ({
        program: inLanguage(cohort, "program_title", language),
        from: formatDate(cohort.starts_on),
        to: formatDate(cohort.ends_on),
      }),
      buttons: [
        {
          labelKey: "employee.menu.cohort",
          data: routes.employeeCohort.pack({ grant: { role: "employee" } }),
        },
      ],
    },
    now,
  );
}

export type CohortEditRefusal = CohortEditProblem | "not_found";

/**
 * Changes one thing of a provider's cohort in one transaction: the rules check the
 * result (items 4, 6, 9, 12), the change is audited, and the participants still in
 * training are told of anything that concerns them (all but the number of places).
 */
export async function updateCohort(
  db: Kysely<Database>,
  input: { cohortId: number; providerId: number; change: CohortChange; actor: number; now: Date },
): Promise<{ ok: true } | Refused<"not_found"> | Invalid<CohortEditRefusal>> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("cohorts")
      .selectAll()
      .where("id", "=", input.cohortId)
      .where("provider_id", "=", input.providerId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return refuse("not_found");
    const change = input.change;
    const set =
      change.field === "schedule"
        ? {
            schedule_text: change.text,
            schedule_file_id: change.fileId,
            schedule_file_name: change.fileName,
          }
        : { [change.field]: change.value };
    const after: Cohort = { ...before, ...set };
    const problems = validateCohortEdit({
      before: {
        startsOn: before.starts_on,
        endsOn: before.ends_on,
        academicHours: before.academic_hours,
        program: [before.program_title_kk, before.program_title_ru],
      },
      after: {
        program: [after.program_title_kk, after.program_title_ru],
        academicHours: after.academic_hours,
        form: after.form,
        remoteBasis: after.remote_basis,
        startsOn: after.starts_on,
        endsOn: after.ends_on,
        capacity: after.capacity,
      },
      today: almatyDate(input.now),
      ...(await cohortLoad(trx, before.id)),
    });
    if (problems.length) return invalid(problems);
    await trx
      .updateTable("cohorts")
      .set({ ...set, updated_at: input.now })
      .where("id", "=", before.id)
      .execute();
    // New dates reach the participants with a new calendar file (same transaction).
    if (
      (change.field === "starts_on" || change.field === "ends_on") &&
      change.value !== before[change.field]
    ) {
      await tellParticipantsNewDates(trx, { cohortId: before.id, now: input.now });
      // Orders that named the old dates are marked and their regions told (item 9).
      await tellOfOrdersNamingOldDates(trx, {
        cohortId: before.id,
        actor: input.actor,
        now: input.now,
      });
    }
    const changedKeys = Object.keys(set) as Array<keyof typeof before>;
    await audit(trx, {
      actor: input.actor,
      action: "cohort.update",
      entity: "cohort",
      entityId: before.id,
      before: Object.fromEntries(changedKeys.map((k) => [k, before[k]])),
      after: set,
      at: input.now,
    });
    // Other changes than the dates (which come with the calendar file above) and places.
    if (!["capacity", "starts_on", "ends_on"].includes(change.field))
      await tellParticipants(trx, after, input.now);
    return { ok: true };
  });
}
