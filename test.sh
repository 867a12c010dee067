#!/usr/bin/env bash
# Runs every test: a throw-away PostgreSQL cluster, then `dotnet test` over the whole solution
# (Core, API against real PostgreSQL, Web pages in Debian's Chromium). Last line: "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")" && pwd)
cd "$ROOT"
. scripts/lib.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
CONFIG=${CONFIGURATION:-Release}
START=$(date +%s)

ensure_npm_packages "$ROOT"
[ -n "${CHROMIUM_PATH:-}" ] || ensure_chromium
ensure_feedparser
command -v curl >/dev/null 2>&1 || apt_install curl
[ -x /usr/bin/redis-server ] || apt_install redis-server # the shared output-cache store's test starts its own

if [ -n "${SHORTSCIENCE_TEST_DB:-}" ]; then
  log "Using the PostgreSQL server from SHORTSCIENCE_TEST_DB"
else
  ensure_postgres
  PG_DATA=$(pg_data_dir "$ROOT/.test-data/pg" "/var/tmp/shortscience-test-$$/pg")
  pg_stop "$PG_DATA"
  rm -rf "$PG_DATA"; mkdir -p "$PG_DATA"; [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_DATA"
  cleanup() { pg_stop "$PG_DATA"; rm -rf "$PG_DATA"; }
  trap cleanup EXIT
  PG_PORT=$(free_port 55432)
  # A throw-away cluster: durability settings off for speed.
  pg_start "$PG_DATA" "$PG_PORT" fsync=off synchronous_commit=off full_page_writes=off shared_buffers=256MB
  export SHORTSCIENCE_TEST_DB="Host=127.0.0.1;Port=$PG_PORT;Database=postgres;Username=postgres;Password=$PG_PASSWORD"
  log "Test PostgreSQL on 127.0.0.1:$PG_PORT"
fi

log "Building ($CONFIG)"
dotnet build ShortScience.sln -c "$CONFIG" -nologo -v quiet -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

RESULTS="$ROOT/TestResults/$(date +%Y%m%d-%H%M%S)"
log "Running tests (results in $RESULTS)"
run_tests() {
  # A test that hangs (the longest take under a minute) ends the run after 10 minutes, naming itself, instead of
  # holding CI to its limit.
  dotnet test "$1" -c "$CONFIG" --no-build -nologo --logger "trx" --logger "console;verbosity=minimal" \
    --blame-hang-timeout 10m --blame-hang-dump-type none --results-directory "$RESULTS" "${@:2}"
}
if [ $# -gt 0 ]; then
  run_tests ShortScience.sln "$@"; STATUS=$?
else
  # The three test projects run side by side; the page-speed measurement (trait Category=Performance) waits until
  # they are done, so it measures the page on a quiet machine rather than the API tests' load.
  run_tests ShortScience.sln --filter "Category!=Performance"; STATUS=$?
  log "Measuring page speed in the browser"
  run_tests tests/ShortScience.Web.Tests --filter "Category=Performance" || STATUS=$?
fi

passed=0; failed=0; skipped=0
for trx in "$RESULTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  # A skipped test is counted in "total" but not in "executed" (VSTest leaves "notExecuted" at 0 for it).
  total=$(get total); executed=$(get executed); not_executed=$(get notExecuted)
  gap=$((total - executed)); [ "$not_executed" -gt "$gap" ] && gap=$not_executed
  skipped=$((skipped + gap))
done
# A crashed test host leaves no failing test behind; count it so the run cannot look green.
if [ "$STATUS" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited with $STATUS" >&2; fi

log "Tests took $(( $(date +%s) - START )) s"
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
