#!/usr/bin/env bash
# Runs ShortScience locally: PostgreSQL (a private cluster in .data/ unless
# ConnectionStrings__ShortScience is set), migrations, demo content, the API and the Web site.
# Ctrl-C stops everything it started; so does a host that does not answer within START_TIMEOUT seconds (60).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")" && pwd)
cd "$ROOT"
. scripts/lib.sh

WEB_PORT=${WEB_PORT:-5080}
API_PORT=${API_PORT:-5081}
CONFIG=${CONFIGURATION:-Release}
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

PG_DATA=""
cleanup() {
  trap - INT TERM EXIT
  log "Stopping"
  stop_hosts
  [ -n "$PG_DATA" ] && pg_stop "$PG_DATA"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_npm_packages "$ROOT"

if [ -z "${ConnectionStrings__ShortScience:-}" ]; then
  ensure_postgres
  PG_DATA=$(pg_data_dir "$ROOT/.data/pg" "/var/tmp/shortscience-$(echo "$ROOT" | md5sum | cut -c1-8)/pg")
  # Below Linux's ephemeral ports (32768 up): a host still retrying a stopped database on a port in that range can
  # connect to itself on it, and the port then stays taken for a minute.
  PG_PORT=$(free_port 25433)
  pg_start "$PG_DATA" "$PG_PORT"
  export ConnectionStrings__ShortScience="Host=127.0.0.1;Port=$PG_PORT;Database=shortscience;Username=postgres;Password=$PG_PASSWORD"
  PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'shortscience'" | grep -q 1 \
    || PGPASSWORD=$PG_PASSWORD "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres shortscience
  log "PostgreSQL on 127.0.0.1:$PG_PORT (data in $PG_DATA)"
else
  log "Using the PostgreSQL server from ConnectionStrings__ShortScience"
fi

log "Building ($CONFIG)"
dotnet build ShortScience.sln -c "$CONFIG" -v quiet -nologo -clp:ErrorsOnly >/dev/null || dotnet build ShortScience.sln -c "$CONFIG" -v quiet -nologo -clp:ErrorsOnly

API_DLL="src/ShortScience.Api/bin/$CONFIG/net10.0/ShortScience.Api.dll"
dotnet "$API_DLL" migrate
dotnet "$API_DLL" seed-demo

# Development mail goes to .data/mail (and the log) so a person can open the links.
export Mail__PickupFolder=${Mail__PickupFolder:-$ROOT/.data/mail}
export Site__PublicUrl=${Site__PublicUrl:-http://127.0.0.1:$WEB_PORT}
export DataProtection__KeysPath=${DataProtection__KeysPath:-$ROOT/.data/web-keys}
start_host api "$CONFIG" "$API_PORT"
start_host web "$CONFIG" "$WEB_PORT" Api__BaseUrl="http://127.0.0.1:$API_PORT"
wait_for_hosts "${START_TIMEOUT:-60}" API "http://127.0.0.1:$API_PORT/health" Web "http://127.0.0.1:$WEB_PORT/"

printf '\n\033[1;32mShortScience is running:\033[0m\n  Web  http://127.0.0.1:%s\n  API  http://127.0.0.1:%s  (OpenAPI: /openapi/v1.json)\nPress Ctrl-C to stop.\n\n' "$WEB_PORT" "$API_PORT"
wait -n "${HOST_PIDS[@]}"
