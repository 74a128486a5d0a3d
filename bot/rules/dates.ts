// Calendar dates and the Almaty clock. A calendar date is an ISO string
// "YYYY-MM-DD" (what the database returns for `date` columns); instants are JS
// Dates. Kazakhstan is on one time zone, Asia/Almaty, UTC+5 since 1 March 2024.
export type IsoDate = string;
export type Language = "kk" | "ru";

export const ALMATY_TIME_ZONE = "Asia/Almaty";
export const DAY_MS = 86_400_000;

const almatyParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: ALMATY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function partsOf(now: Date): Record<string, string> {
  return Object.fromEntries(almatyParts.formatToParts(now).map((p) => [p.type, p.value]));
}

/** The calendar date in Almaty at this instant. */
export function almatyDate(now: Date): IsoDate {
  const p = partsOf(now);
  return `${p.year}-${p.month}-${p.day}`;
}

export function almatyYear(now: Date): number {
  return Number(partsOf(now).year);
}

/** "dd.MM.yyyy HH:mm" in Almaty time. */
export function formatDateTime(now: Date): string {
  const p = partsOf(now);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

function split(date: IsoDate): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

function join(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function toUtcDay(date: IsoDate): number {
  const [y, m, d] = split(date);
  return Date.UTC(y, m - 1, d);
}

function fromUtcDay(ms: number): IsoDate {
  const d = new Date(ms);
  return join(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function isValidIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return fromUtcDay(toUtcDay(value)) === value;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day n years later. 29 February becomes 28 February in a common year:
 * never later than the anniversary, so "at least once every two years" (item 6)
 * is never stretched by a day.
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = split(date);
  const year = y + years;
  return join(year, m, Math.min(d, daysInMonth(year, m)));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcDay(toUtcDay(date) + days * DAY_MS);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcDay(b) - toUtcDay(a)) / DAY_MS);
}

/** The instant of 00:00 in Almaty on that date. */
export function startOfAlmatyDay(date: IsoDate): Date {
  return new Date(`${date}T00:00:00+05:00`);
}

/** "29.04.2025" (as dates are shown and typed) → "2025-04-29"; null unless a real date. */
export function parseDisplayDate(text: string): IsoDate | null {
  const match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const iso = `${match[3]}-${match[2]?.padStart(2, "0")}-${match[1]?.padStart(2, "0")}`;
  return isValidIsoDate(iso) ? iso : null;
}

/** "dd.MM.yyyy", as dates are shown in both languages. */
export function formatDate(date: IsoDate): string {
  const [y, m, d] = split(date);
  return `${String(d).padStart(2, "0")}.${String(m).padStart(2, "0")}.${y}`;
}

const KK_MONTHS = [
  "қаңтар",
  "ақпан",
  "наурыз",
  "сәуір",
  "мамыр",
  "маусым",
  "шілде",
  "тамыз",
  "қыркүйек",
  "қазан",
  "қараша",
  "желтоқсан",
];
const RU_MONTHS_GENITIVE = [
  "января",
  "февраля",
  "марта",
  "апреля",
  "мая",
  "июня",
  "июля",
  "августа",
  "сентября",
  "октября",
  "ноября",
  "декабря",
];

/** The pieces a document writes a date with: «29» сәуір 2026 / «29» апреля 2026. */
export function datePieces(
  date: IsoDate,
  lang: Language,
): { day: string; monthName: string; year: string } {
  const [y, m, d] = split(date);
  const months = lang === "kk" ? KK_MONTHS : RU_MONTHS_GENITIVE;
  return { day: String(d).padStart(2, "0"), monthName: months[m - 1] ?? "", year: String(y) };
}

/** As documents write a date out: "2026 жылғы 29 сәуір" / "29 апреля 2026 г.". */
export function formatDateLong(date: IsoDate, lang: Language): string {
  const [y, , d] = split(date);
  const { monthName } = datePieces(date, lang);
  return lang === "kk" ? `${y} жылғы ${d} ${monthName}` : `${d} ${monthName} ${y} г.`;
}
