#!/bin/sh
# The hot standby (docker-compose.yml, profile "cluster"): on first start, a base backup of the primary that keeps
# streaming from it (pg_basebackup -R), then PostgreSQL in hot-standby mode, answering read-only queries.
set -e
DATA=/var/lib/postgresql/data
if [ ! -s "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA" && chown postgres: "$DATA" && chmod 700 "$DATA"
  until gosu postgres env PGPASSWORD="$POSTGRES_PASSWORD" pg_basebackup -h pg-primary -U "$POSTGRES_USER" -D "$DATA" -R -X stream -c fast; do
    echo "waiting for the primary"; rm -rf "${DATA:?}"/*; sleep 2
  done
fi
exec gosu postgres postgres -c hot_standby=on -c wal_receiver_status_interval=1s
