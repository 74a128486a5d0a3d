// Kazakh grammar the texts need at run time: the dative case ending (барыс септік)
// and a date in words with it, as an official writes a deadline before «дейін»:
// «2026 жылғы 1 қарашаға дейін», never «01.11.2026 дейін».
import { formatDateLong, type IsoDate, isValidIsoDate } from "../rules/dates.js";

const VOWELS = "аәеиоөуұүыіэюя";
const FRONT_VOWELS = "әеөүіэи";
// A word ending in a voiceless consonant takes -қа/-ке; any other ending, -ға/-ге.
const VOICELESS = "кқпстфхцчшщ";

/** The dative of one Kazakh word: қараша → қарашаға, сәуір → сәуірге, қыркүйек → қыркүйекке. */
export function kkDative(word: string): string {
  const lower = word.toLowerCase();
  const lastVowel = [...lower].reverse().find((c) => VOWELS.includes(c));
  const front = lastVowel !== undefined && FRONT_VOWELS.includes(lastVowel);
  const last = lower.at(-1) ?? "";
  if (VOICELESS.includes(last)) return word + (front ? "ке" : "қа");
  return word + (front ? "ге" : "ға");
}

/** "dd.MM.yyyy" (as messages show dates) or "YYYY-MM-DD" → an ISO date, else null. */
function toIso(text: string): IsoDate | null {
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim());
  const iso = dotted ? `${dotted[3]}-${dotted[2]}-${dotted[1]}` : text.trim();
  return isValidIsoDate(iso) ? iso : null;
}

/** «2026 жылғы 1 қарашаға»: the date in words, its month in the dative. Anything else unchanged. */
export function kkDateDative(value: unknown): string {
  const text = String(value);
  const iso = toIso(text);
  return iso ? kkDative(formatDateLong(iso, "kk")) : text;
}
