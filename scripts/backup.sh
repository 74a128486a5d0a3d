#!/usr/bin/env bash
# A compressed, consistent dump of the bot's PostgreSQL database (pg_dump custom
# format), named by date, with dumps older than BACKUP_KEEP_DAYS removed. Run it
# from cron on the database server in Kazakhstan (see README, "Personal data"):
#   15 2 * * *  DATABASE_URL=postgres://… BACKUP_DIR=/var/backups/bot /opt/bot/scripts/backup.sh
# The dumps hold personal data: the folder is created owner-only (0700).
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL to the database to dump}"
BACKUP_DIR="${BACKUP_DIR:-./backups}"
BACKUP_KEEP_DAYS="${BACKUP_KEEP_DAYS:-30}"

umask 077
mkdir -p "$BACKUP_DIR"
chmod 700 "$BACKUP_DIR"
file="$BACKUP_DIR/bot-$(date -u +%Y-%m-%dT%H-%M-%SZ).dump"
pg_dump --format=custom --no-owner --file="$file.partial" "$DATABASE_URL"
mv "$file.partial" "$file"
find "$BACKUP_DIR" -name 'bot-*.dump' -type f -mtime +"$BACKUP_KEEP_DAYS" -delete
echo "$file"
