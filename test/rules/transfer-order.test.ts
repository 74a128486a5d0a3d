// Items 9 and 13.2: a transfer goes only to a cohort that has not started on the day
// it is decided; the order on it is dated neither in the future, nor before the
// request, nor after the target's first day. An order names old dates once its
// cohort moves; the amending order is dated neither in the future nor before it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  amendingOrderDateProblem,
  isEligibleTargetCohort,
  namesOldDates,
  targetHasStarted,
  transferOrderDateProblem,
} from "../../bot/rules/index.js";

/** Days of 2027–2028, year ends and 29 February included. */
const day = fc.integer({ min: 0, max: 730 }).map((n) => addDays("2027-01-01", n));

describe("a transfer's target (items 9, 13.2)", () => {
  it("has started on its first day and after it, not the day before", () => {
    expect(targetHasStarted("2027-03-15", "2027-03-14")).toBe(false);
    expect(targetHasStarted("2027-03-15", "2027-03-15")).toBe(true);
    expect(targetHasStarted("2028-01-01", "2027-12-31")).toBe(false);
    fc.assert(
      fc.property(day, day, (startsOn, today) => {
        expect(targetHasStarted(startsOn, today)).toBe(startsOn <= today);
      }),
    );
  });

  it("is eligible only while it has not started on the day of the decision", () => {
    const current = { id: 1, startsOn: "2027-03-01" };
    const target = {
      id: 2,
      startsOn: "2027-03-15",
      endsOn: "2027-03-26",
      capacity: 10,
      enrolledCount: 0,
      active: true,
    };
    expect(isEligibleTargetCohort({ currentCohort: current, target, today: "2027-03-14" })).toEqual(
      { eligible: true },
    );
    expect(isEligibleTargetCohort({ currentCohort: current, target, today: "2027-03-15" })).toEqual(
      { eligible: false, problems: ["started"] },
    );
  });
});

describe("the order on a transfer (items 9, 13.2)", () => {
  const base = { requestedOn: "2027-03-03", targetStartsOn: "2027-04-05", today: "2027-03-10" };
  it("is dated from the request to today, and not after the target's first day", () => {
    expect(transferOrderDateProblem({ ...base, orderDate: "2027-03-03" })).toBeNull();
    expect(transferOrderDateProblem({ ...base, orderDate: "2027-03-10" })).toBeNull();
    expect(transferOrderDateProblem({ ...base, orderDate: "2027-03-11" })).toBe("future");
    expect(transferOrderDateProblem({ ...base, orderDate: "2027-03-02" })).toBe("before_request");
    expect(
      transferOrderDateProblem({ ...base, today: "2027-04-06", orderDate: "2027-04-06" }),
    ).toBe("after_start");
  });

  it("is accepted exactly when requestedOn ≤ date ≤ today and date ≤ first day", () => {
    fc.assert(
      fc.property(day, day, day, day, (orderDate, today, requestedOn, targetStartsOn) => {
        const problem = transferOrderDateProblem({ orderDate, today, requestedOn, targetStartsOn });
        const fits = orderDate <= today && orderDate >= requestedOn && orderDate <= targetStartsOn;
        expect(problem === null).toBe(fits);
      }),
    );
  });
});

describe("an order and its cohort's dates (item 9)", () => {
  it("names old dates when either day differs", () => {
    const named = { startsOn: "2027-04-05", endsOn: "2027-04-16" };
    expect(namesOldDates(named, { ...named })).toBe(false);
    expect(namesOldDates(named, { ...named, startsOn: "2027-04-07" })).toBe(true);
    expect(namesOldDates(named, { ...named, endsOn: "2027-04-17" })).toBe(true);
  });

  it("takes an amending order dated from the amended order to today", () => {
    const base = { amendedOrderDate: "2027-03-03", today: "2027-03-16" };
    expect(amendingOrderDateProblem({ ...base, orderDate: "2027-03-03" })).toBeNull();
    expect(amendingOrderDateProblem({ ...base, orderDate: "2027-03-16" })).toBeNull();
    expect(amendingOrderDateProblem({ ...base, orderDate: "2027-03-17" })).toBe("future");
    expect(amendingOrderDateProblem({ ...base, orderDate: "2027-03-02" })).toBe("before_amended");
    fc.assert(
      fc.property(day, day, day, (orderDate, today, amendedOrderDate) => {
        const problem = amendingOrderDateProblem({ orderDate, today, amendedOrderDate });
        expect(problem === null).toBe(orderDate <= today && orderDate >= amendedOrderDate);
      }),
    );
  });
});
