// An employee's card as a coordinator sees it (the chat's card and the tables'):
// the record, where the employee stands (item 6: the last certificate and the due
// date; items 7–8: the lists; items 9, 11: the open training and its agreement),
// the history of trainings and documents, and the answer to the personal-data
// notice. Read only for an employee of the coordinator's units.

import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { type ConsentState, employeeConsentStates } from "./consent.js";
import { deactivateEmployee, type EmployeeSummary, employeeInUnits } from "./employees.js";
import { enrolmentsOf } from "./my-data.js";
import { type DocumentEntry, documentsOfEmployee } from "./my-documents.js";
import { type DoneBy, doneBy, type Refused, refuse } from "./outcome.js";
import { type TrainingOverview, trainingOverview } from "./training.js";

export interface EmployeeCard {
  employee: EmployeeSummary;
  training: TrainingOverview;
  /** The answer to the current notice; "not_joined" without an account in the bot. */
  consent: ConsentState | "not_joined";
  /** Certificates and attendance statements, newest first. */
  documents: DocumentEntry[];
  /** Trainings, oldest first, with their tests and transfer requests. */
  enrolments: Awaited<ReturnType<typeof enrolmentsOf>>;
}

export async function employeeCard(
  db: Kysely<Database>,
  employeeId: number,
  unitIds: number[],
  now: Date,
): Promise<EmployeeCard | undefined> {
  const employee = await employeeInUnits(db, employeeId, unitIds);
  if (!employee) return undefined;
  const [training, consents, documents, enrolments] = await Promise.all([
    trainingOverview(db, employee.id, now),
    employeeConsentStates(db, [employee.id]),
    documentsOfEmployee(db, employee.id),
    enrolmentsOf(db, employee.id),
  ]);
  return {
    employee,
    training,
    consent: employee.joined ? (consents.get(employee.id) ?? "pending") : "not_joined",
    documents,
    enrolments,
  };
}

/**
 * Deactivates an employee of the units (the record and its history stay). A second
 * press is told who deactivated them and when.
 */
export async function deactivateInUnits(
  db: Kysely<Database>,
  input: { employeeId: number; unitIds: number[]; actor: number; now: Date },
): Promise<{ ok: true } | Refused<"out_of_scope"> | Refused<"decided">> {
  const employee = await employeeInUnits(db, input.employeeId, input.unitIds);
  if (!employee) return refuse("out_of_scope");
  if (await deactivateEmployee(db, input)) return { ok: true };
  return refuse("decided", await whoDeactivated(db, employee.id));
}

async function whoDeactivated(
  db: Kysely<Database>,
  employeeId: number,
): Promise<DoneBy | undefined> {
  const row = await db
    .selectFrom("audit_log")
    .select(["actor_telegram_id", "at"])
    .where("entity", "=", "employee")
    .where("entity_id", "=", String(employeeId))
    .where("action", "=", "employee.deactivate")
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row ? doneBy(db, row.actor_telegram_id, row.at) : undefined;
}
