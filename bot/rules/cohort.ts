// Items 4 and 6: how a cohort may be run.
import type { IsoDate } from "./dates.js";

/** Item 6: at least 40 academic hours, each of 45 minutes. */
export const MIN_ACADEMIC_HOURS = 40;
export const ACADEMIC_HOUR_MINUTES = 45;

/** Item 4.2: the only grounds for distance learning. */
export const REMOTE_BASES = [
  "emergency_state",
  "restrictive_measures",
  "quarantine",
  "emergency_declared",
] as const;
export type RemoteBasis = (typeof REMOTE_BASES)[number];

export type CohortProblem =
  | "hours_below_minimum"
  | "remote_without_basis"
  | "ends_before_start"
  | "capacity_not_positive";

/** Items 4, 6: everything wrong with a cohort's terms (empty when valid). */
export function validateCohort(cohort: {
  academicHours: number;
  form: "full_time" | "remote";
  remoteBasis?: string | null;
  startsOn: IsoDate;
  endsOn: IsoDate;
  capacity: number;
}): CohortProblem[] {
  const problems: CohortProblem[] = [];
  if (!Number.isInteger(cohort.academicHours) || cohort.academicHours < MIN_ACADEMIC_HOURS) {
    problems.push("hours_below_minimum");
  }
  if (cohort.form === "remote" && !REMOTE_BASES.includes(cohort.remoteBasis as RemoteBasis)) {
    problems.push("remote_without_basis");
  }
  if (cohort.endsOn < cohort.startsOn) problems.push("ends_before_start");
  if (!Number.isInteger(cohort.capacity) || cohort.capacity < 1)
    problems.push("capacity_not_positive");
  return problems;
}

export type CohortPhase = "upcoming" | "running" | "finished";

export function cohortPhase(
  cohort: { startsOn: IsoDate; endsOn: IsoDate },
  today: IsoDate,
): CohortPhase {
  if (today < cohort.startsOn) return "upcoming";
  return today > cohort.endsOn ? "finished" : "running";
}
