// People who talk to the bot: their Telegram record, language, and the roles they
// hold with each role's scope. Roles are read fresh on every update, so a revoked
// membership takes effect at once.
import { type Kysely, sql } from "kysely";
import type { ConsentSubject, Database, Language, TelegramUser } from "../../db/types.js";
import { grantKey } from "../routes/grant-key.js";
import { type ConsentAnswer, type ConsentState, statesOf } from "./consent.js";

export interface TelegramProfile {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface LocalizedName {
  kk: string;
  ru: string;
}

export type RoleGrant =
  | { role: "employee"; employeeId: number; unitId: number }
  | { role: "district_coordinator"; unitId: number; scopeName: LocalizedName }
  | { role: "regional_coordinator"; unitId: number; scopeName: LocalizedName }
  | { role: "provider_coordinator"; providerId: number; scopeName: LocalizedName }
  | { role: "admin" };

export type RoleName = RoleGrant["role"];

/** How stale "last seen" may get before an update writes it again. */
const LAST_SEEN_RESOLUTION = "10 minutes";

export interface Identified {
  record: TelegramUser;
  grants: RoleGrant[];
  /** The saved value under `stateKey` in bot_state (a conversation), if asked for. */
  state: unknown;
  /** Their latest answer to each personal-data notice (see consent.ts). */
  consent: Record<ConsentSubject, ConsentState>;
}

/**
 * Everything an update needs to know about its sender, in one round trip: records
 * the contact (written, and the row locked, only when something changed — a new person, a new name, an
 * "unreachable" mark to clear, or "last seen" older than ten minutes), reads their
 * roles, and reads one saved state (the chat's conversation), so no update pays three
 * round trips before it starts.
 */
export async function identifyPerson(
  db: Kysely<Database>,
  profile: TelegramProfile,
  now: Date,
  configAdminIds: readonly number[],
  stateKey: string | null,
): Promise<Identified> {
  const lastName = profile.last_name ?? null;
  const username = profile.username ?? null;
  const { rows } = await sql<{
    record: Record<string, unknown> | null;
    known: Record<string, unknown> | null;
    grants: GrantRow[] | null;
    state: unknown;
    answers: ConsentAnswer[] | null;
  }>`
    with touched as (
      insert into telegram_users as t
        (telegram_id, first_name, last_name, username, created_at, last_seen_at)
      select ${profile.id}, ${profile.first_name}, ${lastName}, ${username}, ${now}, ${now}
      -- Nothing to write: not even tried, since "on conflict do update" locks the row
      -- whatever its "where" says, and a lock costs a transaction id and a commit that
      -- waits for the disk. The "where" below still decides when another update races.
       where not exists (
         select from telegram_users k
          where k.telegram_id = ${profile.id}
            and k.first_name = ${profile.first_name}
            and k.last_name is not distinct from ${lastName}
            and k.username is not distinct from ${username}
            and k.unreachable_at is null
            and k.last_seen_at >= ${now}::timestamptz - interval '${sql.raw(LAST_SEEN_RESOLUTION)}')
      on conflict (telegram_id) do update
         set first_name = excluded.first_name, last_name = excluded.last_name,
             username = excluded.username, unreachable_at = null, last_seen_at = excluded.last_seen_at
       where t.first_name is distinct from excluded.first_name
          or t.last_name is distinct from excluded.last_name
          or t.username is distinct from excluded.username
          or t.unreachable_at is not null
          or t.last_seen_at < excluded.last_seen_at - interval '${sql.raw(LAST_SEEN_RESOLUTION)}'
      returning t.*
    )
    select (select row_to_json(touched) from touched) as record,
           (select row_to_json(u) from telegram_users u where u.telegram_id = ${profile.id}) as known,
           (select json_agg(g order by g.sort, g.id) from (${grantsQuery(profile.id)}) g) as grants,
           (select value from bot_state where key = ${stateKey ?? ""}) as state,
           (select json_agg(a) from (
              select distinct on (subject) subject, version, decision from consents
               where telegram_user_id = ${profile.id}
               order by subject, decided_at desc, id desc) a) as answers`.execute(db);
  const row = rows[0];
  const raw = row?.record ?? row?.known;
  if (!raw) throw new Error("telegram user neither written nor found");
  return {
    record: userFromJson(raw),
    grants: withConfigAdmin((row?.grants ?? []).map(toGrant), profile.id, configAdminIds),
    state: stateKey === null ? undefined : (row?.state ?? undefined),
    consent: statesOf(row?.answers ?? []),
  };
}

/** A telegram_users row that came back as JSON (timestamps as text). */
function userFromJson(raw: Record<string, unknown>): TelegramUser {
  const date = (value: unknown) => (value == null ? null : new Date(String(value)));
  return {
    telegram_id: Number(raw.telegram_id),
    first_name: String(raw.first_name),
    last_name: (raw.last_name as string | null) ?? null,
    username: (raw.username as string | null) ?? null,
    language: (raw.language as TelegramUser["language"]) ?? null,
    unreachable_at: date(raw.unreachable_at),
    created_at: date(raw.created_at) ?? new Date(0),
    last_seen_at: date(raw.last_seen_at) ?? new Date(0),
  };
}

/** A known person's name and language, read only (for a request that must not write). */
export async function knownPerson(
  db: Kysely<Database>,
  telegramId: number,
): Promise<Pick<TelegramUser, "first_name" | "last_name" | "language"> | undefined> {
  return db
    .selectFrom("telegram_users")
    .select(["first_name", "last_name", "language"])
    .where("telegram_id", "=", telegramId)
    .executeTakeFirst();
}

export async function setLanguage(
  db: Kysely<Database>,
  telegramId: number,
  language: Language,
): Promise<void> {
  await db
    .updateTable("telegram_users")
    .set({ language })
    .where("telegram_id", "=", telegramId)
    .execute();
}

/** Marks a person unreachable (they blocked the bot) or reachable again (null). */
export async function setReachable(
  db: Kysely<Database>,
  telegramId: number,
  unreachableSince: Date | null,
): Promise<void> {
  await db
    .updateTable("telegram_users")
    .set({ unreachable_at: unreachableSince })
    .where("telegram_id", "=", telegramId)
    .execute();
}

interface GrantRow {
  role: string;
  id: number;
  unit_id: number | null;
  name_kk: string | null;
  name_ru: string | null;
}

/**
 * Every role the person holds, in a stable order: employee first, then
 * coordinator roles, admin last. Admins from configuration need no membership.
 */
export async function loadRoleGrants(
  db: Kysely<Database>,
  telegramId: number,
  configAdminIds: readonly number[],
): Promise<RoleGrant[]> {
  const { rows } = await sql<GrantRow>`${grantsQuery(telegramId)} order by sort, id`.execute(db);
  return withConfigAdmin(rows.map(toGrant), telegramId, configAdminIds);
}

/** All three sources of roles in one query: employee record, memberships, providers. */
function grantsQuery(telegramId: number) {
  return sql<GrantRow>`
    select 'employee' as role, e.id, e.unit_id, null as name_kk, null as name_ru, 0 as sort
      from employees e where e.telegram_user_id = ${telegramId} and e.active
    union all
    select m.role, coalesce(m.unit_id, m.provider_id, 0) as id, m.unit_id,
           coalesce(u.name_kk, p.name_kk) as name_kk, coalesce(u.name_ru, p.name_ru) as name_ru,
           case m.role when 'district_coordinator' then 1 when 'regional_coordinator' then 2
                       when 'provider_coordinator' then 3 else 4 end as sort
      from memberships m
      left join units u on u.id = m.unit_id
      left join providers p on p.id = m.provider_id and p.active
     where m.telegram_user_id = ${telegramId} and m.revoked_at is null
       and (m.provider_id is null or p.id is not null)`;
}

/** Admins from configuration need no membership. */
function withConfigAdmin(
  grants: RoleGrant[],
  telegramId: number,
  configAdminIds: readonly number[],
): RoleGrant[] {
  if (configAdminIds.includes(telegramId) && !grants.some((g) => g.role === "admin"))
    grants.push({ role: "admin" });
  return grants;
}

function toGrant(row: GrantRow): RoleGrant {
  const scopeName = { kk: row.name_kk ?? "", ru: row.name_ru ?? "" };
  switch (row.role) {
    case "employee":
      return { role: "employee", employeeId: row.id, unitId: row.unit_id ?? 0 };
    case "district_coordinator":
      return { role: "district_coordinator", unitId: row.id, scopeName };
    case "regional_coordinator":
      return { role: "regional_coordinator", unitId: row.id, scopeName };
    case "provider_coordinator":
      return { role: "provider_coordinator", providerId: row.id, scopeName };
    default:
      return { role: "admin" };
  }
}

export { grantKey };

export function findGrant(grants: readonly RoleGrant[], key: string): RoleGrant | undefined {
  return grants.find((g) => grantKey(g) === key);
}
