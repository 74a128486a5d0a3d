// `npx tsx scripts/bench-charts.ts [rounds]`: how long the compliance charts take to
// render (ECharts SVG + resvg PNG), on made-up figures for the whole KATO tree:
// the national chart of 20 regions, and the charts of every region's districts
// (228 in all), each as compliance and as list season. Prints each kind's median and
// 95th percentile, PNG sizes, and the time for all 228 districts' charts together.
import { complianceChartPng } from "../bot/charts/compliance-chart.js";
import { complianceXlsx } from "../bot/charts/compliance-xlsx.js";
import { nationalSeasonChartPng, regionSeasonChartPng } from "../bot/charts/season-chart.js";
import {
  districtRows,
  districts,
  nationalSeasonSample,
  regionRows,
  regionSeasonSample,
  regions,
} from "./chart-sample-data.js";

const rounds = Number(process.argv[2] ?? 10);
const wallStarted = performance.now();
const today = "2026-11-26";

// CPU time (user + system) rather than wall time: on a shared machine the wall
// clock mostly measures the other processes. Wall time is printed for the whole run.
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function time<T>(work: () => T): { ms: number; result: T } {
  const started = cpuMs();
  const result = work();
  return { ms: cpuMs() - started, result };
}

function report(name: string, samples: number[], bytes: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const kb = bytes.reduce((a, b) => a + b, 0) / bytes.length / 1024;
  console.log(
    `${name.padEnd(44)} median ${at(0.5).toFixed(1).padStart(7)} ms   p95 ${at(0.95).toFixed(1).padStart(7)} ms   ${kb.toFixed(0)} KB`,
  );
}

// Warm up: the first chart loads ECharts' modules and the fonts.
complianceChartPng({ rows: regionRows(), title: "warm-up", today, language: "kk" });

const national = { times: [] as number[], bytes: [] as number[] };
const nationalSeason = { times: [] as number[], bytes: [] as number[] };
const region = { times: [] as number[], bytes: [] as number[] };
const regionSeason = { times: [] as number[], bytes: [] as number[] };
const allDistricts: number[] = [];
const xlsx: number[] = [];

for (let round = 0; round < rounds; round++) {
  const language = round % 2 ? "ru" : "kk";
  const n = time(() =>
    complianceChartPng({ rows: regionRows(round), title: "Өңірлер", today, language }),
  );
  national.times.push(n.ms);
  national.bytes.push(n.result.length);
  const ns = time(() =>
    nationalSeasonChartPng({ year: 2027, today, regions: nationalSeasonSample(), language }),
  );
  nationalSeason.times.push(ns.ms);
  nationalSeason.bytes.push(ns.result.length);

  const roundStarted = cpuMs();
  for (const r of regions) {
    const c = time(() =>
      complianceChartPng({ rows: districtRows(r.kato, round), title: r.name.kk, today, language }),
    );
    region.times.push(c.ms);
    region.bytes.push(c.result.length);
    const s = time(() =>
      regionSeasonChartPng({ season: regionSeasonSample(r.kato), unitName: r.name.kk, language }),
    );
    regionSeason.times.push(s.ms);
    regionSeason.bytes.push(s.result.length);
  }
  allDistricts.push(cpuMs() - roundStarted);

  const started = cpuMs();
  await complianceXlsx(
    regionRows(round),
    { kind: "national", year: 2027, regions: nationalSeasonSample() },
    language,
  );
  xlsx.push(cpuMs() - started);
}

console.log(
  `${rounds} rounds; ${regions.length} regions, ${districts.length} districts; node ${process.version}; CPU time per item:`,
);
report("national compliance chart (20 regions)", national.times, national.bytes);
report("national list-season chart (20 regions)", nationalSeason.times, nationalSeason.bytes);
report("one region's compliance chart (its districts)", region.times, region.bytes);
report("one region's list-season chart", regionSeason.times, regionSeason.bytes);
report("all 20 regions' charts, both kinds (228 districts)", allDistricts, [1]);
report("national XLSX (both sheets)", xlsx, [1]);
console.log(
  `wall time of the whole run ${((performance.now() - wallStarted) / 1000).toFixed(1)} s`,
);
const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(
  `peak RSS now ${rss.toFixed(0)} MB; load average ${(await import("node:os")).loadavg()[0]?.toFixed(1)}`,
);
