// One factory for both databases: PostgreSQL through `pg` when a URL is given,
// otherwise the embedded PostgreSQL (PGlite) in a folder. The rest of the program
// sees only `Kysely<Database>` and the small `DatabaseHandle` below.
import { chmodSync, mkdirSync } from "node:fs";
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import type { Database } from "./types.js";

export type DatabaseKind = "postgres" | "pglite";

/** Releases a lock taken with `lockKey`. */
export type Unlock = () => Promise<void>;

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /**
   * Takes a lock that everyone sharing this database respects: a PostgreSQL
   * advisory lock on a connection of its own, so other processes wait too. PGlite
   * can only be opened by one process, so there an in-process lock is enough.
   */
  lockKey(key: string): Promise<Unlock>;
  /** Connections of the main pool checked out now, and requests waiting for one (PostgreSQL). */
  poolUse?(): { inUse: number; waiting: number };
  /** PGlite only: the whole data folder as an uncompressed tar, for `loadDataDir`. */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

/** Time limits of PostgreSQL connections (milliseconds). */
export interface DatabaseTimeouts {
  /** Establishing a connection (or waiting for a free one in the pool). */
  connectMs: number;
  /** One statement, server side (statement_timeout) and client side. */
  statementMs: number;
  /** Waiting for a row or table lock (lock_timeout). */
  lockMs: number;
  /** Waiting for a chat's advisory lock held by another update or process. */
  chatLockMs: number;
}

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 15_000,
  lockMs: 5_000,
  chatLockMs: 30_000,
};

/**
 * What kind of database trouble an error is, for a clear log line, or null when it
 * is not one: a time limit passed, or the connection was lost (a restart, a failover).
 */
export function databaseTrouble(
  error: unknown,
): "statement_timeout" | "lock_timeout" | "connect_timeout" | "connection_lost" | null {
  const e = error as { code?: string; message?: string } | null;
  if (!e || typeof e !== "object") return null;
  if (e.code === "57014" || /Query read timeout/i.test(e.message ?? "")) return "statement_timeout";
  if (e.code === "55P03") return "lock_timeout";
  if (/timeout exceeded when trying to connect|connection timeout/i.test(e.message ?? ""))
    return "connect_timeout";
  if (
    e.code === "57P01" ||
    e.code === "57P02" ||
    e.code === "57P03" ||
    e.code === "ECONNREFUSED" ||
    e.code === "ECONNRESET" ||
    /Connection terminated|terminating connection|Client has encountered a connection error/i.test(
      e.message ?? "",
    )
  )
    return "connection_lost";
  return null;
}

export interface DatabaseOptions {
  /** postgres://… ; when absent, PGlite is used. */
  url?: string;
  /** PGlite's folder, or "memory://" for a throw-away database. */
  dataDir?: string;
  /** Connections of the main pool (PostgreSQL only). */
  poolSize?: number;
  /** PostgreSQL time limits; the defaults above when absent. */
  timeouts?: DatabaseTimeouts;
  /**
   * PGlite only: start from this dump of a data folder (`PGlite.dumpDataDir`) instead
   * of an empty database. The tests copy one migrated database this way.
   */
  loadDataDir?: Blob;
}

// PostgreSQL type OIDs whose default JS mapping we change, the same way on both
// drivers: int8 → number (Telegram ids and counts fit in 2^53), date → "YYYY-MM-DD"
// string (a calendar date has no time zone; a JS Date would invent one).
const INT8 = 20;
const DATE = 1082;
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: (value) => Number(value),
  [DATE]: (value) => value,
};

// Each driver is imported only when it is used: a PostgreSQL deployment never loads
// PGlite and the embedded database never loads pg, which shortens the start.
export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  return options.url
    ? openPostgres(options.url, options.poolSize ?? 20, options.timeouts ?? DEFAULT_TIMEOUTS)
    : openPglite(options.dataDir, options.loadDataDir);
}

async function openPostgres(
  url: string,
  poolSize: number,
  timeouts: DatabaseTimeouts,
): Promise<DatabaseHandle> {
  const { default: pg } = await import("pg");
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      parsers[oid] ?? pg.types.getTypeParser(oid, format as "text"),
  };
  // Without limits, an unreachable or stuck database makes every update wait forever
  // (the chat lock and the queries alike); with them the update fails, is logged as a
  // database timeout, and the person gets an apology.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    query_timeout: timeouts.statementMs + 1_000,
    idle_in_transaction_session_timeout: timeouts.statementMs * 2,
  });
  // Locks live on their own small pool: a handler holding a chat lock must still be
  // able to get a connection for its queries from the main pool. Waiting for a chat's
  // lock may take as long as another update of that chat takes.
  const lockPool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.chatLockMs,
    lock_timeout: timeouts.chatLockMs,
    query_timeout: timeouts.chatLockMs + 1_000,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // A connection that the server closes (a restart, a failover, pg_terminate_backend)
  // is replaced on the next query. Its error is emitted on the pool while the
  // connection is idle, and on the client itself while it is checked out (a chat
  // lock held, a transaction between statements): without listeners on both, that
  // error would be uncaught and take the process down.
  for (const p of [pool, lockPool]) {
    p.on("error", () => undefined);
    p.on("connect", (client) => client.on("error", () => undefined));
  }

  return {
    db,
    kind: "postgres",
    poolUse: () => ({ inUse: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }),
    async lockKey(key) {
      const client = await lockPool.connect();
      try {
        await client.query("select pg_advisory_lock(hashtextextended($1, 0))", [key]);
      } catch (error) {
        client.release(true);
        throw error;
      }
      return async () => {
        try {
          await client.query("select pg_advisory_unlock(hashtextextended($1, 0))", [key]);
          client.release();
        } catch {
          // A broken connection frees its locks when it closes.
          client.release(true);
        }
      };
    },
    async close() {
      await db.destroy();
      await lockPool.end();
    },
  };
}

/** Personal data live in the folder: only the bot's own user may open it (0700). */
export function prepareDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
}

async function openPglite(dataDir = "./data/pglite", loadDataDir?: Blob): Promise<DatabaseHandle> {
  if (!dataDir.includes("://")) prepareDataDir(dataDir);
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create(dataDir, { parsers, loadDataDir });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: "pglite",
    lockKey: inProcessLocks(),
    dumpDataDir: () => pglite.dumpDataDir("none"),
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Keyed mutual exclusion within this process: each key's holders queue up. */
function inProcessLocks(): (key: string) => Promise<Unlock> {
  const tails = new Map<string, Promise<void>>();
  return async (key) => {
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    return async () => {
      release();
      // Forget the key once nobody queues behind us, so the map does not grow.
      if (tails.get(key) === tail) tails.delete(key);
    };
  };
}
