// The individual identification number (ЖСН / ИИН): 12 digits — birth date YYMMDD,
// a century-and-sex digit, four serial digits and a check digit (docs/GLOSSARY.md).
import { type IsoDate, isValidIsoDate } from "./dates.js";

export type IinCheck =
  | { ok: true; iin: string; birthDate: IsoDate; sex: "male" | "female" }
  | { ok: false; reason: "format" | "birth_date" | "check_digit" };

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** The check digit for the first 11 digits, or null when none exists. */
export function iinCheckDigit(first11: readonly number[]): number | null {
  const weighted = (weights: number[]) =>
    first11.reduce((sum, digit, i) => sum + digit * (weights[i] ?? 0), 0) % 11;
  const first = weighted(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weighted(SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

const CENTURY_BY_DIGIT: Record<number, number> = {
  1: 1800,
  2: 1800,
  3: 1900,
  4: 1900,
  5: 2000,
  6: 2000,
};

export function validateIin(input: string): IinCheck {
  const iin = input.replace(/\s+/g, "");
  if (!/^\d{12}$/.test(iin)) return { ok: false, reason: "format" };
  const digits = [...iin].map(Number);
  const centuryDigit = digits[6] ?? 0;
  const century = CENTURY_BY_DIGIT[centuryDigit];
  if (century === undefined) return { ok: false, reason: "birth_date" };
  const birthDate = `${century + Number(iin.slice(0, 2))}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`;
  if (!isValidIsoDate(birthDate)) return { ok: false, reason: "birth_date" };
  if (iinCheckDigit(digits.slice(0, 11)) !== digits[11])
    return { ok: false, reason: "check_digit" };
  return { ok: true, iin, birthDate, sex: centuryDigit % 2 === 1 ? "male" : "female" };
}

export type Sex = "male" | "female";

/**
 * The sex the IIN records (its 7th digit: odd male, even female), or null for a
 * number that is not 12 digits. Russian past-tense verbs on documents agree with it.
 */
export function sexFromIin(iin: string): Sex | null {
  const digit = /^\d{12}$/.test(iin) ? Number(iin[6]) : Number.NaN;
  if (!(digit >= 1 && digit <= 6)) return null;
  return digit % 2 === 1 ? "male" : "female";
}

/**
 * The least of an IIN that still tells two people apart in a list: the birth-date
 * part and the last two digits, "900517****23" (Law No. 94-V: the IIN is restricted
 * personal data; the full number is shown only on an explicit request).
 */
export function maskIin(iin: string): string {
  if (iin.length < 8) return "*".repeat(iin.length);
  return `${iin.slice(0, 6)}${"*".repeat(iin.length - 8)}${iin.slice(-2)}`;
}

/** Builds a valid IIN (for seed and test data); null when the serial has no check digit. */
export function makeIin(birthDate: IsoDate, sex: "male" | "female", serial: number): string | null {
  const [year, month, day] = birthDate.split("-");
  const century = Math.floor(Number(year) / 100) * 100;
  const base = century === 1800 ? 1 : century === 1900 ? 3 : 5;
  const centuryDigit = base + (sex === "female" ? 1 : 0);
  const first11 = `${year?.slice(2)}${month}${day}${centuryDigit}${String(serial % 10_000).padStart(4, "0")}`;
  const check = iinCheckDigit([...first11].map(Number));
  return check === null ? null : `${first11}${check}`;
}
