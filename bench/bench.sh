#!/usr/bin/env bash
# Search and browsing at scale: a private PostgreSQL cluster tuned for loading, the generated data set
# (300k papers, 1M summaries, 3M comments, 10M votes by default), then the measurements against the real API.
# Run by hand (not part of ./test.sh). Needs ~25 GB free. The data (~15 GB) is kept for the next run and for
# bench/load.sh; only `bench/bench.sh clean` deletes it.
#   bench/bench.sh                 generate + measure
#   bench/bench.sh generate        only generate
#   bench/bench.sh measure         measure a cluster kept from an earlier run
#   bench/bench.sh plans           every request kind once with auto_explain on; prints any query of the API that
#                                  reads a big table whole (sequential scan) on this data, and fails if one does
#   bench/bench.sh clean           delete the data folder (only one these scripts created)
# Sizes: PAPERS, SUMMARIES, COMMENTS, VOTES. Data folder: BENCH_DATA (default /var/tmp/shortscience-bench); the
# script creates it and will not use, chown or delete a folder it did not create. See bench/README.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/lib.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
STEP=${1:-all}
case "$STEP" in
  all|generate|measure|plans|clean) ;;
  -h|--help|help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown step '$STEP' (all, generate, measure, plans, clean; --help)" ;;
esac
BASE=${BENCH_DATA:-/var/tmp/shortscience-bench}
DATA=$BASE/pg

if [ "$STEP" = clean ]; then
  [ -e "$BASE" ] || { log "Nothing to delete: $BASE does not exist"; exit 0; }
  [ -f "$DATA/postmaster.pid" ] && { ensure_postgres; pg_stop "$DATA"; }
  remove_owned_dir "$BASE" || die "$BASE was not created by bench/bench.sh; delete it yourself if you mean to"
  log "Deleted the benchmark data in $BASE"
  exit 0
fi
if [ "$STEP" = measure ] || [ "$STEP" = plans ]; then
  [ -f "$DATA/PG_VERSION" ] || die "No generated data in $DATA: run bench/bench.sh generate first"
fi
ensure_postgres
ensure_npm_packages "$ROOT"

make_owned_dir "$BASE"
if [ ! -d "$DATA" ]; then mkdir "$DATA"; [ "$(id -u)" -eq 0 ] && chown postgres: "$DATA"; fi
PORT=$(free_port 55800)
cleanup() {
  stop_hosts
  pg_stop "$DATA"
  log "The benchmark data stays in $BASE (bench/bench.sh clean deletes it)"
}
trap cleanup EXIT
# Loading settings: no durability (a benchmark can be regenerated), big memory for index builds, no autovacuum.
pg_start "$DATA" "$PORT" fsync=off synchronous_commit=off full_page_writes=off wal_level=minimal max_wal_senders=0 \
  max_wal_size=32GB checkpoint_timeout=1h autovacuum=off shared_buffers=4GB work_mem=64MB maintenance_work_mem=1GB \
  effective_cache_size=16GB random_page_cost=1.1 \
  $([ "$STEP" = plans ] && echo "session_preload_libraries=auto_explain auto_explain.log_min_duration=0 auto_explain.log_format=json log_line_prefix=%a:")
[ "$STEP" = plans ] && : > "$DATA/server.log" # only this run's plans
CS="Host=127.0.0.1;Port=$PORT;Database=bench;Username=postgres;Password=$PG_PASSWORD;Timeout=60;Command Timeout=0"
PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'bench'" | grep -q 1 \
  || PGPASSWORD=$PG_PASSWORD "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres bench

log "Building (Release)"
dotnet build bench/ShortScience.Bench -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/ShortScience.Api -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
BENCH="dotnet bench/ShortScience.Bench/bin/Release/net10.0/ShortScience.Bench.dll"

if [ "$STEP" = all ] || [ "$STEP" = generate ]; then
  # A fresh database: migrations from scratch, and the disk space of an earlier run back.
  PGPASSWORD=$PG_PASSWORD "$PG_BIN/dropdb" -h 127.0.0.1 -p "$PORT" -U postgres --if-exists bench
  PGPASSWORD=$PG_PASSWORD "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres bench
  log "Generating (free disk before: $(df -h --output=avail "$DATA" | tail -1))"
  time $BENCH generate --connection "$CS" \
    --papers "${PAPERS:-300000}" --summaries "${SUMMARIES:-1000000}" --comments "${COMMENTS:-3000000}" --votes "${VOTES:-10000000}"
fi

if [ "$STEP" != generate ]; then
  API_PORT=$(free_port 5091)
  start_host api Release "$API_PORT" ConnectionStrings__ShortScience="$CS;Application Name=shortscience-api" \
    Serilog__MinimumLevel__Default=Warning Caching__Reads=false Rendering__RerenderOnStart=false ASPNETCORE_ENVIRONMENT=Production
  wait_for_hosts "${START_TIMEOUT:-60}" API "http://127.0.0.1:$API_PORT/health"
  if [ "$STEP" = plans ]; then
    $BENCH measure --connection "$CS" --api "http://127.0.0.1:$API_PORT" --rounds 1 >/dev/null
    $BENCH plans "$DATA/server.log" shortscience-api
  else
    $BENCH measure --connection "$CS" --api "http://127.0.0.1:$API_PORT" --rounds "${ROUNDS:-200}"
  fi
fi
