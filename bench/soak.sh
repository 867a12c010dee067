#!/usr/bin/env bash
# Soak: 10 minutes (MINUTES) of mixed reading, writing, voting and feed polling against a fresh site with the
# demo content (its own PostgreSQL cluster, deleted afterwards). Passes with zero errors and flat memory.
# Rate limits are raised: this measures the site, not the limiter (which has tests of its own).
# Work folder: SOAK_DATA (default /var/tmp/shortscience-soak); the script creates it, and deletes it at the end
# and at the next start only if it created it (a folder it did not create is refused). See bench/README.md.
set -euo pipefail
case "${1:-}" in
  "") ;;
  -h|--help|help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) printf 'soak.sh takes no arguments (MINUTES, SOAK_DATA and START_TIMEOUT are read from the environment)\n' >&2; exit 1 ;;
esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/lib.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
WORK=${SOAK_DATA:-/var/tmp/shortscience-soak}
# An earlier run's folder (it carries the marker) is replaced; any other existing folder is refused.
if [ -e "$WORK" ]; then remove_owned_dir "$WORK" || die "$WORK exists and was not created by bench/soak.sh; set SOAK_DATA to a folder that does not exist"; fi
ensure_postgres
ensure_npm_packages "$ROOT"
make_owned_dir "$WORK"
mkdir -p "$WORK/mail" "$WORK/pg"; chmod 700 "$WORK/pg"; [ "$(id -u)" -eq 0 ] && chown postgres: "$WORK/pg"
cleanup() { stop_hosts; pg_stop "$WORK/pg"; remove_owned_dir "$WORK" || true; }
trap cleanup EXIT
PORT=$(free_port 55900)
pg_start "$WORK/pg" "$PORT"
CS="Host=127.0.0.1;Port=$PORT;Database=postgres;Username=postgres;Password=$PG_PASSWORD"

log "Building (Release)"
dotnet build bench/ShortScience.Bench -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/ShortScience.Api -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/ShortScience.Web -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
API_DLL=src/ShortScience.Api/bin/Release/net10.0/ShortScience.Api.dll
export ConnectionStrings__ShortScience="$CS" ASPNETCORE_ENVIRONMENT=Production Serilog__MinimumLevel__Default=Warning
dotnet "$API_DLL" migrate >/dev/null
dotnet "$API_DLL" seed-demo >/dev/null
API_PORT=$(free_port 5291); WEB_PORT=$(free_port 5290)
limits=()
for policy in signup posting voting flagging preview views; do limits+=("RateLimits__${policy}__PermitLimit=1000000"); done
start_host api Release "$API_PORT" "${limits[@]}" Mail__PickupFolder="$WORK/mail" Site__PublicUrl="http://127.0.0.1:$WEB_PORT"
start_host web Release "$WEB_PORT" Api__BaseUrl="http://127.0.0.1:$API_PORT" Site__SecureCookies=false
wait_for_hosts "${START_TIMEOUT:-60}" API "http://127.0.0.1:$API_PORT/health" Web "http://127.0.0.1:$WEB_PORT/"
dotnet bench/ShortScience.Bench/bin/Release/net10.0/ShortScience.Bench.dll soak --web "http://127.0.0.1:$WEB_PORT" \
  --api "http://127.0.0.1:$API_PORT" --mail "$WORK/mail" --pids "$API_PID,$WEB_PID" --minutes "${MINUTES:-10}"
