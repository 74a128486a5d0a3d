// Reading a table's request: a choice out of a known list, a page, a year, a date,
// a line of text. Anything else is a 400, before a service is asked.
import type { IsoDate } from "../../db/types.js";
import { isValidIsoDate } from "../rules/index.js";
import { cleanLine, textLength } from "../services/text.js";
import { WebError } from "./web-route.js";

/** `name`'s value if it is one of `allowed`; undefined when absent or empty. */
export function oneOf<T extends string>(
  query: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = query.get(name);
  if (value === null || value === "") return undefined;
  if (!(allowed as readonly string[]).includes(value))
    throw new WebError(400, `${name} must be one of ${allowed.join(", ")}`);
  return value as T;
}

/** The page asked for (0 when absent). */
export function pageOf(query: URLSearchParams): number {
  const text = query.get("page") ?? "0";
  if (!/^\d{1,6}$/.test(text)) throw new WebError(400, "page must be a number");
  return Number(text);
}

/** Rows a page: `size` within 1…100, else `fallback`. */
export function sizeOf(query: URLSearchParams, fallback: number): number {
  const text = query.get("size");
  if (text === null || text === "") return fallback;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > 100)
    throw new WebError(400, "size must be 1 to 100");
  return size;
}

/** A year from the query or the body, or undefined when absent. */
export function yearOf(value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const text = String(value);
  if (!/^20\d\d$/.test(text)) throw new WebError(400, "year must be a year");
  return Number(text);
}

/** A calendar date (YYYY-MM-DD) from the query, or undefined when absent. */
export function dateOf(query: URLSearchParams, name: string): IsoDate | undefined {
  const text = query.get(name);
  if (text === null || text === "") return undefined;
  if (!isValidIsoDate(text)) throw new WebError(400, `${name} must be a date (YYYY-MM-DD)`);
  return text;
}

/**
 * A line of typed text from the body, cleaned as the chat cleans it ("" when
 * absent); over `max` characters it is refused with `tooLong`, the person's text.
 */
export function lineOf(value: unknown, max: number, tooLong: string): string {
  if (value !== undefined && value !== null && typeof value !== "string")
    throw new WebError(400, "text expected");
  const text = cleanLine(value ?? "");
  if (textLength(text) > max) throw new WebError(400, tooLong);
  return text;
}
