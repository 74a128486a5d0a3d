// A route is one kind of button press: a short wire prefix, the role whose grant it
// needs (if any) and its typed parameters. Callback data is built only with
// `pack` and read only with `unpack`, so each action is spelled once, a handler
// gets numbers as numbers, and forged data (wrong parts, a non-number where an id
// goes, a value outside a choice) is refused here, before any handler runs.
//
// The wire format is "<prefix>[:<grant>][:<param>…]": ids only, never personal
// data, within Telegram's 64 bytes. The grant's key is left out for the roles a
// person holds at most once (employee, admin): the role alone names the grant. This module knows nothing of grammY: services
// and the reminder planner build their notices' buttons with it too.
import { type GrantRef, grantKey, parseGrantKey } from "./grant-key.js";

/** Telegram's limit for callback data. */
export const MAX_CALLBACK_BYTES = 64;

/** How a parameter is written and read back. */
export type ParamKind =
  /** A non-negative whole number (ids, pages, indexes). */
  | "int"
  /** A short token of letters, digits, "_" and "-" (a /start payload). */
  | "token"
  /** One of the given words. */
  | readonly string[];

export type ParamValue<K extends ParamKind> = K extends "int"
  ? number
  : K extends "token"
    ? string
    : K extends readonly (infer Choice)[]
      ? Choice
      : never;

export type ParamSpec = Readonly<Record<string, ParamKind>>;
export type Params<P extends ParamSpec> = { -readonly [K in keyof P]: ParamValue<P[K]> };
export type GrantRole = GrantRef["role"];

/** The parameters of a route with a grant: the grant (as held), then its own. */
type PackInput<R extends GrantRole | null, P extends ParamSpec> = [R] extends [GrantRole]
  ? { grant: Extract<GrantRef, { role: R }> } & Params<P>
  : Params<P>;

/** What `unpack` gives: the grant's key (checked against the person's grants later) and the parameters. */
export type Unpacked<R extends GrantRole | null, P extends ParamSpec> = ([R] extends [GrantRole]
  ? { grantKey: string; grantRole: R }
  : NoParams) &
  Params<P>;

/** Nothing: the parameters of a route without any. */
type NoParams = Record<never, never>;

export interface Route<
  R extends GrantRole | null = GrantRole | null,
  P extends ParamSpec = ParamSpec,
> {
  readonly prefix: string;
  /** The roles whose grant may press it; null for buttons that need none. */
  readonly roles: readonly R[] | null;
  readonly params: P;
  pack(input: PackInput<R, P>): string;
  /** The parsed press, or null when the data is not this route's or is malformed. */
  unpack(data: string): Unpacked<R, P> | null;
  /** Whether the data starts with this route's prefix (malformed or not). */
  owns(data: string): boolean;
}

/** Roles whose grant a person holds at most once, so data need not name it. */
const SINGLE_GRANT_ROLES: readonly string[] = ["employee", "admin"];

const INT = /^(0|[1-9]\d{0,14})$/;
const TOKEN = /^[\w-]{0,40}$/;

function readParam(kind: ParamKind, raw: string): string | number | null {
  if (kind === "int") return INT.test(raw) ? Number(raw) : null;
  if (kind === "token") return TOKEN.test(raw) ? raw : null;
  return kind.includes(raw) ? raw : null;
}

function writeParam(kind: ParamKind, name: string, value: unknown, prefix: string): string {
  const text = String(value);
  if (readParam(kind, text) === null)
    throw new Error(`route ${prefix}: ${name} cannot be ${JSON.stringify(value)}`);
  return text;
}

export function route<const R extends GrantRole = never, const P extends ParamSpec = NoParams>(
  prefix: string,
  spec: { roles?: readonly R[]; params?: P } = {},
): Route<[R] extends [never] ? null : R, P> {
  const roles = spec.roles ?? null;
  const params = (spec.params ?? {}) as P;
  const names = Object.keys(params);
  const head = `${prefix}:`;
  const keyed = !!roles?.some((role) => !SINGLE_GRANT_ROLES.includes(role));
  if (roles && !keyed && roles.length !== 1)
    throw new Error(`route ${prefix}: a route without a grant key is for one role`);
  type Out = Route<[R] extends [never] ? null : R, P>;
  return {
    prefix,
    roles: roles as Out["roles"],
    params,
    pack(input) {
      const record = input as Record<string, unknown>;
      const parts = [prefix];
      if (keyed) parts.push(grantKey(record.grant as GrantRef));
      for (const name of names)
        parts.push(writeParam(params[name] as ParamKind, name, record[name], prefix));
      const data = parts.join(":");
      if (Buffer.byteLength(data, "utf8") > MAX_CALLBACK_BYTES)
        throw new Error(`callback data over ${MAX_CALLBACK_BYTES} bytes: ${data}`);
      return data;
    },
    unpack(data) {
      const parts = data.split(":");
      if (parts.shift() !== prefix) return null;
      const result: Record<string, unknown> = {};
      if (roles && !keyed) {
        result.grantKey = grantKey({ role: roles[0] } as GrantRef);
        result.grantRole = roles[0];
      }
      if (keyed) {
        const key = parts.shift() ?? "";
        const grant = parseGrantKey(key);
        if (!grant || !(roles as readonly string[]).includes(grant.role)) return null;
        result.grantKey = key;
        result.grantRole = grant.role;
      }
      if (parts.length !== names.length) return null;
      for (const [index, name] of names.entries()) {
        const value = readParam(params[name] as ParamKind, parts[index] ?? "");
        if (value === null) return null;
        result[name] = value;
      }
      return result as Unpacked<[R] extends [never] ? null : R, P>;
    },
    owns: (data) => data === prefix || data.startsWith(head),
  };
}
