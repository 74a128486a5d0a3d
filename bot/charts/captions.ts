// The numbers of a chart as text, for the photo's caption: people who cannot see the
// picture (or a screen reader) get the same figures. A caption holds 1,024
// characters; what does not fit follows in text messages of at most 4,096.
import type { Language } from "../../db/types.js";
import { escapeHtml, translator } from "../i18n/index.js";
import { formatDate, type IsoDate } from "../rules/index.js";
import type { ComplianceRow, RegionSeason, RegionSeasonCounts } from "../services/compliance.js";
import { totalOf } from "../services/compliance.js";
import { countParams, type StatusCounts } from "../services/overview.js";
import { districtSeasonKey } from "./season-chart.js";

export const CAPTION_LIMIT = 1024;
const MESSAGE_LIMIT = 4096;

export interface ChartText {
  caption: string;
  /** Further messages with the lines that did not fit in the caption. */
  rest: string[];
}

/** Header lines always go in the caption; the other lines fill it, then the messages. */
export function splitCaption(header: string[], lines: string[], moreTitle: string): ChartText {
  let caption = header.join("\n");
  let i = 0;
  for (; i < lines.length; i++) {
    const next = `${caption}\n${lines[i]}`;
    if (next.length > CAPTION_LIMIT) break;
    caption = next;
  }
  const rest: string[] = [];
  let message = moreTitle;
  for (; i < lines.length; i++) {
    if (`${message}\n${lines[i]}`.length > MESSAGE_LIMIT) {
      rest.push(message);
      message = moreTitle;
    }
    message = `${message}\n${lines[i]}`;
  }
  if (message !== moreTitle) rest.push(message);
  return { caption, rest };
}

function countsLine(language: Language, name: string, c: StatusCounts): string {
  return translator(language)("charts.caption_line", { name: escapeHtml(name), ...countParams(c) });
}

export function complianceCaption(
  rows: ComplianceRow[],
  title: string,
  today: IsoDate,
  language: Language,
): ChartText {
  const t = translator(language);
  return splitCaption(
    [
      t("charts.caption_title", { title: escapeHtml(title), date: formatDate(today) }),
      t("charts.caption_legend"),
      countsLine(language, t("charts.caption_total"), totalOf(rows)),
    ],
    rows.map((r) => countsLine(language, r.name[language], r.counts)),
    t("charts.caption_more"),
  );
}

export function regionSeasonCaption(season: RegionSeason, language: Language): ChartText {
  const t = translator(language);
  const d = season.districts;
  const approval = season.consolidated.approvedOn
    ? t(season.consolidated.late ? "charts.season.approved_late" : "charts.season.approved", {
        date: formatDate(season.consolidated.approvedOn),
      })
    : t("charts.season.not_approved");
  return splitCaption(
    [
      t("charts.season.caption_region", {
        year: season.year,
        date: formatDate(season.today),
        accepted: d.filter((r) => r.status === "accepted").length,
        submitted: d.filter((r) => r.status === "submitted").length,
        late: d.filter((r) => r.status === "submitted" && r.late).length,
        returned: d.filter((r) => r.status === "returned").length,
        notSent: d.filter((r) => r.status === "not_sent").length,
        total: d.length,
        approval,
      }),
    ],
    d.map((r) =>
      t("charts.season.caption_region_line", {
        name: escapeHtml(r.name[language]),
        status: t(`charts.season.${districtSeasonKey(r)}`),
        date: r.sentOn ? ` ${formatDate(r.sentOn)}` : "",
      }),
    ),
    t("charts.caption_more"),
  );
}

export function nationalSeasonCaption(
  year: number,
  today: IsoDate,
  regions: RegionSeasonCounts[],
  language: Language,
): ChartText {
  const t = translator(language);
  return splitCaption(
    [t("charts.season.caption_national", { year, date: formatDate(today) })],
    regions.map((r) =>
      t("charts.season.caption_national_line", {
        name: escapeHtml(r.name[language]),
        approved: r.approvedOn ? " ✓" : "",
        accepted: r.accepted,
        onTime: r.submittedOnTime,
        late: r.submittedLate,
        returned: r.returned,
        notSent: r.notSent,
      }),
    ),
    t("charts.caption_more"),
  );
}
