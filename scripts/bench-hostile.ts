// `npx tsx scripts/bench-hostile.ts`: what hostile files cost the bot. Each case runs
// in a fresh process (`node --import tsx scripts/bench-hostile.ts <case> <file>`) so
// its peak RSS is its own, sampled every 10 ms; figures are in the README's
// "Security" section.
// - a 10 MB XLSX of 140,000 rows (7 times the row cap): refused at the cap;
// - an XLSX of 20,000 rows (the cap) read; with BENCH_IMPORT=1 also imported into PGlite;
// - decompression bombs: 120 MB of XML in a 120 KB file, and 1 GB behind a header
//   that claims 4 KB;
// - a PNG that claims 12000×12000 pixels, and a truncated one.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { PassThrough } from "node:stream";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import { makeIin } from "../bot/rules/index.js";
import { importEmployees } from "../bot/services/employee-import.js";
import { normalizeImage } from "../bot/services/images.js";
import { readSpreadsheet } from "../bot/services/spreadsheet.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { seedUnits } from "../db/seed/units.js";
import { hugeTransparentPngHeader, truncatedRgbaPng } from "../test/support/images.js";
import { deflatedWhitespace, makeZip, workbookParts } from "../test/support/zip.js";

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** Letters that do not compress well, as real positions and names are varied. */
function varied(length: number, serial: number): string {
  let text = "";
  let x = serial * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    text += "абвгдежзийклмнопрстуфхцчшщыэюяәғқңөұүһі"[x % 39];
  }
  return text;
}

async function xlsxOf(rows: number, padding: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = book.addWorksheet("Работники");
  sheet.addRow(["ИИН", "Фамилия", "Имя", "Отчество", "Должность", "Телефон"]).commit();
  for (let i = 0, serial = 0; i < rows; serial++) {
    const iin = makeIin(
      `19${70 + (serial % 30)}-0${1 + (serial % 9)}-1${serial % 9}`,
      "female",
      serial,
    );
    if (!iin) continue;
    sheet
      .addRow([iin, "Сейтқалиева", "Әйгерім", "Нұрланқызы", `маман ${varied(padding, serial)}`, ""])
      .commit();
    i++;
  }
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}

const CASES: Record<string, (bytes: Buffer) => Promise<unknown>> = {
  "row-cap": (bytes) =>
    readSpreadsheet(bytes, "a.xlsx").then((r) => (r.ok ? r.rows.length : r.reason)),
  bomb: (bytes) => readSpreadsheet(bytes, "a.xlsx").then((r) => (r.ok ? r.rows.length : r.reason)),
  "import-at-cap": async (bytes) => {
    const database = await openDatabase({ dataDir: "memory://" });
    await migrateToLatest(database.db);
    await seedUnits(database.db);
    const unit = await database.db
      .selectFrom("units")
      .select("id")
      .where("level", "=", "district")
      .executeTakeFirstOrThrow();
    const started = performance.now();
    const result = await importEmployees(database.db, {
      unitId: unit.id,
      bytes,
      fileName: "a.xlsx",
      actor: 1,
      now: new Date(),
      today: "2026-11-26",
    });
    console.log(`  (import alone: ${(performance.now() - started).toFixed(0)} ms)`);
    await database.close();
    return result.ok ? { added: result.added } : result.reason;
  },
  image: (bytes) => normalizeImage(bytes).then((r) => (r.ok ? "ok" : r.reason)),
};

/** One case in this process: time and peak RSS above what the process had before. */
async function runCase(name: string, file: string): Promise<void> {
  const bytes = readFileSync(file);
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  const result = await CASES[name]?.(bytes);
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  console.log(
    `  ${ms.toFixed(0)} ms, peak RSS ${mb(peak)} MB (${mb(peak - base)} MB above the process before) → ${JSON.stringify(result)}`,
  );
}

async function main(): Promise<void> {
  const [name, file] = process.argv.slice(2);
  if (name && file) return runCase(name, file);
  const dir = join(tmpdir(), "bench-hostile");
  mkdirSync(dir, { recursive: true });
  const inputs: Array<[string, string, Buffer]> = [
    ["10 MB XLSX, 140,000 rows: refused at the row cap", "row-cap", await xlsxOf(140_000, 40)],
    ["XLSX of 20,000 rows (the cap), read", "row-cap", await xlsxOf(20_000, 40)],
    ...(process.env.BENCH_IMPORT
      ? [
          [
            "XLSX at the cap: read, checked, imported into PGlite",
            "import-at-cap",
            await xlsxOf(20_000, 0),
          ] as [string, string, Buffer],
        ]
      : []),
    [
      "decompression bomb, 120 MB in 120 KB",
      "bomb",
      makeZip(workbookParts({ name: "", deflated: deflatedWhitespace(120) })),
    ],
    [
      "decompression bomb, 1 GB behind a header claiming 4 KB",
      "bomb",
      makeZip(
        workbookParts({
          name: "",
          deflated: {
            bytes: zlib.deflateRawSync(Buffer.alloc(1024 ** 3, 0x20), { level: 9 }),
            size: 1024 ** 3,
          },
          declaredSize: 4096,
        }),
      ),
    ],
    ["PNG claiming 12000×12000 pixels", "image", hugeTransparentPngHeader()],
    ["truncated RGBA PNG", "image", truncatedRgbaPng()],
  ];
  for (const [index, [label, name, bytes]] of inputs.entries()) {
    const file = join(dir, `case-${index}`);
    writeFileSync(file, bytes);
    console.log(`${label} (${mb(bytes.length)} MB file):`);
    process.stdout.write(
      execFileSync(process.execPath, ["--import", "tsx", process.argv[1] ?? "", name, file]),
    );
  }
}

await main();
