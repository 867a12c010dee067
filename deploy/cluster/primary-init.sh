#!/bin/sh
# Run once by the postgres image when it creates the primary's data (docker-entrypoint-initdb.d): lets the standby
# stream the write-ahead log (docker-compose.yml, profile "cluster").
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
