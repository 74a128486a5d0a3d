#!/usr/bin/env bash
# Proves a backup can be restored: loads a dump (the newest in BACKUP_DIR, or the
# file given) into a scratch database on the same server, checks that the tables
# the bot needs are there with rows and that the migrations are complete, prints
# the counts, and drops the scratch database. Exit code 0 only when all is well.
#   DATABASE_URL=postgres://… scripts/restore-test.sh [backups/bot-….dump]
# With no dump at all it makes one first (scripts/backup.sh), so it can also run
# as a monthly check: dump → restore → compare.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the server that may hold a scratch database}"
BACKUP_DIR="${BACKUP_DIR:-./backups}"
here="$(cd "$(dirname "$0")" && pwd)"

dump="${1:-}"
if [ -z "$dump" ]; then
  dump="$(ls -1t "$BACKUP_DIR"/bot-*.dump 2>/dev/null | head -n 1 || true)"
  [ -n "$dump" ] || dump="$(BACKUP_DIR="$BACKUP_DIR" "$here/backup.sh")"
fi
[ -f "$dump" ] || { echo "no dump file: $dump" >&2; exit 1; }

scratch="restore_test_$(date -u +%Y%m%d%H%M%S)_$$"
server_url="$(printf '%s' "$DATABASE_URL" | sed -E 's#/[^/?]*(\?|$)#/postgres\1#')"
scratch_url="$(printf '%s' "$DATABASE_URL" | sed -E "s#/[^/?]*(\\?|\$)#/$scratch\\1#")"
cleanup() { psql -q "$server_url" -c "drop database if exists $scratch with (force)" >/dev/null 2>&1 || true; }
trap cleanup EXIT

psql -q -v ON_ERROR_STOP=1 "$server_url" -c "create database $scratch"
pg_restore --no-owner --exit-on-error --dbname="$scratch_url" "$dump"

count() { psql -tA -v ON_ERROR_STOP=1 "$scratch_url" -c "select count(*) from $1"; }
status=0
for table in units employees certificates audit_log consents access_log kysely_migration; do
  if n="$(count "$table" 2>/dev/null)"; then
    echo "$table: $n rows"
  else
    echo "$table: MISSING" >&2
    status=1
  fi
done
# The unit tree is seeded at every start: an empty one means the dump is not the bot's.
[ "$(count units 2>/dev/null || echo 0)" -gt 0 ] || { echo "units: empty" >&2; status=1; }
latest="$(psql -tA "$scratch_url" -c "select max(name) from kysely_migration" 2>/dev/null || true)"
echo "latest migration: ${latest:-none}"
[ -n "$latest" ] || status=1
if [ "$status" -eq 0 ]; then echo "restore test passed: $dump"; else echo "restore test FAILED: $dump" >&2; fi
exit "$status"
