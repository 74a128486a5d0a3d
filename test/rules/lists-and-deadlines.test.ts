// Items 7 and 8: who belongs on next year's list, and the deadlines.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  daysUntilDeadline,
  districtListDeadline,
  isLate,
  listYearFor,
  proposeListEntry,
  regionalListDeadline,
} from "../../bot/rules/index.js";

const today = "2026-10-15";
const listYear = 2027;
const propose = (
  lastCertificateIssuedOn: string | null,
  enrolments: { cohortEndsOn: string; status: "enrolled" | "passed" }[] = [],
) => proposeListEntry({ lastCertificateIssuedOn, listYear, today, enrolments });

describe("next year's list (item 7)", () => {
  it("is for the coming calendar year, by the Almaty date", () => {
    expect(listYearFor(new Date("2026-10-01T10:00:00Z"))).toBe(2027);
    expect(listYearFor(new Date("2026-12-31T19:00:00Z"))).toBe(2028);
  });

  it("takes in the never trained, the overdue and those due by 31 December of the list year", () => {
    expect(propose(null)).toMatchObject({ include: true, reason: "never_trained" });
    expect(propose("2024-05-01")).toMatchObject({
      include: true,
      reason: "overdue",
      dueOn: "2026-05-01",
    });
    expect(propose("2025-12-31")).toMatchObject({
      include: true,
      reason: "due",
      dueOn: "2027-12-31",
    });
    expect(propose("2026-01-01")).toMatchObject({
      include: false,
      reason: "up_to_date",
      dueOn: "2028-01-01",
    });
  });

  it("leaves out someone already enrolled in a cohort that ends by their due date", () => {
    expect(
      propose("2025-06-01", [{ cohortEndsOn: "2027-03-01", status: "enrolled" }]),
    ).toMatchObject({ include: false, reason: "already_enrolled" });
    expect(
      propose("2025-06-01", [{ cohortEndsOn: "2027-07-01", status: "enrolled" }]),
    ).toMatchObject({ include: true, reason: "due" });
    expect(propose(null, [{ cohortEndsOn: "2026-12-10", status: "enrolled" }])).toMatchObject({
      include: false,
      reason: "already_enrolled",
    });
    expect(propose("2025-06-01", [{ cohortEndsOn: "2027-03-01", status: "passed" }])).toMatchObject(
      { include: true },
    );
  });
});

describe("list deadlines (items 7, 8)", () => {
  it("are 1 November and 1 December of the year before", () => {
    expect(districtListDeadline(2027)).toBe("2026-11-01");
    expect(regionalListDeadline(2027)).toBe("2026-12-01");
  });

  it("count the day itself as on time, in Almaty time", () => {
    expect(isLate("district", 2027, new Date("2026-11-01T18:59:59Z"))).toBe(false); // 23:59:59 Almaty
    expect(isLate("district", 2027, new Date("2026-11-01T19:00:00Z"))).toBe(true); // 00:00 on 2 November
    expect(isLate("regional", 2027, new Date("2026-12-01T12:00:00Z"))).toBe(false);
    expect(isLate("regional", 2027, new Date("2026-12-02T03:00:00Z"))).toBe(true);
    expect(daysUntilDeadline("district", 2027, new Date("2026-10-31T12:00:00Z"))).toBe(1);
  });

  it("any submission is late exactly when its Almaty date is after the deadline", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2026-10-01T00:00:00Z"),
          max: new Date("2026-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        (at) => {
          const almaty = new Date(at.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
          expect(isLate("district", 2027, at)).toBe(almaty > "2026-11-01");
          expect(isLate("regional", 2027, at)).toBe(almaty > "2026-12-01");
        },
      ),
    );
  });
});
