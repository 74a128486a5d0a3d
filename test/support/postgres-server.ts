// Tests that need a PostgreSQL server (several processes on one database, or
// connections cut under the bot) run against TEST_DATABASE_URL or the local server.
// Where neither answers they are skipped with the reason printed, so `npm test`
// passes on a machine without PostgreSQL; `.ci/run` sets REQUIRE_POSTGRES=1, so
// in CI a missing server fails instead of skipping.
import pg from "pg";

const LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/test";

/** The server's URL when one answers within two seconds, otherwise undefined. */
export async function reachablePostgres(why: string): Promise<string | undefined> {
  const url = process.env.TEST_DATABASE_URL || LOCAL_SERVER;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch (error) {
    const reason = `${why} needs PostgreSQL (TEST_DATABASE_URL, or a server at 127.0.0.1:5432): ${String(error)}`;
    if (process.env.REQUIRE_POSTGRES) throw new Error(reason);
    console.warn(`SKIPPED: ${reason}`);
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}
