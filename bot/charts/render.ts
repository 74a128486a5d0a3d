// Charts are drawn on the server without a browser: ECharts renders an SVG string
// (its server-side mode), resvg rasterises it to PNG with DejaVu Sans, which has
// every Kazakh letter. The SVG is laid out 360 px wide — a phone's chat width — and
// rasterised twice as large (720 px), so the text stays sharp there and a tall chart
// still fits the 1,280 px Telegram keeps of a photo.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as ResvgJs from "@resvg/resvg-js";
import type * as Echarts from "echarts";
import type PDFDocument from "pdfkit";
import type { Language } from "../../db/types.js";
import { onFirstUse } from "../core/lazy.js";

const fontDir = join(
  dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")),
  "ttf",
);
export const CHART_FONT = "DejaVu Sans";
const FONT_FILES = [join(fontDir, "DejaVuSans.ttf"), join(fontDir, "DejaVuSans-Bold.ttf")];

const loadEcharts = onFirstUse<typeof Echarts>("echarts");
const loadResvg = onFirstUse<typeof ResvgJs>("@resvg/resvg-js");
const loadPdfkit = onFirstUse<typeof PDFDocument>("pdfkit");
let echartsReady: typeof Echarts | undefined;
let metricsReady: PDFKit.PDFDocument | undefined;

/** DejaVu Sans's real metrics, read by pdfkit, for measuring labels. */
function metrics(): PDFKit.PDFDocument {
  if (metricsReady) return metricsReady;
  const Document = loadPdfkit();
  metricsReady = new Document({ autoFirstPage: false, font: FONT_FILES[0] });
  metricsReady.registerFont("regular", FONT_FILES[0] ?? "");
  metricsReady.registerFont("bold", FONT_FILES[1] ?? "");
  return metricsReady;
}

/**
 * ECharts, set up on first use. Without a browser it guesses text widths (a whole
 * em for every Cyrillic letter), so labels would wrap and truncate far too early;
 * it measures with the real DejaVu Sans metrics instead, read by pdfkit (already
 * used for documents). The same few labels are measured again and again: their
 * widths are kept.
 */
function echarts(): typeof Echarts {
  if (echartsReady) return echartsReady;
  const widths = new Map<string, number>();
  const library = loadEcharts();
  library.setPlatformAPI({
    measureText(text: string, font?: string) {
      const key = `${font}|${text}`;
      let width = widths.get(key);
      if (width === undefined) {
        const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? "")?.[1] ?? 12);
        const bold = /\bbold\b|\b[6-9]00\b/.test(font ?? "");
        width = metrics()
          .font(bold ? "bold" : "regular")
          .fontSize(size)
          .widthOfString(text);
        if (widths.size > 20_000) widths.clear();
        widths.set(key, width);
      }
      return { width };
    },
  });
  echartsReady = library;
  return library;
}

/** The width the chart is laid out for (CSS px) and how much larger it is rasterised. */
export const CHART_WIDTH = 360;
export const CHART_SCALE = 2;

/** What every chart is drawn for, besides its data: the reader's language and the scale. */
export interface ChartAsked {
  language: Language;
  /** Pixels per layout pixel (default CHART_SCALE); 1 shows it as a 360 px screen does. */
  scale?: number;
}

export function renderSvg(option: Echarts.EChartsOption, height: number): string {
  const chart = echarts().init(null, null, {
    renderer: "svg",
    ssr: true,
    width: CHART_WIDTH,
    height,
  });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: CHART_FONT },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export function svgToPng(svg: string, scale = CHART_SCALE): Buffer {
  const resvg = new (loadResvg().Resvg)(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    font: {
      fontFiles: FONT_FILES,
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
  });
  return resvg.render().asPng();
}

export function renderPng(option: Echarts.EChartsOption, height: number, scale?: number): Buffer {
  return svgToPng(renderSvg(option, height), scale);
}

/** Where the header's texts start (left 8 plus the title component's padding of 5) and how wide they may run. */
const TEXT_LEFT = 13;
const TEXT_WIDTH = CHART_WIDTH - TEXT_LEFT - 8;

/**
 * Breaks `text` into lines that fit `width` px in DejaVu Sans (measured, as ECharts'
 * titles do not wrap by themselves), at spaces; a word longer than a line is split
 * between letters.
 */
export function wrapLines(text: string, size: number, bold: boolean, width: number): string[] {
  const fits = (line: string) =>
    metrics()
      .font(bold ? "bold" : "regular")
      .fontSize(size)
      .widthOfString(line) <= width;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const joined = line ? `${line} ${word}` : word;
    if (fits(joined)) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    for (const letter of word) {
      if (line && !fits(line + letter)) {
        lines.push(line);
        line = "";
      }
      line += letter;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}

const TITLE_LINE = 17;
const SUBTITLE_LINE = 13;

/**
 * The top of every chart: a bold title and a subtitle, each wrapped to as many lines
 * as the width needs (a long region's name in either language), and the legend in
 * rows; returns where the plot may start.
 */
export function chartHeader(input: { title: string; subtitle: string; legend: string[] }) {
  const title = wrapLines(input.title, 13, true, TEXT_WIDTH);
  const subtitle = wrapLines(input.subtitle, 10, false, TEXT_WIDTH);
  const subtitleTop = 8 + title.length * TITLE_LINE + 4;
  const legendTop = subtitleTop + subtitle.length * SUBTITLE_LINE + 5;
  return {
    option: {
      title: [
        {
          text: title.join("\n"),
          left: 8,
          top: 8,
          textStyle: {
            fontSize: 13,
            fontWeight: "bold" as const,
            color: "#1a1a1a",
            lineHeight: TITLE_LINE,
          },
        },
        {
          text: subtitle.join("\n"),
          left: 8,
          top: subtitleTop,
          textStyle: {
            fontSize: 10,
            fontWeight: "normal" as const,
            color: "#444444",
            lineHeight: SUBTITLE_LINE,
          },
        },
      ],
      legend: {
        top: legendTop,
        left: 8,
        width: 344,
        itemWidth: 10,
        itemHeight: 10,
        itemGap: 10,
        textStyle: { fontSize: 10, color: "#1a1a1a" },
      },
    },
    top: legendTop + legendRows(input.legend) * 20 + 8,
  };
}

/** How many rows the legend takes: items flow left to right and wrap at the width. */
function legendRows(labels: string[]): number {
  let rows = 1;
  let x = 0;
  for (const label of labels) {
    const width = 10 + 5 + metrics().font("regular").fontSize(10).widthOfString(label);
    if (x > 0 && x + width > 344) {
      rows++;
      x = 0;
    }
    x += width + 10;
  }
  return rows;
}

/** A category label of up to two lines beside a bar. */
export const categoryLabel = {
  interval: 0,
  fontSize: 10,
  color: "#1a1a1a",
  width: 128,
  overflow: "break" as const,
  lineHeight: 11,
};

const ROW_HEIGHT = 28;
const BOTTOM = 28;

/**
 * The bar charts (training status, the list season) share their frame: one
 * horizontal bar per unit, its name on the left, a row of the same height each,
 * the first unit on top, below the header (`extraTop` more for labels above the
 * plot). The caller gives the names, the value axis and the stacked series.
 */
export function unitBarsPng(input: {
  header: ReturnType<typeof chartHeader>;
  names: string[];
  xAxis: Echarts.EChartsOption["xAxis"];
  series: Echarts.EChartsOption["series"];
  extraTop?: number;
  right?: number;
  scale?: number;
}): Buffer {
  const top = input.header.top + (input.extraTop ?? 0);
  return renderPng(
    {
      ...input.header.option,
      grid: { left: 6, right: input.right ?? 16, top, bottom: BOTTOM, containLabel: true },
      xAxis: input.xAxis,
      yAxis: {
        type: "category",
        inverse: true,
        data: input.names,
        axisLabel: categoryLabel,
        axisTick: { show: false },
      },
      series: input.series,
    },
    top + BOTTOM + Math.max(1, input.names.length) * ROW_HEIGHT,
    input.scale,
  );
}
