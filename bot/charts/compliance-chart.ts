// Training status as a picture (item 6): one horizontal bar per district of a region
// (or per region of the country), split into overdue, never trained, due this year
// and up to date, as shares of the unit's employees, worst share overdue on top.
// The counts are printed in the segments wide enough to hold them and the head
// count beside each name; the caption repeats every number (bot/charts/captions.ts).
import { translator } from "../i18n/index.js";
import { formatDate, type IsoDate } from "../rules/index.js";
import type { ComplianceRow } from "../services/compliance.js";
import type { StatusCounts } from "../services/overview.js";
import { type ChartAsked, chartHeader, unitBarsPng } from "./render.js";

/** The four statuses in the order they are stacked, with their colours. */
export const STATUS_SERIES: Array<{ key: keyof Omit<StatusCounts, "total">; color: string }> = [
  { key: "overdue", color: "#c62828" },
  { key: "neverTrained", color: "#6d6d6d" },
  { key: "dueThisYear", color: "#f9a825" },
  { key: "upToDate", color: "#2e7d32" },
];

const percent = (part: number, total: number) => (total ? (100 * part) / total : 0);

export function complianceChartPng(
  input: {
    rows: ComplianceRow[];
    title: string;
    today: IsoDate;
  } & ChartAsked,
): Buffer {
  const t = translator(input.language);
  const { rows, language } = input;
  const header = chartHeader({
    title: input.title,
    subtitle: t("charts.as_of", { date: formatDate(input.today) }),
    legend: STATUS_SERIES.map(({ key }) => t(`charts.status.${key}`)),
  });
  return unitBarsPng({
    header,
    names: rows.map((r) => `${r.name[language]} (${r.counts.total})`),
    xAxis: {
      type: "value",
      max: 100,
      interval: 25,
      axisLabel: { formatter: "{value}%", fontSize: 9, color: "#444444" },
    },
    series: STATUS_SERIES.map(({ key, color }) => ({
      type: "bar",
      stack: "status",
      name: t(`charts.status.${key}`),
      barWidth: 15,
      itemStyle: { color },
      data: rows.map((r) => ({
        value: percent(r.counts[key], r.counts.total),
        count: r.counts[key],
      })),
      label: {
        show: true,
        fontSize: 9,
        color: key === "dueThisYear" ? "#1a1a1a" : "#ffffff",
        // A count only where its segment is wide enough to read it.
        formatter: (p: { value: unknown; data: unknown }) =>
          Number(p.value) >= 9 ? String((p.data as { count: number }).count) : "",
      },
    })),
    scale: input.scale,
  });
}
