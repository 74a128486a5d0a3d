// Items 7, 8: which years' lists the screens reach, the year a screen opens on,
// and until when an approved consolidated list can be amended — across New Year,
// at Almaty midnight.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  awaitsOwner,
  canAmendList,
  defaultListYear,
  isReachableListYear,
  otherListYear,
  reachableListYears,
} from "../../bot/rules/index.js";

describe("list years across New Year", () => {
  it("on 31 December at 23:59 Almaty the screens reach that year and the next; a minute later, the next two", () => {
    expect(reachableListYears(new Date("2026-12-31T23:59:00+05:00"))).toEqual([2026, 2027]);
    expect(reachableListYears(new Date("2027-01-01T00:00:00+05:00"))).toEqual([2027, 2028]);
    // 19:30 UTC on 31 December is already 1 January in Almaty.
    expect(reachableListYears(new Date("2026-12-31T19:30:00Z"))).toEqual([2027, 2028]);
  });

  it("the other year is always the other reachable one", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2020-01-01"),
          max: new Date("2100-01-01"),
          noInvalidDate: true,
        }),
        (now) => {
          const [current, coming] = reachableListYears(now);
          expect(otherListYear(current, now)).toBe(coming);
          expect(otherListYear(coming, now)).toBe(current);
          expect(isReachableListYear(current - 1, now)).toBe(false);
          expect(isReachableListYear(coming + 1, now)).toBe(false);
        },
      ),
    );
  });

  it("a screen opens on the current year's list only while it waits for its owner", () => {
    const jan5 = new Date("2027-01-05T10:00:00+05:00");
    expect(defaultListYear(jan5, awaitsOwner("regional", "draft"))).toBe(2027);
    expect(defaultListYear(jan5, awaitsOwner("regional", "approved"))).toBe(2028);
    expect(defaultListYear(jan5, awaitsOwner("district", "returned"))).toBe(2027);
    expect(defaultListYear(jan5, awaitsOwner("district", "submitted"))).toBe(2028);
    expect(defaultListYear(jan5, awaitsOwner("district", null))).toBe(2028);
  });

  it("an approved list is amended from its approval to the end of its own year (item 8)", () => {
    expect(canAmendList(2027, new Date("2026-12-11T10:00:00+05:00"))).toBe(true);
    expect(canAmendList(2027, new Date("2027-12-31T23:59:00+05:00"))).toBe(true);
    expect(canAmendList(2027, new Date("2028-01-01T00:00:00+05:00"))).toBe(false);
  });
});
