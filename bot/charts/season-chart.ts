// The list season as a picture (items 7, 8). For a region: one bar per district from
// 1 October to the day its list was sent (or to today while it is not), coloured by
// where the list stands, against the 1 November and 1 December lines. For the
// country: per region, how many district lists are accepted, waiting (on time or
// late), returned or not sent; ✓ marks a region whose consolidated list is approved.
import { translateKey, translator } from "../i18n/index.js";
import { addDays, daysBetween, formatDate, type IsoDate } from "../rules/index.js";
import type {
  DistrictSeasonRow,
  RegionSeason,
  RegionSeasonCounts,
} from "../services/compliance.js";
import { type ChartAsked, chartHeader, unitBarsPng } from "./render.js";

export const SEASON_COLORS = {
  accepted: "#2e7d32",
  submitted: "#1565c0",
  submitted_late: "#8e24aa",
  returned: "#ef6c00",
  not_sent: "#9e9e9e",
} as const;
type SeasonKey = keyof typeof SEASON_COLORS;

export function districtSeasonKey(row: DistrictSeasonRow): SeasonKey {
  return row.status === "submitted" && row.late ? "submitted_late" : row.status;
}

/** Day numbers from 1 October of the season, shown as dd.MM on the axis. */
function seasonAxis(season: RegionSeason) {
  const start = `${season.year - 1}-10-01`;
  const end = [addDays(season.regionalDeadline, 14), season.today].sort().at(-1) ?? start;
  const last = Math.min(daysBetween(start, end), 120);
  const day = (date: IsoDate) => Math.max(0, Math.min(last, daysBetween(start, date)));
  const label = (n: number) => formatDate(addDays(start, n)).slice(0, 5);
  return { last, day, label };
}

export function regionSeasonChartPng(
  input: {
    season: RegionSeason;
    unitName: string;
  } & ChartAsked,
): Buffer {
  const t = translator(input.language);
  const { season, language } = input;
  const rows = [...season.districts].sort(
    (a, b) =>
      (a.sentOn ?? "9999").localeCompare(b.sentOn ?? "9999") ||
      a.name[language].localeCompare(b.name[language], language),
  );
  const axis = seasonAxis(season);
  const approval = season.consolidated.approvedOn
    ? t(season.consolidated.late ? "charts.season.approved_late" : "charts.season.approved", {
        date: formatDate(season.consolidated.approvedOn),
      })
    : t("charts.season.not_approved");
  const keys = Object.keys(SEASON_COLORS) as SeasonKey[];
  const header = chartHeader({
    title: t("charts.season.region_title", { year: season.year, unit: input.unitName }),
    subtitle: `${formatDate(season.today)} · ${approval}`,
    legend: Object.keys(SEASON_COLORS).map((key) => translateKey(t, `charts.season.${key}`)),
  });
  return unitBarsPng({
    header,
    names: rows.map((r) => r.name[language]),
    // Room above the plot for the deadline lines' labels.
    extraTop: 14,
    right: 22,
    xAxis: {
      type: "value",
      min: 0,
      max: axis.last,
      interval: 15,
      axisLabel: { formatter: (n: number) => axis.label(n), fontSize: 9, color: "#444444" },
    },
    series: keys.map((key, index) => ({
      type: "bar",
      stack: "season",
      name: t(`charts.season.${key}`),
      barWidth: 12,
      itemStyle: { color: SEASON_COLORS[key] },
      data: rows.map((r) =>
        districtSeasonKey(r) === key ? axis.day(r.sentOn ?? season.today) : "-",
      ),
      label: {
        show: true,
        position: "right",
        fontSize: 9,
        color: "#1a1a1a",
        formatter: (p: { dataIndex: number }) => {
          const sentOn = rows[p.dataIndex]?.sentOn;
          return sentOn ? formatDate(sentOn).slice(0, 5) : "";
        },
      },
      // The deadlines, drawn once: 1 November (districts) and 1 December (region).
      markLine:
        index === 0
          ? {
              symbol: "none",
              silent: true,
              lineStyle: { color: "#c62828", type: "dashed", width: 1 },
              label: { fontSize: 9, color: "#c62828", position: "start" },
              data: [
                {
                  xAxis: axis.day(season.districtDeadline),
                  name: t("charts.season.deadline_district"),
                },
                {
                  xAxis: axis.day(season.regionalDeadline),
                  name: t("charts.season.deadline_regional"),
                },
              ].map((line) => ({ ...line, label: { formatter: line.name } })),
            }
          : undefined,
    })),
    scale: input.scale,
  });
}

export function nationalSeasonChartPng(
  input: {
    year: number;
    today: IsoDate;
    regions: RegionSeasonCounts[];
  } & ChartAsked,
): Buffer {
  const t = translator(input.language);
  const { regions, language } = input;
  const counts: Array<[SeasonKey, (r: RegionSeasonCounts) => number]> = [
    ["accepted", (r) => r.accepted],
    ["submitted", (r) => r.submittedOnTime],
    ["submitted_late", (r) => r.submittedLate],
    ["returned", (r) => r.returned],
    ["not_sent", (r) => r.notSent],
  ];
  const header = chartHeader({
    title: t("charts.season.national_title", { year: input.year }),
    subtitle: `${formatDate(input.today)} · ${t("charts.season.approved_mark")}`,
    legend: Object.keys(SEASON_COLORS).map((key) => translateKey(t, `charts.season.${key}`)),
  });
  return unitBarsPng({
    header,
    names: regions.map((r) => `${r.approvedOn ? "✓ " : ""}${r.name[language]}`),
    xAxis: {
      type: "value",
      minInterval: 1,
      axisLabel: { fontSize: 9, color: "#444444" },
    },
    series: counts.map(([key, count]) => ({
      type: "bar",
      stack: "season",
      name: t(`charts.season.${key}`),
      barWidth: 12,
      itemStyle: { color: SEASON_COLORS[key] },
      data: regions.map(count),
      label: {
        show: true,
        fontSize: 9,
        color: "#ffffff",
        formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : ""),
      },
    })),
    scale: input.scale,
  });
}
