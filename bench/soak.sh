#!/usr/bin/env bash
# Soak: 10 minutes (MINUTES) of mixed reading, writing, voting and feed polling against a fresh site with the
# demo content (its own PostgreSQL cluster, deleted afterwards). Passes with zero errors and flat memory.
# Rate limits are raised: this measures the site, not the limiter (which has tests of its own).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/lib.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
ensure_postgres
ensure_npm_packages "$ROOT"
WORK=${SOAK_DATA:-/var/tmp/shortscience-soak}
rm -rf "$WORK"; mkdir -p "$WORK/mail" "$WORK/pg"; chmod 700 "$WORK/pg"; [ "$(id -u)" -eq 0 ] && chown -R postgres: "$WORK"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; pg_stop "$WORK/pg"; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$(free_port 55900)
pg_start "$WORK/pg" "$PORT"
CS="Host=127.0.0.1;Port=$PORT;Database=postgres;Username=postgres;Password=$PG_PASSWORD"

log "Building (Release)"
dotnet build bench/ShortScience.Bench -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/ShortScience.Web -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
API_DLL=src/ShortScience.Api/bin/Release/net10.0/ShortScience.Api.dll
export ConnectionStrings__ShortScience="$CS" ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning
dotnet "$API_DLL" migrate >/dev/null
dotnet "$API_DLL" seed-demo >/dev/null
API_PORT=$(free_port 5291); WEB_PORT=$(free_port 5290)
limits=()
for policy in signup posting voting flagging preview views; do limits+=("RateLimits__${policy}__PermitLimit=1000000"); done
(cd src/ShortScience.Api && exec env "${limits[@]}" Mail__PickupFolder="$WORK/mail" Site__PublicUrl="http://127.0.0.1:$WEB_PORT" \
  dotnet bin/Release/net10.0/ShortScience.Api.dll --urls "http://127.0.0.1:$API_PORT") &
API_PID=$!; PIDS+=("$API_PID")
(cd src/ShortScience.Web && exec env Api__BaseUrl="http://127.0.0.1:$API_PORT" Site__SecureCookies=false \
  dotnet bin/Release/net10.0/ShortScience.Web.dll --urls "http://127.0.0.1:$WEB_PORT") &
WEB_PID=$!; PIDS+=("$WEB_PID")
for _ in $(seq 1 120); do curl -fsS -o /dev/null "http://127.0.0.1:$WEB_PORT/" 2>/dev/null && break; sleep 0.5; done
dotnet bench/ShortScience.Bench/bin/Release/net10.0/ShortScience.Bench.dll soak --web "http://127.0.0.1:$WEB_PORT" \
  --api "http://127.0.0.1:$API_PORT" --mail "$WORK/mail" --pids "$API_PID,$WEB_PID" --minutes "${MINUTES:-10}"
