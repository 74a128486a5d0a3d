// Made-up but plausible figures for every region and district of the KATO seed
// (20 regions, 228 districts), the same on every run: for the sample charts under
// docs/ and the chart benchmark.
import { readFileSync } from "node:fs";
import { addDays } from "../bot/rules/index.js";
import type {
  ComplianceRow,
  DistrictSeasonRow,
  RegionSeason,
  RegionSeasonCounts,
} from "../bot/services/compliance.js";
import { sortByOverdue } from "../bot/services/compliance.js";

interface Unit {
  kato: string;
  parent: string;
  name: { kk: string; ru: string };
}

const units: Unit[] = readFileSync(new URL("../db/seed/kato-regions.csv", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(","))
  .map(([kato = "", , parent = "", kk = "", ru = ""]) => ({ kato, parent, name: { kk, ru } }));
export const regions = units.filter((u) => !u.parent);
export const districts = units.filter((u) => u.parent);

/** A small deterministic generator (mulberry32), so samples do not change between runs. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function counts(next: () => number) {
  const total = 8 + Math.floor(next() * 40);
  const overdue = Math.floor(total * next() * 0.35);
  const neverTrained = Math.floor((total - overdue) * next() * 0.2);
  const dueThisYear = Math.floor((total - overdue - neverTrained) * next() * 0.4);
  return {
    total,
    overdue,
    neverTrained,
    dueThisYear,
    upToDate: total - overdue - neverTrained - dueThisYear,
  };
}

export function districtRows(regionKato: string, seed = 1): ComplianceRow[] {
  const next = random(seed + Number(regionKato.slice(0, 3)));
  return sortByOverdue(
    districts
      .filter((d) => d.parent === regionKato)
      .map((d, i) => ({ unitId: i + 1, name: d.name, counts: counts(next) })),
  );
}

export function regionRows(seed = 1): ComplianceRow[] {
  return sortByOverdue(
    regions.map((r, i) => {
      const total = districtRows(r.kato, seed).reduce(
        (sum, row) => {
          for (const key of Object.keys(sum) as Array<keyof typeof sum>)
            sum[key] += row.counts[key];
          return sum;
        },
        { total: 0, overdue: 0, neverTrained: 0, dueThisYear: 0, upToDate: 0 },
      );
      return { unitId: i + 1, name: r.name, counts: total };
    }),
  );
}

export function regionSeasonSample(regionKato: string, today = "2026-11-26"): RegionSeason {
  const next = random(Number(regionKato.slice(0, 3)));
  const rows: DistrictSeasonRow[] = districts
    .filter((d) => d.parent === regionKato)
    .map((d, i) => {
      const roll = next();
      const sentOn = addDays("2026-10-12", Math.floor(next() * 30));
      const status =
        roll < 0.45 ? "accepted" : roll < 0.7 ? "submitted" : roll < 0.85 ? "returned" : "not_sent";
      return {
        unitId: i + 1,
        name: d.name,
        status,
        sentOn: status === "not_sent" ? null : sentOn,
        late: status !== "not_sent" && sentOn > "2026-11-01",
      };
    });
  return {
    year: 2027,
    districtDeadline: "2026-11-01",
    regionalDeadline: "2026-12-01",
    today,
    districts: rows,
    consolidated: { approvedOn: null, late: false },
  };
}

export function nationalSeasonSample(): RegionSeasonCounts[] {
  return regions.map((r, i) => {
    const d = regionSeasonSample(r.kato).districts;
    return {
      unitId: i + 1,
      name: r.name,
      accepted: d.filter((x) => x.status === "accepted").length,
      submittedOnTime: d.filter((x) => x.status === "submitted" && !x.late).length,
      submittedLate: d.filter((x) => x.status === "submitted" && x.late).length,
      returned: d.filter((x) => x.status === "returned").length,
      notSent: d.filter((x) => x.status === "not_sent").length,
      districts: d.length,
      approvedOn: i % 4 === 0 ? "2026-11-24" : null,
      approvedLate: false,
    };
  });
}
