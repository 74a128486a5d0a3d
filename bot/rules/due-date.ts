// Item 6: training at least once every two years, whatever the length of service.
import { addYears, daysBetween, type IsoDate } from "./dates.js";

export const TRAINING_PERIOD_YEARS = 2;
export const DUE_SOON_DAYS = 90;

/** Item 6: the last certificate's date + 2 years; null = never trained, due now. */
export function dueDate(lastCertificateIssuedOn: IsoDate | null): IsoDate | null {
  return lastCertificateIssuedOn ? addYears(lastCertificateIssuedOn, TRAINING_PERIOD_YEARS) : null;
}

export type TrainingStatus =
  | { kind: "never_trained" }
  | { kind: "up_to_date"; dueOn: IsoDate; daysLeft: number }
  | { kind: "due_soon"; dueOn: IsoDate; daysLeft: number }
  | { kind: "overdue"; dueOn: IsoDate; daysOverdue: number };

/**
 * Item 6, as of `today`. The due date itself is still in time ("due soon", 0 days
 * left); the day after, the employee is overdue.
 */
export function trainingStatus(input: {
  lastCertificateIssuedOn: IsoDate | null;
  today: IsoDate;
  soonDays?: number;
}): TrainingStatus {
  const dueOn = dueDate(input.lastCertificateIssuedOn);
  if (dueOn === null) return { kind: "never_trained" };
  const daysLeft = daysBetween(input.today, dueOn);
  if (daysLeft < 0) return { kind: "overdue", dueOn, daysOverdue: -daysLeft };
  if (daysLeft <= (input.soonDays ?? DUE_SOON_DAYS)) return { kind: "due_soon", dueOn, daysLeft };
  return { kind: "up_to_date", dueOn, daysLeft };
}
