// Text that people type or import is cleaned before it is checked or stored:
// Unicode NFC, no control characters (a line break only where a field has lines),
// and no invisible format characters — direction overrides such as U+202E would
// make "Иванова" display as something else in a list, a certificate or a PDF.
// Every field has a length limit (FIELD_LIMITS), the same in the bot and in the
// spreadsheet import, and the messages state it.

/** Characters of these fields at most (after cleaning). */
export const FIELD_LIMITS = {
  /** Surname, name, patronymic. */
  name: 60,
  position: 150,
  /** As typed ("+7 (701) 123-45-67"): room for spaces and brackets. */
  phone: 25,
  /** Any other line of text a conversation asks for (titles, reasons, numbers). */
  line: 200,
  /** A comment of several lines (a transfer request's). */
  comment: 1000,
} as const;

// Cc (controls), Cf (format: bidi overrides and isolates, zero-width, BOM, soft
// hyphen), Co (private use), Cs (lone surrogates), Cn (unassigned).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/gu;
const INVISIBLE_BUT_LINES = /(?![\n])[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}]/gu;

/** One line: invisible characters removed, runs of spaces made one, trimmed. */
export function cleanLine(input: string): string {
  return input
    .normalize("NFC")
    .replace(/[\r\n\t]+/g, " ")
    .replace(INVISIBLE, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Several lines: as cleanLine, but line breaks stay (at most one empty line in a row). */
export function cleanMultiline(input: string): string {
  return input
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(INVISIBLE_BUT_LINES, "")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Length as people count it: user-perceived characters, not UTF-16 units. */
export function textLength(text: string): number {
  return [...text].length;
}
