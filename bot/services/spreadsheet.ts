// Reads the first sheet of an XLSX (or a CSV) as rows of text, for the employee
// import, without ever holding more than the limits allow:
// - the archive's central directory is read first, and a file whose parts would
//   unpack to more than MAX_UNPACKED_BYTES (a decompression bomb) is refused before
//   anything is inflated; while inflating, a part that produces more bytes than its
//   header declared is cut off, so a lying header gains nothing;
// - the sheet is inflated and parsed as a stream (saxes) and reading stops as soon as
//   the row cap is passed;
// - every cell is flattened to plain text (rich text runs joined) and cut at
//   MAX_CELL_CHARS, so one giant cell costs no more than a long field.
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import zlib from "node:zlib";
import { SaxesParser } from "saxes";

export const SPREADSHEET_LIMITS = {
  /** Largest file accepted (bytes), XLSX or CSV. */
  fileBytes: 10 * 1024 * 1024,
  /** Employees (non-empty rows below the header) in one file. */
  maxRows: 20_000,
  /** What the parts of an XLSX may unpack to, all together (bytes). */
  unpackedBytes: 100 * 1024 * 1024,
  /** Characters kept of a cell: more than any field's limit, so "too long" is still seen. */
  cellChars: 1_000,
  /** Columns read from each row (the template has 7). */
  columns: 12,
} as const;

/** A row that has something in it, with its number in the sheet (1 = first). */
export interface SheetRow {
  number: number;
  cells: string[];
}

export type SheetResult =
  | { ok: true; rows: SheetRow[] }
  | { ok: false; reason: "unreadable" | "too_many_rows" | "too_big_unpacked" };

class Refused extends Error {
  constructor(readonly reason: "unreadable" | "too_many_rows" | "too_big_unpacked") {
    super(reason);
  }
}

/**
 * The first sheet's non-empty rows (header included), or why they cannot be read.
 * Reading stops once more than `maxRows` rows follow the header.
 */
export async function readSpreadsheet(bytes: Buffer, fileName: string): Promise<SheetResult> {
  try {
    if (/\.xlsx$/i.test(fileName)) return { ok: true, rows: await readXlsx(bytes) };
    if (/\.(csv|txt)$/i.test(fileName)) return { ok: true, rows: readCsv(bytes) };
    return { ok: false, reason: "unreadable" };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    return { ok: false, reason: "unreadable" };
  }
}

// ---- the archive -------------------------------------------------------------

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  unpackedSize: number;
  localHeaderOffset: number;
}

/** The central directory at the end of the file: every part's name and sizes. */
function centralDirectory(zip: Buffer): ZipEntry[] {
  const searchFrom = Math.max(0, zip.length - 65_557);
  let end = -1;
  for (let i = zip.length - 22; i >= searchFrom; i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Refused("unreadable");
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50)
      throw new Refused("unreadable");
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      unpackedSize: zip.readUInt32LE(offset + 24),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString("utf8", offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  // 0xFFFFFFFF marks a ZIP64 size: no spreadsheet of 10 MB needs one.
  const unpacked = entries.reduce((sum, e) => sum + e.unpackedSize, 0);
  if (
    entries.some((e) => e.unpackedSize === 0xffffffff) ||
    unpacked > SPREADSHEET_LIMITS.unpackedBytes
  )
    throw new Refused("too_big_unpacked");
  return entries;
}

/** A part's bytes as a stream, cut off with an error past its declared size. */
function entryStream(zip: Buffer, entry: ZipEntry): Readable {
  const at = entry.localHeaderOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw new Refused("unreadable");
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Readable.from([data]);
  if (entry.method !== 8) throw new Refused("unreadable");
  const inflate = zlib.createInflateRaw();
  let produced = 0;
  inflate.on("data", (chunk: Buffer) => {
    produced += chunk.length;
    if (produced > entry.unpackedSize) inflate.destroy(new Refused("too_big_unpacked"));
  });
  inflate.end(data);
  return inflate;
}

/** Parses a part's XML as it is inflated; `onOpen`/`onClose`/`onText` see it go by. */
async function parseXml(
  zip: Buffer,
  entry: ZipEntry,
  handlers: {
    open?: (name: string, attributes: Record<string, string>) => void;
    close?: (name: string) => void;
    text?: (text: string) => void;
  },
): Promise<void> {
  const parser = new SaxesParser();
  parser.on("opentag", (tag) =>
    handlers.open?.(tag.name, tag.attributes as Record<string, string>),
  );
  parser.on("closetag", (tag) => handlers.close?.(tag.name));
  parser.on("text", (text) => handlers.text?.(text));
  parser.on("cdata", (text) => handlers.text?.(text));
  const stream = entryStream(zip, entry);
  // A letter of two or three bytes may be split between two chunks.
  const decoder = new StringDecoder("utf8");
  try {
    for await (const chunk of stream) parser.write(decoder.write(chunk as Buffer));
    parser.write(decoder.end());
    parser.close();
  } catch (error) {
    stream.destroy();
    if (error instanceof Refused) throw error;
    throw new Refused("unreadable");
  }
}

// ---- the workbook --------------------------------------------------------------

const STOP = new Refused("too_many_rows");

async function readXlsx(zip: Buffer): Promise<SheetRow[]> {
  const entries = new Map(centralDirectory(zip).map((e) => [e.name, e]));
  const sheetPath = await firstSheetPath(zip, entries);
  const sheet = entries.get(sheetPath);
  if (!sheet) throw new Refused("unreadable");
  const shared = entries.get("xl/sharedStrings.xml");
  const strings = shared ? await sharedStrings(zip, shared) : [];
  return sheetRows(zip, sheet, strings);
}

/** xl/workbook.xml names the sheets in order; its relationships say where each is. */
async function firstSheetPath(zip: Buffer, entries: Map<string, ZipEntry>): Promise<string> {
  const workbook = entries.get("xl/workbook.xml");
  const relations = entries.get("xl/_rels/workbook.xml.rels");
  if (!workbook || !relations) return "xl/worksheets/sheet1.xml";
  let firstId: string | undefined;
  await parseXml(zip, workbook, {
    open: (name, attributes) => {
      if (name === "sheet" && firstId === undefined) firstId = attributes["r:id"];
    },
  });
  let target: string | undefined;
  await parseXml(zip, relations, {
    open: (name, attributes) => {
      if (name === "Relationship" && attributes.Id === firstId) target = attributes.Target;
    },
  });
  if (!target) return "xl/worksheets/sheet1.xml";
  return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
}

/** The shared strings, rich text flattened (the runs' texts joined), each cut to size. */
async function sharedStrings(zip: Buffer, entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  const maxStrings = SPREADSHEET_LIMITS.maxRows * SPREADSHEET_LIMITS.columns + 1_000;
  let current: string | null = null;
  let inText = false;
  let inPhonetic = false;
  await parseXml(zip, entry, {
    open: (name) => {
      if (name === "si") current = "";
      else if (name === "rPh") inPhonetic = true;
      else if (name === "t") inText = !inPhonetic;
    },
    close: (name) => {
      if (name === "t") inText = false;
      else if (name === "rPh") inPhonetic = false;
      else if (name === "si") {
        strings.push(current ?? "");
        current = null;
        if (strings.length > maxStrings) throw STOP;
      }
    },
    text: (text) => {
      if (inText && current !== null && current.length < SPREADSHEET_LIMITS.cellChars)
        current = (current + text).slice(0, SPREADSHEET_LIMITS.cellChars);
    },
  });
  return strings;
}

/** "C12" → 2 (zero-based column). */
function columnIndex(reference: string | undefined, fallback: number): number {
  const letters = /^[A-Z]+/.exec(reference ?? "")?.[0];
  if (!letters) return fallback;
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

async function sheetRows(zip: Buffer, entry: ZipEntry, strings: string[]): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  let row: string[] = [];
  let rowNumber = 0;
  let cell: { column: number; type: string; value: string } | null = null;
  let collecting = false;
  await parseXml(zip, entry, {
    open: (name, attributes) => {
      if (name === "row") {
        // Empty rows are usually not written at all: the number says where a row is.
        rowNumber = Number(attributes.r) || rowNumber + 1;
        row = [];
      } else if (name === "c") {
        cell = {
          column: columnIndex(attributes.r, row.length),
          type: attributes.t ?? "n",
          value: "",
        };
      } else if ((name === "v" || name === "t") && cell) collecting = true;
    },
    close: (name) => {
      if (name === "v" || name === "t") collecting = false;
      else if (name === "c" && cell) {
        if (cell.column < SPREADSHEET_LIMITS.columns) row[cell.column] = cellText(cell, strings);
        cell = null;
      } else if (name === "row")
        keepRow(
          rows,
          rowNumber,
          Array.from(row, (c) => c ?? ""),
        );
    },
    text: (text) => {
      if (collecting && cell && cell.value.length < SPREADSHEET_LIMITS.cellChars)
        cell.value = (cell.value + text).slice(0, SPREADSHEET_LIMITS.cellChars);
    },
  });
  return rows;
}

/** Keeps a row with something in it; past the header and `maxRows` more, reading stops. */
function keepRow(rows: SheetRow[], number: number, cells: string[]): void {
  if (!cells.some((c) => c.trim() !== "")) return;
  rows.push({ number, cells });
  if (rows.length > SPREADSHEET_LIMITS.maxRows + 1) throw STOP;
}

function cellText(cell: { type: string; value: string }, strings: string[]): string {
  if (cell.type === "s") return strings[Number(cell.value)] ?? "";
  if (cell.type === "b") return cell.value === "1" ? "TRUE" : "FALSE";
  return cell.value.trim();
}

// ---- CSV -----------------------------------------------------------------------

/** CSV with ; , or tab, quoted fields, a BOM; stops past the row cap. */
function readCsv(bytes: Buffer): SheetRow[] {
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const separator = [";", "\t", ","].reduce(
    (best, s) => (firstLine.split(s).length > firstLine.split(best).length ? s : best),
    ",",
  );
  const rows: SheetRow[] = [];
  let row: string[] = [];
  let lineNumber = 0;
  let cell = "";
  let quoted = false;
  const endCell = () => {
    if (row.length < SPREADSHEET_LIMITS.columns)
      row.push(cell.trim().slice(0, SPREADSHEET_LIMITS.cellChars));
    cell = "";
  };
  const endRow = () => {
    endCell();
    lineNumber += 1;
    keepRow(rows, lineNumber, row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else if (cell.length <= SPREADSHEET_LIMITS.cellChars) cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) endCell();
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else if (cell.length <= SPREADSHEET_LIMITS.cellChars) cell += ch;
  }
  if (cell || row.length) endRow();
  return rows;
}
