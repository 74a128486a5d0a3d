// Items 4, 6 (cohorts), 13.1 (retest), 13.2 (transfer), and the IIN.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canRequestTransfer,
  canRetest,
  cohortPhase,
  cohortTakesPeople,
  eligibleTargetCohorts,
  enrolmentOrderProblem,
  isEligibleTargetCohort,
  makeIin,
  maskIin,
  orderDateProblem,
  retestsLeftThisYear,
  testDateProblem,
  validateCohort,
  validateCohortEdit,
  validateIin,
} from "../../bot/rules/index.js";

describe("a cohort (items 4, 6)", () => {
  const base = {
    academicHours: 72,
    form: "full_time" as const,
    startsOn: "2026-12-01",
    endsOn: "2026-12-10",
    capacity: 20,
  };
  it("needs at least 40 academic hours", () => {
    expect(validateCohort({ ...base, academicHours: 40 })).toEqual([]);
    expect(validateCohort({ ...base, academicHours: 39 })).toEqual(["hours_below_minimum"]);
  });
  it("may be distance learning only with a recorded basis", () => {
    expect(validateCohort({ ...base, form: "remote" })).toEqual(["remote_without_basis"]);
    expect(validateCohort({ ...base, form: "remote", remoteBasis: "quarantine" })).toEqual([]);
  });
  it("cannot end before it starts or have no places", () => {
    expect(validateCohort({ ...base, endsOn: "2026-11-30", capacity: 0 })).toEqual([
      "ends_before_start",
      "capacity_not_positive",
    ]);
  });
  it("is upcoming, running or finished", () => {
    expect(cohortPhase(base, "2026-11-30")).toBe("upcoming");
    expect(cohortPhase(base, "2026-12-01")).toBe("running");
    expect(cohortPhase(base, "2026-12-10")).toBe("running");
    expect(cohortPhase(base, "2026-12-11")).toBe("finished");
  });
});

describe("a retest (item 13.1)", () => {
  const failed = { takenOn: "2026-03-10", kind: "final" as const, passed: false };
  it("is allowed once a calendar year after a failed final test", () => {
    expect(
      canRetest({ hasCertificateFromTraining: false, attempts: [failed], today: "2026-05-01" }),
    ).toEqual({ allowed: true });
    const retested = [failed, { takenOn: "2026-04-02", kind: "retest" as const, passed: false }];
    expect(
      canRetest({ hasCertificateFromTraining: false, attempts: retested, today: "2026-12-31" }),
    ).toEqual({ allowed: false, reason: "retest_used_this_year", earlierOn: "2026-04-02" });
    expect(
      canRetest({ hasCertificateFromTraining: false, attempts: retested, today: "2027-01-01" }),
    ).toEqual({ allowed: true });
    expect(
      retestsLeftThisYear({
        hasCertificateFromTraining: false,
        attempts: retested,
        today: "2026-06-01",
      }),
    ).toBe(0);
  });
  it("is not for someone certified or who never failed", () => {
    expect(
      canRetest({ hasCertificateFromTraining: true, attempts: [failed], today: "2026-05-01" }),
    ).toMatchObject({ reason: "already_certified" });
    expect(
      canRetest({ hasCertificateFromTraining: false, attempts: [], today: "2026-05-01" }),
    ).toMatchObject({ reason: "no_failed_final" });
  });
  it("never allows two retests in one calendar year", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 365 }), fc.integer({ min: 0, max: 364 }), (a, b) => {
        const day = (n: number) => new Date(Date.UTC(2026, 0, n)).toISOString().slice(0, 10);
        const attempts = [failed, { takenOn: day(a), kind: "retest" as const, passed: false }];
        expect(
          canRetest({ hasCertificateFromTraining: false, attempts, today: day(b + 1) }).allowed,
        ).toBe(false);
      }),
    );
  });
});

describe("a retest counts the employee, not the enrolment (item 13(1))", () => {
  const failed = { takenOn: "2027-09-10", kind: "final" as const, passed: false };
  it("refuses a second retest of the year in another enrolment, naming the first", () => {
    const decision = canRetest({
      hasCertificateFromTraining: false,
      attempts: [failed],
      employeeRetestsOn: ["2026-12-31", "2027-03-01"],
      today: "2027-10-01",
    });
    expect(decision).toEqual({
      allowed: false,
      reason: "retest_used_this_year",
      earlierOn: "2027-03-01",
    });
    expect(
      canRetest({
        hasCertificateFromTraining: false,
        attempts: [failed],
        employeeRetestsOn: ["2027-03-01"],
        today: "2028-01-15",
      }),
    ).toEqual({ allowed: true });
  });
  it("lets a person whose certificate was revoked retake the test: the pass counts for nothing", () => {
    const passed = { takenOn: "2027-02-10", kind: "final" as const, passed: true };
    expect(
      canRetest({ hasCertificateFromTraining: false, attempts: [passed], today: "2027-03-10" }),
    ).toEqual({ allowed: true });
  });
  it("never allows two retests of one employee in a calendar year, across enrolments", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 365 }), fc.integer({ min: 0, max: 364 }), (a, b) => {
        const day = (n: number) => new Date(Date.UTC(2027, 0, n)).toISOString().slice(0, 10);
        expect(
          canRetest({
            hasCertificateFromTraining: false,
            attempts: [{ ...failed, takenOn: "2027-01-01" }],
            employeeRetestsOn: [day(a)],
            today: day(b + 1),
          }).allowed,
        ).toBe(false);
      }),
    );
  });
});

describe("a cohort's terms once a test is recorded (item 12)", () => {
  const before = {
    startsOn: "2027-02-01",
    endsOn: "2027-02-10",
    academicHours: 72,
    program: ["Бағдарлама", "Программа"],
  };
  const after = { ...before, form: "full_time" as const, capacity: 25 };
  const edit = (changed: Partial<typeof after>, testsRecorded: boolean) =>
    validateCohortEdit({
      before,
      after: { ...after, ...changed },
      today: "2027-02-11",
      participants: 3,
      enrolled: 0,
      testsRecorded,
    });
  it("fixes the academic hours and the programme as the dates", () => {
    expect(edit({ academicHours: 40 }, true)).toEqual(["tests_recorded"]);
    expect(edit({ program: ["Бағдарлама", "Другая"] }, true)).toEqual(["tests_recorded"]);
    expect(edit({ capacity: 30 }, true)).toEqual([]);
    expect(edit({ academicHours: 40 }, false)).toEqual([]);
  });
});

describe("an order sends people to a cohort only until its first day (items 9, 12)", () => {
  const cohortStartsOn = "2028-03-01";
  it("takes people before the first day; on it the cohort has started", () => {
    expect(cohortTakesPeople({ startsOn: cohortStartsOn }, "2028-02-29")).toBe(true);
    expect(cohortTakesPeople({ startsOn: cohortStartsOn }, "2028-03-01")).toBe(false);
    expect(cohortTakesPeople({ startsOn: cohortStartsOn }, "2028-03-02")).toBe(false);
    expect(cohortTakesPeople({ startsOn: cohortStartsOn }, "2028-03-10")).toBe(false);
  });
  it("wants a signed order: not dated in the future, nor after the first day", () => {
    const today = "2028-02-20";
    expect(enrolmentOrderProblem({ orderDate: "2030-01-01", cohortStartsOn, today })).toBe(
      "order_date_future",
    );
    expect(enrolmentOrderProblem({ orderDate: "2028-01-10", cohortStartsOn, today })).toBeNull();
    expect(orderDateProblem({ orderDate: "2028-03-02", cohortStartsOn, today: "2028-03-05" })).toBe(
      "order_date_after_start",
    );
    expect(
      enrolmentOrderProblem({ orderDate: "2028-02-20", cohortStartsOn, today: "2028-03-10" }),
    ).toBe("cohort_started");
  });
  it("never accepts an order entered on or after the first day, whatever its date", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: 0, max: 800 }), (a, b) => {
        const day = (n: number) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10);
        const [orderDate, today] = [day(a), day(b)];
        const problem = enrolmentOrderProblem({ orderDate, cohortStartsOn, today });
        if (problem === null) {
          expect(today < cohortStartsOn).toBe(true);
          expect(orderDate <= today).toBe(true);
        }
      }),
    );
  });
});

describe("the date of a final test or retest (items 12, 13.1)", () => {
  const cohort = { cohortEndsOn: "2026-12-05", today: "2026-12-20" };
  it("is on or after the cohort's last day, after every earlier test, and not in the future", () => {
    expect(testDateProblem({ ...cohort, takenOn: "2026-12-05", earlierTestsOn: [] })).toBeNull();
    expect(testDateProblem({ ...cohort, takenOn: "2026-12-01", earlierTestsOn: [] })).toBe(
      "before_cohort_end",
    );
    // A retest dated back to buy an attempt: a date of last December typed to get a third
    // test in a year.
    expect(
      testDateProblem({ ...cohort, takenOn: "2025-12-20", earlierTestsOn: ["2026-12-05"] }),
    ).toBe("before_cohort_end");
    expect(
      testDateProblem({ ...cohort, takenOn: "2026-12-05", earlierTestsOn: ["2026-12-05"] }),
    ).toBe("not_after_earlier_test");
    expect(testDateProblem({ ...cohort, takenOn: "2026-12-21", earlierTestsOn: [] })).toBe(
      "future",
    );
  });
  it("never lets a test be dated before its cohort's last day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), (n) => {
        const takenOn = new Date(Date.UTC(2020, 0, n)).toISOString().slice(0, 10);
        const problem = testDateProblem({ ...cohort, takenOn, earlierTestsOn: [] });
        if (takenOn < cohort.cohortEndsOn || takenOn > cohort.today) expect(problem).not.toBeNull();
        else expect(problem).toBeNull();
      }),
    );
  });
});

describe("a transfer (item 13.2)", () => {
  const target = {
    id: 2,
    startsOn: "2026-12-14",
    endsOn: "2026-12-24",
    capacity: 10,
    enrolledCount: 3,
    active: true,
  };
  const inYear = { cohortStartsOn: "2026-12-01", today: "2026-11-25" };
  it("is only for someone without a certificate, enrolled, with no request waiting", () => {
    expect(
      canRequestTransfer({
        hasCertificateFromTraining: false,
        enrolmentStatus: "enrolled",
        hasPendingRequest: false,
        ...inYear,
      }),
    ).toEqual({ allowed: true });
    expect(
      canRequestTransfer({
        hasCertificateFromTraining: false,
        enrolmentStatus: "failed",
        hasPendingRequest: false,
        ...inYear,
      }),
    ).toEqual({ allowed: true });
    expect(
      canRequestTransfer({
        hasCertificateFromTraining: true,
        enrolmentStatus: "passed",
        hasPendingRequest: false,
        ...inYear,
      }),
    ).toMatchObject({ reason: "already_certified" });
    expect(
      canRequestTransfer({
        hasCertificateFromTraining: false,
        enrolmentStatus: "enrolled",
        hasPendingRequest: true,
        ...inYear,
      }),
    ).toMatchObject({ reason: "pending_request" });
  });
  const current = { id: 1, startsOn: "2026-12-01" };
  it("is refused once the year of the employee's cohort has ended (a request on 5 January for a December cohort)", () => {
    expect(
      canRequestTransfer({
        hasCertificateFromTraining: false,
        enrolmentStatus: "enrolled",
        hasPendingRequest: false,
        cohortStartsOn: "2026-12-01",
        today: "2027-01-05",
      }),
    ).toMatchObject({ reason: "year_ended" });
  });
  it("counts the year from the employee's cohort, not from the day of the request", () => {
    // A January cohort is not a target for a December cohort's participant, even in January.
    expect(
      isEligibleTargetCohort({
        currentCohort: current,
        target: { ...target, startsOn: "2027-01-18", endsOn: "2027-01-29" },
        today: "2027-01-05",
      }),
    ).toMatchObject({ problems: ["other_year"] });
  });
  it("goes only to another cohort of the current year that has places and has not ended", () => {
    const today = "2026-11-25";
    expect(isEligibleTargetCohort({ currentCohort: current, target, today })).toEqual({
      eligible: true,
    });
    expect(
      isEligibleTargetCohort({ currentCohort: { ...current, id: 2 }, target, today }),
    ).toMatchObject({
      problems: ["same_cohort"],
    });
    expect(
      isEligibleTargetCohort({
        currentCohort: current,
        target: { ...target, startsOn: "2027-01-10", endsOn: "2027-01-20" },
        today,
      }),
    ).toMatchObject({ problems: ["other_year"] });
    expect(
      isEligibleTargetCohort({
        currentCohort: current,
        target: { ...target, endsOn: "2027-01-05" },
        today,
      }),
    ).toMatchObject({ problems: ["other_year"] });
    expect(
      isEligibleTargetCohort({
        currentCohort: current,
        target: { ...target, enrolledCount: 10 },
        today,
      }),
    ).toMatchObject({ problems: ["full"] });
    expect(
      isEligibleTargetCohort({ currentCohort: current, target, today: "2026-12-25" }),
    ).toMatchObject({ problems: ["started", "ended"] });
    expect(
      eligibleTargetCohorts({
        currentCohort: current,
        cohorts: [target, { ...target, id: 3, active: false }],
        today,
      }),
    ).toEqual([target]);
  });
});

describe("the IIN", () => {
  it("accepts a valid one and tells the birth date and sex", () => {
    const iin = makeIin("1990-05-17", "female", 123);
    expect(iin).not.toBeNull();
    expect(validateIin(iin ?? "")).toMatchObject({
      ok: true,
      birthDate: "1990-05-17",
      sex: "female",
    });
  });
  it("names what is wrong", () => {
    expect(validateIin("12345")).toEqual({ ok: false, reason: "format" });
    expect(validateIin("901317300123")).toEqual({ ok: false, reason: "birth_date" });
    expect(validateIin("900229300123")).toEqual({ ok: false, reason: "birth_date" }); // 1990 is not a leap year
    const iin = makeIin("2000-02-29", "male", 45) ?? "";
    const wrongCheck = iin.slice(0, 11) + String((Number(iin[11]) + 1) % 10);
    expect(validateIin(wrongCheck)).toEqual({ ok: false, reason: "check_digit" });
  });
  it("every IIN built from a real birth date validates; a changed serial digit passes only through the second weights", () => {
    const birth = fc
      .date({
        min: new Date("1900-01-01T00:00:00Z"),
        max: new Date("2025-12-31T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        birth,
        fc.constantFrom("male" as const, "female" as const),
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 7, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (date, sex, serial, position, delta) => {
          const iin = makeIin(date, sex, serial);
          if (iin === null) return;
          expect(validateIin(iin)).toMatchObject({ ok: true, birthDate: date, sex });
          // Serial digits 1–3 weigh 8, 9 and 10 (the 4th weighs 11 ≡ 0 and is only checked
          // through the second weights). One changed digit moves the first weighted sum by
          // delta·weight, never a multiple of 11, so the first-weights check digit always changes. A changed IIN can still
          // pass only when the second weights decided one of the two check digits.
          const changed =
            iin.slice(0, position) +
            String((Number(iin[position]) + delta) % 10) +
            iin.slice(position + 1);
          const firstSum = (s: string) =>
            [...s.slice(0, 11)].reduce((sum, d, i) => sum + Number(d) * (i + 1), 0) % 11;
          if (validateIin(changed).ok) expect([firstSum(iin), firstSum(changed)]).toContain(10);
        },
      ),
    );
  });
  it("is masked outside a coordinator's scope", () => {
    expect(maskIin("900517400123")).toBe("900517****23");
  });
});
