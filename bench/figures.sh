#!/usr/bin/env bash
# Serving figures: requests/s and p50/p99 of GET /figures/{hash}.webp through the Web origin (YARP → API → the
# PostgreSQL store, streamed), its 304 path (If-None-Match), the API alone, and in the same run the ceiling: Kestrel
# serving the same bytes as a static file. A private PostgreSQL cluster with one 150 KB figure; nothing else needed.
#   bench/figures.sh        DURATION=15s CONNECTIONS=32 THREADS=2 SIZE=150000 by default
# Data folder: FIGURES_BENCH (default /var/tmp/shortscience-figures-bench), created and deleted by this script.
set -euo pipefail
case "${1:-}" in
  "") ;;
  -h|--help|help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) printf 'unknown argument %s (--help)\n' "$1" >&2; exit 1 ;;
esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/lib.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
DURATION=${DURATION:-15s}; CONNECTIONS=${CONNECTIONS:-32}; THREADS=${THREADS:-2}; SIZE=${SIZE:-150000}
BASE=${FIGURES_BENCH:-/var/tmp/shortscience-figures-bench}
command -v wrk >/dev/null || { log "Installing wrk"; apt_install wrk; }
ensure_postgres
ensure_npm_packages "$ROOT"

make_owned_dir "$BASE"
DATA=$BASE/pg
mkdir -p "$DATA"; [ "$(id -u)" -eq 0 ] && chown postgres: "$DATA"
cleanup() { stop_hosts; pg_stop "$DATA"; remove_owned_dir "$BASE" || true; }
trap cleanup EXIT
PORT=$(free_port 55900)
pg_start "$DATA" "$PORT" fsync=off synchronous_commit=off shared_buffers=256MB
CS="Host=127.0.0.1;Port=$PORT;Database=postgres;Username=postgres;Password=$PG_PASSWORD;Maximum Pool Size=100"

log "Building (Release)"
dotnet build bench/ShortScience.Bench -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/ShortScience.Api -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/ShortScience.Web -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
(cd src/ShortScience.Api && ConnectionStrings__ShortScience="$CS" Serilog__MinimumLevel__Default=Warning \
  dotnet bin/Release/net10.0/ShortScience.Api.dll migrate) >/dev/null

# The bytes of a figure as the store keeps them (the server never looks inside them while serving).
mkdir -p "$BASE/static"
head -c "$SIZE" /dev/urandom > "$BASE/static/figure.webp"
HASH=$(sha256sum "$BASE/static/figure.webp" | cut -c1-32)
{
  printf "INSERT INTO figures (hash, variant, content_type, width, height, length, owner_id, created_at) VALUES ('%s', 'original', 'image/webp', 1400, 900, %d, NULL, now());\n" "$HASH" "$SIZE"
  printf "INSERT INTO figure_blobs (hash, variant, data) VALUES ('%s', 'original', decode('" "$HASH"
  od -An -v -tx1 "$BASE/static/figure.webp" | tr -d ' \n'
  printf "', 'hex'));\n"
} | PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -f - >/dev/null

API_PORT=$(free_port 5291); WEB_PORT=$(free_port 5290); STATIC_PORT=$(free_port 5292)
API_PID=""; WEB_PID=""
start_host api Release "$API_PORT" ConnectionStrings__ShortScience="$CS" Serilog__MinimumLevel__Default=Warning \
  Rendering__RerenderOnStart=false ASPNETCORE_ENVIRONMENT=Production
start_host web Release "$WEB_PORT" Api__BaseUrl="http://127.0.0.1:$API_PORT" Serilog__MinimumLevel__Default=Warning \
  Site__SecureCookies=false ASPNETCORE_ENVIRONMENT=Production
dotnet bench/ShortScience.Bench/bin/Release/net10.0/ShortScience.Bench.dll static "$BASE/static" "http://127.0.0.1:$STATIC_PORT" &
track_host "static file server" $!
W="http://127.0.0.1:$WEB_PORT"
wait_for_hosts "${START_TIMEOUT:-120}" API "http://127.0.0.1:$API_PORT/health" Web "$W/figures/$HASH.webp" \
  "static file server" "http://127.0.0.1:$STATIC_PORT/figure.webp"
ETAG=$(curl -fsS -D - -o /dev/null "$W/figures/$HASH.webp" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')

CEILING=""
measure() { # name url [extra wrk args…]
  local name=$1 url=$2; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM:-5s}" "$@" "$url" > /dev/null 2>&1 || true
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" > "$BASE/wrk.out" 2>&1
  local rps p50 p99 errors ratio
  rps=$(awk '/Requests\/sec/ {print $2}' "$BASE/wrk.out")
  p50=$(awk '$1 == "50%" {print $2}' "$BASE/wrk.out"); p99=$(awk '$1 == "99%" {print $2}' "$BASE/wrk.out")
  errors=$(awk '/Non-2xx or 3xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$BASE/wrk.out")
  [ -z "$CEILING" ] && CEILING=$rps
  ratio=$(awk -v a="$rps" -v b="$CEILING" 'BEGIN {printf "%.0f%%", 100 * a / b}')
  printf '| %-34s | %9s | %8s | %8s | %6s | %5s |\n' "$name" "$rps" "$p50" "$p99" "$errors" "$ratio"
}

log "Figure $HASH ($SIZE bytes); wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
echo "| What | Requests/s | p50 | p99 | Errors | of ceiling |"
echo "| --- | --: | --: | --: | --: | --: |"
measure "ceiling: static figure.webp" "http://127.0.0.1:$STATIC_PORT/figure.webp"
measure "figure via Web origin" "$W/figures/$HASH.webp"
measure "figure via Web origin, 304" "$W/figures/$HASH.webp" -H "If-None-Match: $ETAG"
measure "figure from the API directly" "http://127.0.0.1:$API_PORT/figures/$HASH.webp"
