// Item 7: every year the district body lists the employees to be trained in the
// coming calendar year.
import { almatyYear, type IsoDate } from "./dates.js";
import { dueDate } from "./due-date.js";

/** The list formed in year Y is for year Y + 1 (item 7: "the coming calendar year"). */
export function listYearFor(now: Date): number {
  return almatyYear(now) + 1;
}

export type ListReason = "never_trained" | "overdue" | "due";

export type ListProposal =
  | { include: true; reason: ListReason; dueOn: IsoDate | null }
  | { include: false; reason: "up_to_date" | "already_enrolled"; dueOn: IsoDate | null };

export interface EnrolmentForList {
  cohortEndsOn: IsoDate;
  status: "enrolled" | "passed" | "failed" | "transferred" | "withdrawn";
}

/**
 * Item 7: on next year's list when never trained, overdue today, or due on or
 * before 31 December of the list year — unless already enrolled in a cohort that
 * ends by the due date (for the never-trained and the overdue: any open enrolment,
 * since their training is already arranged).
 */
export function proposeListEntry(input: {
  lastCertificateIssuedOn: IsoDate | null;
  listYear: number;
  today: IsoDate;
  enrolments: readonly EnrolmentForList[];
}): ListProposal {
  const dueOn = dueDate(input.lastCertificateIssuedOn);
  const reason: ListReason | null =
    dueOn === null
      ? "never_trained"
      : dueOn < input.today
        ? "overdue"
        : dueOn <= `${input.listYear}-12-31`
          ? "due"
          : null;
  if (reason === null) return { include: false, reason: "up_to_date", dueOn };
  const arranged = input.enrolments.some(
    (e) =>
      e.status === "enrolled" &&
      (dueOn === null || reason === "overdue" || e.cohortEndsOn <= dueOn),
  );
  if (arranged) return { include: false, reason: "already_enrolled", dueOn };
  return { include: true, reason, dueOn };
}

export function proposeList<
  T extends { lastCertificateIssuedOn: IsoDate | null; enrolments: readonly EnrolmentForList[] },
>(
  employees: readonly T[],
  listYear: number,
  today: IsoDate,
): Array<{ employee: T; proposal: ListProposal }> {
  return employees.map((employee) => ({
    employee,
    proposal: proposeListEntry({ ...employee, listYear, today }),
  }));
}
