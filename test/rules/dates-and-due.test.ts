// Item 6 and the Almaty calendar: property-based over leap days, year ends and
// the Almaty midnight.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addYears,
  almatyDate,
  daysBetween,
  dueDate,
  formatDate,
  formatDateLong,
  formatDateTime,
  isValidIsoDate,
  trainingStatus,
} from "../../bot/rules/index.js";

const isoDate = fc
  .date({
    min: new Date("1990-01-01T00:00:00Z"),
    max: new Date("2090-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

describe("the Almaty calendar (UTC+5)", () => {
  it("turns the date at 19:00 UTC, which is midnight in Almaty", () => {
    expect(almatyDate(new Date("2026-10-31T18:59:59Z"))).toBe("2026-10-31");
    expect(almatyDate(new Date("2026-10-31T19:00:00Z"))).toBe("2026-11-01");
    expect(almatyDate(new Date("2026-12-31T19:00:00Z"))).toBe("2027-01-01");
  });

  it("any instant's Almaty date is its UTC date shifted by five hours", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2024-03-01T00:00:00Z"),
          max: new Date("2090-01-01T00:00:00Z"),
          noInvalidDate: true,
        }),
        (instant) => {
          const shifted = new Date(instant.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
          expect(almatyDate(instant)).toBe(shifted);
        },
      ),
    );
  });

  it("writes dates as people read them", () => {
    expect(formatDate("2026-04-29")).toBe("29.04.2026");
    expect(formatDateTime(new Date("2026-11-25T06:00:00Z"))).toBe("25.11.2026 11:00");
    expect(formatDateLong("2026-04-29", "kk")).toBe("2026 жылғы 29 сәуір");
    expect(formatDateLong("2026-04-29", "ru")).toBe("29 апреля 2026 г.");
  });
});

describe("due date (item 6)", () => {
  it("is two years after the certificate", () => {
    expect(dueDate("2025-06-15")).toBe("2027-06-15");
  });

  it("a certificate issued on 29 February 2024 is due on 28 February 2026", () => {
    expect(dueDate("2024-02-29")).toBe("2026-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
  });

  it("never trained means due now", () => {
    expect(dueDate(null)).toBeNull();
    expect(trainingStatus({ lastCertificateIssuedOn: null, today: "2026-11-25" })).toEqual({
      kind: "never_trained",
    });
  });

  it("is always a real date, never after the second anniversary and at most a day before it", () => {
    fc.assert(
      fc.property(isoDate, (issued) => {
        const due = addYears(issued, 2);
        expect(isValidIsoDate(due)).toBe(true);
        const days = daysBetween(issued, due);
        expect(days === 730 || days === 731 || days === 729).toBe(true);
        expect(due.slice(5) === issued.slice(5) || issued.slice(5) === "02-29").toBe(true);
      }),
    );
  });

  it("is due soon on the due date itself and overdue the day after", () => {
    fc.assert(
      fc.property(isoDate, (issued) => {
        const due = addYears(issued, 2);
        expect(trainingStatus({ lastCertificateIssuedOn: issued, today: due })).toEqual({
          kind: "due_soon",
          dueOn: due,
          daysLeft: 0,
        });
        expect(trainingStatus({ lastCertificateIssuedOn: issued, today: addDays(due, 1) })).toEqual(
          { kind: "overdue", dueOn: due, daysOverdue: 1 },
        );
      }),
    );
  });

  it("is up to date more than 90 days ahead and due soon from 90 days", () => {
    expect(
      trainingStatus({ lastCertificateIssuedOn: "2025-03-01", today: "2026-11-30" }).kind,
    ).toBe("up_to_date");
    expect(
      trainingStatus({ lastCertificateIssuedOn: "2025-03-01", today: "2026-12-01" }),
    ).toMatchObject({ kind: "due_soon", daysLeft: 90 });
  });

  it("counts days across a year end", () => {
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -800, max: 800 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});
