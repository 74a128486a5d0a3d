// What a Mini App API handler sees and returns. Handlers are thin: they read the
// request, call the same services the chat calls (with the same Actor, so the same
// role and scope checks), and shape the answer as JSON. No query of their own.
import type { Language } from "../../db/types.js";
import type { AppDeps } from "../deps.js";
import type { TFunction } from "../i18n/index.js";
import type { Actor } from "../services/grants.js";
import type { RoleGrant } from "../services/people.js";

export interface WebPerson {
  telegramId: number;
  /** As Telegram gave it: how "already done by X" names this person to others. */
  name: string;
  language: Language;
  t: TFunction;
  grants: RoleGrant[];
}

export interface WebRequest<G extends RoleGrant = RoleGrant> {
  deps: AppDeps;
  person: WebPerson;
  grant: G;
  actor: Actor;
  /** The path's named parts, e.g. `:employeeId`. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body of a POST (an object; {} when empty). */
  body: Record<string, unknown>;
}

/** A file to download (a register, an order draft…): sent as an attachment. */
export interface WebFile {
  file: { name: string; mimeType: string; bytes: Uint8Array };
}

export type WebAnswer = Record<string, unknown> | WebFile;

export interface WebRoute<G extends RoleGrant = RoleGrant> {
  method: "GET" | "POST";
  /** Below the grant, e.g. "/employees/:employeeId"; parts are ids or words. */
  path: string;
  handle(request: WebRequest<G>): Promise<WebAnswer>;
}

/**
 * An answer that is not a success: 400 bad input, 403 outside the person's scope,
 * 404 no such thing, 409 refused by the rules or already done (with the chat's text).
 */
export class WebError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A positive integer id from the path or the body, or a 400. */
export function idOf(value: unknown, what = "id"): number {
  const text = String(value ?? "");
  if (!/^[1-9]\d{0,14}$/.test(text)) throw new WebError(400, `${what} must be a positive integer`);
  return Number(text);
}

export function isWebFile(answer: WebAnswer): answer is WebFile {
  return "file" in answer && typeof answer.file === "object" && answer.file !== null;
}
