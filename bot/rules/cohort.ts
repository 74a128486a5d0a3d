// Items 4 and 6: how a cohort may be run.
import type { IsoDate } from "./dates.js";

/** Item 6: at least 40 academic hours (of 45 minutes each). */
export const MIN_ACADEMIC_HOURS = 40;

/** Item 4.2: the only grounds for distance learning. */
export const REMOTE_BASES = [
  "emergency_state",
  "restrictive_measures",
  "quarantine",
  "emergency_declared",
] as const;
export type RemoteBasis = (typeof REMOTE_BASES)[number];

/** The terms of a cohort its provider may change after creating it (each change is checked again). */
export const COHORT_FIELDS = [
  "program_title_kk",
  "program_title_ru",
  "starts_on",
  "ends_on",
  "academic_hours",
  "capacity",
  "schedule",
] as const;
export type CohortField = (typeof COHORT_FIELDS)[number];

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

export type CohortEditProblem =
  | CohortProblem
  | "past"
  | "moves_out_of_list_year"
  | "tests_recorded"
  | "capacity_below_enrolled";

/**
 * Items 4, 6, 9, 12: an edit keeps every rule a new cohort has, plus what its people
 * already rely on. A new start date may not be in the past; a cohort with
 * participants stays in the year of the list they were sent from (item 9: the
 * order enrols from the approved list of that year); once tests are recorded its
 * dates, its academic hours and its programme are fixed (item 12: the certificates
 * and statements already issued print them, and every later one must print the same);
 * places never drop below the participants.
 */
export function validateCohortEdit(input: {
  before: { startsOn: IsoDate; endsOn: IsoDate; academicHours: number; program: string[] };
  after: Parameters<typeof validateCohort>[0] & { program: string[] };
  today: IsoDate;
  participants: number;
  enrolled: number;
  testsRecorded: boolean;
}): CohortEditProblem[] {
  const { before, after } = input;
  const problems: CohortEditProblem[] = validateCohort(after);
  const termsChanged =
    after.startsOn !== before.startsOn ||
    after.endsOn !== before.endsOn ||
    after.academicHours !== before.academicHours ||
    after.program.join("\n") !== before.program.join("\n");
  if (after.startsOn !== before.startsOn && after.startsOn < input.today) problems.push("past");
  const year = before.startsOn.slice(0, 4);
  if (
    input.participants > 0 &&
    (!after.startsOn.startsWith(year) || !after.endsOn.startsWith(year))
  )
    problems.push("moves_out_of_list_year");
  if (termsChanged && input.testsRecorded) problems.push("tests_recorded");
  if (after.capacity < input.enrolled) problems.push("capacity_below_enrolled");
  return problems;
}
