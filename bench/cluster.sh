#!/usr/bin/env bash
# The cluster drill: a PostgreSQL primary and a hot standby (pg_basebackup), Redis, two API and two Web replicas and
# the balancer (src/ShortScience.Balancer), all from this machine's binaries on loopback. A mixed load of readers and
# writers runs through the balancer for MINUTES (default 2); meanwhile one API replica, one Web replica and the
# standby are killed and brought back. Then every acknowledged write is looked up on the primary and the standby.
# Last line, exactly: "cluster: N requests, N failed, N lost writes, standby lag p99 X ms"
#   failed = 5xx or connection errors seen by the load; lost = acknowledged writes missing afterwards.
#   MINUTES=1 bench/cluster.sh        KILL_SIGNAL=TERM (default: the replica drains, as an orchestrator stops it) or KILL
# The hosts' logs go to files in its folder (KEEP_LOGS=1 keeps the folder). Everything it starts is stopped, and its folder (under /var/tmp) deleted, on exit. See docs/scaling.md.
set -euo pipefail
case "${1:-}" in
  "") ;;
  -h|--help|help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) printf 'unknown argument %s (none; --help)\n' "$1" >&2; exit 1 ;;
esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/lib.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
MINUTES=${MINUTES:-2}
KILL_SIGNAL=${KILL_SIGNAL:-TERM}
START_TIMEOUT=${START_TIMEOUT:-300}
[[ "$MINUTES" =~ ^[0-9]+$ ]] && [ "$MINUTES" -ge 1 ] && [ "$MINUTES" -le 60 ] || die "MINUTES must be a whole number from 1 to 60"
ensure_postgres
ensure_npm_packages "$ROOT"
[ -x /usr/bin/redis-server ] || apt_install redis-server
command -v curl >/dev/null 2>&1 || apt_install curl

WORK=/var/tmp/shortscience-cluster-$$
make_owned_dir "$WORK"
[ "$(id -u)" -eq 0 ] && chown postgres: "$WORK"
PRIMARY_DATA=$WORK/primary STANDBY_DATA=$WORK/standby
LOAD_PID="" REDIS_PID=""
cleanup() {
  [ -n "$LOAD_PID" ] && kill "$LOAD_PID" 2>/dev/null || true
  stop_hosts
  [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null || true
  pg_stop "$STANDBY_DATA"; pg_stop "$PRIMARY_DATA"
  wait 2>/dev/null || true
  if [ -n "${KEEP_LOGS:-}" ]; then log "Logs kept in $WORK"; else remove_owned_dir "$WORK" || true; fi
}
trap cleanup EXIT

log "Building (Release)"
for project in src/ShortScience.Api src/ShortScience.Web src/ShortScience.Balancer bench/ShortScience.Bench; do
  dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null || die "building $project failed"
done

# --- PostgreSQL: a primary, then a standby made from it -----------------------------------------------------------
P_PORT=$(free_port 56432); S_PORT=$(free_port $((P_PORT + 1)))
mkdir -p "$PRIMARY_DATA"; [ "$(id -u)" -eq 0 ] && chown postgres: "$PRIMARY_DATA"
pg_start "$PRIMARY_DATA" "$P_PORT" wal_level=replica max_wal_senders=5 wal_keep_size=256MB shared_buffers=128MB
psql_p() { PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$P_PORT" -U postgres -tAq "$@"; }
psql_p -c "CREATE DATABASE shortscience" >/dev/null
CS="Host=127.0.0.1;Port=$P_PORT;Database=shortscience;Username=postgres;Password=$PG_PASSWORD"
log "Migrating"
(cd src/ShortScience.Api && ConnectionStrings__ShortScience="$CS" Serilog__MinimumLevel__Default=Warning \
  dotnet bin/Release/net10.0/ShortScience.Api.dll migrate >/dev/null) || die "migrate failed"
log "Standby: pg_basebackup from 127.0.0.1:$P_PORT"
pg_as_owner env PGPASSWORD="$PG_PASSWORD" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$P_PORT" -U postgres -D "$STANDBY_DATA" \
  -R -X stream -c fast || die "pg_basebackup failed"
start_standby() { pg_start "$STANDBY_DATA" "$S_PORT" hot_standby=on shared_buffers=128MB wal_receiver_status_interval=1s; }
start_standby
STANDBY_CS="Host=127.0.0.1;Port=$S_PORT;Database=shortscience;Username=postgres;Password=$PG_PASSWORD"
READ_CS="Host=127.0.0.1:$S_PORT,127.0.0.1:$P_PORT;Database=shortscience;Username=postgres;Password=$PG_PASSWORD;Target Session Attributes=prefer-standby;Load Balance Hosts=true;Host Recheck Seconds=2"

# --- Redis, the replicas, the balancer -----------------------------------------------------------------------------
R_PORT=$(free_port 56379)
/usr/bin/redis-server --port "$R_PORT" --bind 127.0.0.1 --save "" --appendonly no --loglevel warning >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
# Each port is taken after the one before it: free_port only sees listeners, and none is listening yet.
BAL=$(free_port 5480); BAL_API=$(free_port $((BAL + 1)))
API_PORTS=($(free_port $((BAL_API + 1))) 0); API_PORTS[1]=$(free_port $((API_PORTS[0] + 1)))
WEB_PORTS=($(free_port $((API_PORTS[1] + 1))) 0); WEB_PORTS[1]=$(free_port $((WEB_PORTS[0] + 1)))
COMMON=(ConnectionStrings__Redis="127.0.0.1:$R_PORT" Hosting__DrainSeconds=3 Serilog__MinimumLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production)
API_PIDS=(0 0); WEB_PIDS=(0 0)
start_api() {
  local limits=() policy
  for policy in signup posting voting flagging preview views; do limits+=("RateLimits__${policy}__PermitLimit=10000000"); done
  start_host api Release "${API_PORTS[$1]}" "${COMMON[@]}" "${limits[@]}" ConnectionStrings__ShortScience="$CS" \
    ConnectionStrings__ShortScienceStandby="$READ_CS" Rendering__RerenderOnStart=false Notifications__DigestEnabled=false \
    >>"$WORK/api$1.log" 2>&1
  API_PIDS[$1]=$API_PID
}
start_web() {
  start_host web Release "${WEB_PORTS[$1]}" "${COMMON[@]}" Api__BaseUrl="http://127.0.0.1:$BAL_API" Site__SecureCookies=false \
    >>"$WORK/web$1.log" 2>&1
  WEB_PIDS[$1]=$WEB_PID
}
log "Starting 2 API replicas, 2 Web replicas and the balancer on 127.0.0.1:$BAL"
start_api 0; start_api 1; start_web 0; start_web 1
(cd src/ShortScience.Balancer && exec env Serilog__MinimumLevel__Default=Warning dotnet bin/Release/net10.0/ShortScience.Balancer.dll \
  --urls "http://127.0.0.1:$BAL;http://127.0.0.1:$BAL_API" --Balancer:ApiPort="$BAL_API" --Balancer:HealthIntervalSeconds=1 \
  --Balancer:Api:0="http://127.0.0.1:${API_PORTS[0]}" --Balancer:Api:1="http://127.0.0.1:${API_PORTS[1]}" \
  --Balancer:Web:0="http://127.0.0.1:${WEB_PORTS[0]}" --Balancer:Web:1="http://127.0.0.1:${WEB_PORTS[1]}") >"$WORK/balancer.log" 2>&1 &
track_host Balancer $!
wait_for_hosts "$START_TIMEOUT" API1 "http://127.0.0.1:${API_PORTS[0]}/health/ready" API2 "http://127.0.0.1:${API_PORTS[1]}/health/ready" \
  Web1 "http://127.0.0.1:${WEB_PORTS[0]}/health/ready" Web2 "http://127.0.0.1:${WEB_PORTS[1]}/health/ready" \
  Balancer "http://127.0.0.1:$BAL/health/ready"
sleep 3 # the balancer's first health checks of every replica

# --- The load, and the failures during it ---------------------------------------------------------------------------
DURATION=$((MINUTES * 60))
log "Load for $DURATION s: readers and writers through the balancer"
dotnet bench/ShortScience.Bench/bin/Release/net10.0/ShortScience.Bench.dll cluster --site "http://127.0.0.1:$BAL" \
  --primary "$CS" --standby "$STANDBY_CS" --seconds "$DURATION" >"$WORK/result" &
LOAD_PID=$!
STARTED=$SECONDS
at() { local wait=$(( STARTED + $1 * DURATION / 100 - SECONDS )); [ "$wait" -gt 0 ] && sleep "$wait"; return 0; }
replace() { # kind index: stop that replica with KILL_SIGNAL, then start it again
  local pid
  if [ "$1" = api ]; then pid=${API_PIDS[$2]}; else pid=${WEB_PIDS[$2]}; fi
  log "$(( SECONDS - STARTED )) s: kill -$KILL_SIGNAL one $1 replica (pid $pid), then start it again"
  kill "-$KILL_SIGNAL" "$pid" 2>/dev/null || true
  stop_hosts "$pid"
  if [ "$1" = api ]; then start_api "$2"; else start_web "$2"; fi
}
at 15; replace api 0
at 40; replace web 1
at 65
log "$(( SECONDS - STARTED )) s: the standby crashes (pg_ctl stop -m immediate), and comes back 5 s later"
pg_as_owner "$PG_BIN/pg_ctl" -D "$STANDBY_DATA" -m immediate -w stop >/dev/null
sleep 5
start_standby
wait "$LOAD_PID" || die "the load generator failed"
LOAD_PID=""
RESULT=$(tail -1 "$WORK/result")
[[ "$RESULT" == cluster:* ]] || die "the load generator printed no result"
echo "$RESULT"
