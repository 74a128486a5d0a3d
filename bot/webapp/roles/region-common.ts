// What the regional coordinator's routes share: who acts and when, the year a list
// screen is on, and the body's values read strictly (a 400 with the chat's own
// question or problem text, in the person's language, when one is missing or wrong).
import type { IsoDate, Language } from "../../../db/types.js";
import { translateKey } from "../../i18n/index.js";
import { isReachableListYear, parseDisplayDate } from "../../rules/index.js";
import { defaultYearOf } from "../../services/coordinator-lists.js";
import type { RoleGrant } from "../../services/people.js";
import { cleanLine, textLength } from "../../services/text.js";
import { plainText } from "../refusals.js";
import { WebError, type WebPerson, type WebRequest } from "../web-route.js";

export type RegionGrant = Extract<RoleGrant, { role: "regional_coordinator" }>;
export type RegionRequest = WebRequest<RegionGrant>;

export const MIME = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** The person acting, and the moment. */
export function actOf({ person, deps }: RegionRequest): { actor: number; now: Date } {
  return { actor: person.telegramId, now: deps.clock() };
}

/** The list year asked for (`year`, else the year the chat's screen opens on); one out of reach is refused. */
export async function yearOf(request: RegionRequest, given: unknown): Promise<number> {
  const { deps, grant, person } = request;
  const now = deps.clock();
  if (given === undefined || given === null || given === "")
    return defaultYearOf(deps.db, grant, now);
  const year = Number(given);
  if (!Number.isInteger(year) || !isReachableListYear(year, now))
    throw new WebError(409, person.t("lists.closed", { year: String(given).slice(0, 4) }));
  return year;
}

/**
 * A required line of text (a reason, an order's number), cleaned as the chat cleans
 * what people type (services/text.ts); else 400 with `question`, or with the chat's
 * limit when it is too long.
 */
export function textOf(value: unknown, max: number, question: string, person: WebPerson): string {
  const text = typeof value === "string" ? cleanLine(value) : "";
  if (!text) throw new WebError(400, question);
  if (textLength(text) > max)
    throw new WebError(400, person.t("webapp_region.errors.too_long", { max }));
  return text;
}

/** A real date, as the page's date field sends it (2027-01-15) or as typed (15.01.2027). */
export function dateOf(value: unknown, person: WebPerson): IsoDate {
  const text = typeof value === "string" ? value.trim() : "";
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = parseDisplayDate(iso ? `${iso[3]}.${iso[2]}.${iso[1]}` : text);
  if (!date) throw new WebError(400, person.t("employees.problem.date_invalid"));
  return date;
}

/** Positive integer ids from a body's array or a query's "1,2,3"; at least one, at most `max`. */
export function idsOf(value: unknown, max = 1000): number[] {
  const parts = Array.isArray(value)
    ? value
    : typeof value === "string" && value
      ? value.split(",")
      : [];
  if (parts.length === 0 || parts.length > max)
    throw new WebError(400, `between 1 and ${max} ids are needed`);
  const ids = parts.map((part) => {
    const text = String(part);
    if (!/^[1-9]\d{0,14}$/.test(text)) throw new WebError(400, "ids must be positive integers");
    return Number(text);
  });
  return [...new Set(ids)];
}

/** The language a document is asked in (the person's own unless `kk`/`ru` is given). */
export function documentLanguage(query: URLSearchParams, person: WebPerson): Language {
  const asked = query.get("lang");
  return asked === "kk" || asked === "ru" ? asked : person.language;
}

/** `pdf` or `docx` (or `xlsx` when allowed) from the path; else 404. */
export function formatOf<F extends keyof typeof MIME>(value: string | undefined, allowed: F[]): F {
  if (!allowed.includes(value as F)) throw new WebError(404, "not found");
  return value as F;
}

export const OUT_OF_SCOPE = "outside the region";

/** A chat text by a key made at run time (a status, a reason), as plain text for the page. */
export function say(person: WebPerson, key: string, params?: Record<string, unknown>): string {
  return plainText(translateKey(person.t, key, params));
}

export { pageOf } from "../params.js";
