#!/usr/bin/env bash
# Load benchmark on the generated data (run bench/bench.sh generate first; it keeps the cluster).
# In one run: the ceiling (nginx serving the paper page's HTML as a static file; Kestrel's static files when nginx is
# not installed), Kestrel's static files and a bare Kestrel app sending the same bytes from memory (what the server
# alone costs), then the paper page, home, venue-year page, search, summaries feed and its 304 path, with the API's and Web host's caches on, then off,
# and the paper page for a signed-in reader (never cached: built for each reader).
# Prints requests/s, p50/p99 latency, errors, peak memory (VmHWM) of the Web host, the API and its math worker, and each
# ratio to the ceiling.
#   bench/load.sh            DURATION=15s CONNECTIONS=32 THREADS=2 by default; no compression asked (as issue 21
#                            measures); ACCEPT_ENCODING='br, gzip' asks for it
#   bench/load.sh profile    where the uncached paper page's time goes: dotnet-trace samples of both hosts under load,
#                            summarized by `ShortScience.Bench hot` (running managed code only, waits left out)
#   bench/load.sh mixed      readers of 200 summarized papers' pages (caches on), first alone, then with writers at
#                            WRITE_RATE (5) writes/s publishing, commenting and voting on those papers: reader
#                            throughput under writes as a share of pure-read throughput, in the same run
# After the default run, when the MediaWiki peer is installed (../shared/peers/mediawiki/setup.sh, MWPEER_ROOT), its
# bench.sh runs too and the ratios to it are printed (MEDIAWIKI=0 skips it).
# Data: BENCH_DATA as for bench/bench.sh (read, never deleted; mixed writes into a copy it drops at the end, so the
# pages every run reads stay the same). A host that does not answer within START_TIMEOUT seconds (120) stops the run.
# See bench/README.md.
set -euo pipefail
case "${1:-}" in
  ""|profile|mixed) ;;
  -h|--help|help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) printf 'unknown argument %s (none, profile or mixed; --help)\n' "$1" >&2; exit 1 ;;
esac
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/lib.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
DATA=${BENCH_DATA:-/var/tmp/shortscience-bench}/pg
DURATION=${DURATION:-15s}; CONNECTIONS=${CONNECTIONS:-32}; THREADS=${THREADS:-2}
ENCODING=(); [ -n "${ACCEPT_ENCODING:-}" ] && ENCODING=(-H "Accept-Encoding: $ACCEPT_ENCODING")
DB=bench
if [ ! -f "$DATA/PG_VERSION" ]; then
  # mixed runs on the demo content when there is no generated data (a fresh cluster, deleted at the end).
  [ "${1:-}" = mixed ] || die "No generated data in $DATA: run bench/bench.sh generate first"
  DEMO=1; DB=postgres
fi
command -v wrk >/dev/null || { log "Installing wrk"; apt_install wrk; }
ensure_postgres
ensure_npm_packages "$ROOT"

PIDS=() # helpers other than the hosts (dotnet-trace, writers)
WORK=$(mktemp -d /tmp/shortscience-load.XXXXXX) # the mixed run's mail pickup folder and path lists
COPY_DB="" # the mixed run's copy of the generated data
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; stop_hosts; wait 2>/dev/null || true
  [ -n "$COPY_DB" ] && psql_admin "DROP DATABASE IF EXISTS $COPY_DB" >/dev/null 2>&1
  pg_stop "$DATA"; rm -rf "$WORK"
}
trap cleanup EXIT
if [ -n "${DEMO:-}" ]; then
  DATA=$WORK/pg; mkdir -p "$DATA"; chmod 700 "$DATA" "$WORK"; [ "$(id -u)" -eq 0 ] && chown postgres: "$DATA" "$WORK"
fi
PORT=$(free_port 55800)
pg_start "$DATA" "$PORT" shared_buffers=2GB effective_cache_size=8GB work_mem=16MB random_page_cost=1.1 max_connections=300
connection_string() { echo "Host=127.0.0.1;Port=$PORT;Database=$DB;Username=postgres;Password=$PG_PASSWORD;Maximum Pool Size=100"; }
CS=$(connection_string)
psql_q() { PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d "$DB" -tAc "$1"; }
psql_admin() { PGPASSWORD=$PG_PASSWORD "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tAc "$1"; }

log "Building (Release)"
dotnet build bench/ShortScience.Bench -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/ShortScience.Api -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet build src/ShortScience.Web -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
# Generated data made by an older version gets this version's schema (stored paper pages, …).
ConnectionStrings__ShortScience="$CS" dotnet src/ShortScience.Api/bin/Release/net10.0/ShortScience.Api.dll migrate >/dev/null
if [ -n "${DEMO:-}" ]; then
  log "No generated data: the demo content in a fresh cluster"
  ConnectionStrings__ShortScience="$CS" dotnet src/ShortScience.Api/bin/Release/net10.0/ShortScience.Api.dll seed-demo >/dev/null
fi

if [ "${1:-}" = mixed ] && [ -z "${DEMO:-}" ]; then
  # The writers publish, comment and vote on summarized papers, the kind the default run reads: they write into a
  # copy (a file copy of the database, seconds for the generated data), or each mixed run would change what later runs
  # measure (the paper page of the default run grew from 47 to 65 KB over eight mixed runs before this).
  COPY_DB=bench_mixed
  log "Copying the generated data for the writers ($COPY_DB, dropped at the end)"
  psql_admin "DROP DATABASE IF EXISTS $COPY_DB" >/dev/null
  psql_admin "CREATE DATABASE $COPY_DB TEMPLATE $DB STRATEGY FILE_COPY" >/dev/null
  DB=$COPY_DB; CS=$(connection_string)
fi

# A typical summarized paper (a few summaries and their comments), a busy venue-year, common search words.
PAPER=$(psql_q "SELECT key FROM papers WHERE status = 0 AND summary_count BETWEEN 3 AND 6 ORDER BY id LIMIT 1")
[ -n "$PAPER" ] || PAPER=$(psql_q "SELECT key FROM papers WHERE status = 0 ORDER BY summary_count DESC, id LIMIT 1") # small data
VENUE_YEAR=$(psql_q "SELECT v.slug || '/' || p.year FROM papers p JOIN venues v ON v.id = p.venue_id WHERE p.year IS NOT NULL GROUP BY v.slug, p.year ORDER BY count(*) DESC LIMIT 1")
log "Paper $PAPER, venue-year $VENUE_YEAR"

API_PORT=$(free_port 5191); WEB_PORT=$(free_port 5190); STATIC_PORT=$(free_port 5192)
API_PID=""; WEB_PID=""
start_site() { # $1 = true|false (caches); more API settings may follow
  local caches=$1; shift
  # Mail (the signed-in reader's sign-up, the mixed run's notifications) goes to the run's own folder.
  start_host api Release "$API_PORT" ConnectionStrings__ShortScience="$CS" Caching__Reads="$caches" Serilog__MinimumLevel__Default=Warning \
    Rendering__RerenderOnStart=false ASPNETCORE_ENVIRONMENT=Production Mail__PickupFolder="$WORK/mail" "$@"
  start_host web Release "$WEB_PORT" Api__BaseUrl="http://127.0.0.1:$API_PORT" Caching__Pages="$caches" Serilog__MinimumLevel__Default=Warning \
    Site__SecureCookies=false ASPNETCORE_ENVIRONMENT=Production
  wait_for_hosts "${START_TIMEOUT:-120}" API "http://127.0.0.1:$API_PORT/health" Web "http://127.0.0.1:$WEB_PORT/papers/$PAPER"
}
stop_site() { stop_hosts "$API_PID" "$WEB_PID"; }
peak() { awk '/VmHWM/ {printf "%d", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
# The API's math worker (its child process running V8), once a formula has started it.
worker_peak() {
  local child; child=$(pgrep -P "$API_PID" | head -1 || true)
  if [ -n "$child" ]; then echo " + math worker $(peak "$child") MB"; fi
}

CEILING=""
RESULTS=()
declare -A RPS
measure() { # name url [extra wrk args…]
  local name=$1 url=$2; shift 2
  # Warm: tiered JIT recompiles hot code during the first seconds; measure the steady state, not the warm-up.
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM:-5s}" "${ENCODING[@]}" "$@" "$url" > /dev/null 2>&1 || true
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${ENCODING[@]}" "$@" "$url" > /tmp/wrk.out 2>&1
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' /tmp/wrk.out)
  p50=$(awk '$1 == "50%" {print $2}' /tmp/wrk.out); p99=$(awk '$1 == "99%" {print $2}' /tmp/wrk.out)
  errors=$(awk '/Non-2xx or 3xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' /tmp/wrk.out)
  [ -z "$CEILING" ] && CEILING=$rps
  LAST_RPS=$rps
  local ratio; ratio=$(awk -v a="$rps" -v b="$CEILING" 'BEGIN {printf "%.0f%%", 100 * a / b}')
  local memory="-"; [ -n "$WEB_PID" ] && memory="Web $(peak "$WEB_PID") MB, API $(peak "$API_PID") MB$(worker_peak)"
  RESULTS+=("$(printf '| %-34s | %9s | %8s | %8s | %6s | %5s | %s |' "$name" "$rps" "$p50" "$p99" "$errors" "$ratio" "$memory")")
  echo "${RESULTS[-1]}"
}

if [ "${1:-}" = profile ]; then
  # Where an uncached paper page's time goes: thread-time samples (dotnet-trace) of both hosts while wrk loads the page.
  TOOLS=/var/tmp/shortscience-tools
  [ -x "$TOOLS/dotnet-trace" ] || dotnet tool install --tool-path "$TOOLS" dotnet-trace --version 10.0.750501 >/dev/null
  start_site false
  W="http://127.0.0.1:$WEB_PORT"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM_START:-30s}" "$W/papers/$PAPER" > /dev/null 2>&1 # past tiered JIT
  WARM=1s
  OUT=${PROFILE_OUT:-/var/tmp/shortscience-profile}; mkdir -p "$OUT"
  for host in api web; do
    pid=$API_PID; [ $host = web ] && pid=$WEB_PID
    "$TOOLS/dotnet-trace" collect -p "$pid" --profile dotnet-sampled-thread-time --duration 00:00:00:12 --format Speedscope \
      -o "$OUT/$host.nettrace" >/dev/null 2>&1 &
    PIDS+=($!)
  done
  sleep 1
  measure "paper page (uncached, traced)" "$W/papers/$PAPER"
  wait "${PIDS[@]: -2}" || true
  for host in api web; do
    echo; echo "== $host"
    dotnet bench/ShortScience.Bench/bin/Release/net10.0/ShortScience.Bench.dll hot "$OUT/$host.speedscope.json" "${TOP:-25}"
  done
  echo; echo "Traces (open in speedscope or PerfView): $OUT"
  exit 0
fi

if [ "${1:-}" = mixed ]; then
  # Readers and writers like the soak, at a fixed write rate, with the caches on: how much of the pure-read
  # throughput is left while people write (every write evicts only what it changed).
  RATE=${WRITE_RATE:-5}
  mkdir -p "$WORK/mail"
  limits=(); for policy in signup posting voting flagging preview views; do limits+=("RateLimits__${policy}__PermitLimit=1000000"); done
  start_site true "${limits[@]}"
  W="http://127.0.0.1:$WEB_PORT"
  psql_q "SELECT key FROM papers WHERE status = 0 AND summary_count BETWEEN 1 AND 6 ORDER BY id LIMIT 200" > "$WORK/papers.txt"
  sed 's#^#/papers/#' "$WORK/papers.txt" > "$WORK/paths.txt"
  cat > "$WORK/read.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("READ_PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA
  export READ_PATHS="$WORK/paths.txt"
  log "$(wc -l < "$WORK/papers.txt") papers; warming every page"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM_START:-20s}" -s "$WORK/read.lua" "$W" > /dev/null 2>&1 || true
  measure "readers, no writes (cached)" "$W" -s "$WORK/read.lua"
  PURE=$LAST_RPS
  warm=${WARM:-5s}; seconds=$(( ${DURATION%s} + ${warm%s} + 10 )) # DURATION and WARM in seconds ("15s")
  dotnet bench/ShortScience.Bench/bin/Release/net10.0/ShortScience.Bench.dll writers --api "http://127.0.0.1:$API_PORT" \
    --mail "$WORK/mail" --papers "$WORK/papers.txt" --rate "$RATE" --seconds "$seconds" > "$WORK/writers.out" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do grep -q "writers ready" "$WORK/writers.out" && break; sleep 0.1; done
  grep -q "writers ready" "$WORK/writers.out" || die "the writers did not start: $(cat "$WORK/writers.out")"
  measure "readers + $RATE writes/s (cached)" "$W" -s "$WORK/read.lua"
  MIXED=$LAST_RPS
  wait "${PIDS[-1]}" || true
  stop_site
  echo
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION over $(wc -l < "$WORK/papers.txt") paper pages, signed out, caches on; $(grep '^writes:' "$WORK/writers.out")"
  echo "| What | Requests/s | p50 | p99 | Errors | Ceiling | Peak memory |"
  echo "| --- | --: | --: | --: | --: | --: | --- |"
  printf '%s\n' "${RESULTS[@]}"
  awk -v a="$MIXED" -v b="$PURE" -v r="$RATE" 'BEGIN {printf "readers under %s writes/s: %.0f%% of pure-read throughput (same run)\n", r, 100 * a / b}'
  exit 0
fi

start_site true
CEILING_DIR=$WORK/ceiling; mkdir -p "$CEILING_DIR"; chmod 755 "$WORK" "$CEILING_DIR"
curl -fsS "http://127.0.0.1:$WEB_PORT/papers/$PAPER" > "$CEILING_DIR/paper.html"; chmod 644 "$CEILING_DIR/paper.html"
NGINX=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
CEILING_NAME="ceiling: Kestrel, static paper.html" # without nginx
if [ -n "$NGINX" ]; then
  # nginx's own static-file path for the same bytes (the ceiling issue 21 measures against): a private master on
  # loopback, two workers, sendfile, no access log; its files and pid in this run's folder.
  CEILING_NAME="ceiling: nginx, static paper.html"
  cat > "$CEILING_DIR/nginx.conf" <<NGINX
worker_processes 2;
pid $CEILING_DIR/nginx.pid;
error_log $CEILING_DIR/nginx-error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  access_log off; server_tokens off; sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000; open_file_cache max=100 inactive=60s;
  client_body_temp_path $CEILING_DIR/tmp; proxy_temp_path $CEILING_DIR/tmp; fastcgi_temp_path $CEILING_DIR/tmp;
  uwsgi_temp_path $CEILING_DIR/tmp; scgi_temp_path $CEILING_DIR/tmp;
  types { text/html html; }
  server { listen 127.0.0.1:$STATIC_PORT; root $CEILING_DIR; }
}
NGINX
  "$NGINX" -e "$CEILING_DIR/nginx-error.log" -c "$CEILING_DIR/nginx.conf" &
  STATIC_PID=$!; track_host "nginx" "$STATIC_PID"
  wait_for_hosts "${START_TIMEOUT:-120}" "nginx" "http://127.0.0.1:$STATIC_PORT/paper.html"
fi
# One of Kestrel's references on STATIC_PORT, measured after a warm-up as long as the site's: "static" is its
# static-file server, "memory" a bare app answering the page's bytes from memory (the least a page held in memory
# can cost on Kestrel, whatever the application does: the cached page is Kestrel sending bytes it holds).
kestrel_reference() { # static|memory name
  dotnet bench/ShortScience.Bench/bin/Release/net10.0/ShortScience.Bench.dll static "$CEILING_DIR" "http://127.0.0.1:$STATIC_PORT" "$1" &
  STATIC_PID=$!; track_host "Kestrel ($1)" "$STATIC_PID"
  wait_for_hosts "${START_TIMEOUT:-120}" "Kestrel ($1)" "http://127.0.0.1:$STATIC_PORT/paper.html"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM_START:-30s}" "${ENCODING[@]}" "http://127.0.0.1:$STATIC_PORT/paper.html" > /dev/null 2>&1 || true
  measure "$2" "http://127.0.0.1:$STATIC_PORT/paper.html"
  RPS[kestrel-$1]=$LAST_RPS
  stop_hosts "$STATIC_PID"
}
SAVED_WEB=$WEB_PID; WEB_PID=""
if [ -n "$NGINX" ]; then
  measure "$CEILING_NAME" "http://127.0.0.1:$STATIC_PORT/paper.html"
  stop_hosts "$STATIC_PID"
  kestrel_reference static "Kestrel, static paper.html"
else
  kestrel_reference static "$CEILING_NAME"
fi
kestrel_reference memory "Kestrel, bare app, bytes in memory"
WEB_PID=$SAVED_WEB

W="http://127.0.0.1:$WEB_PORT"
ETAG=$(curl -fsS -D - -o /dev/null "$W/feeds/summaries.rss" | awk -F': ' 'tolower($1) == "etag" {print $2}' | tr -d '\r')
# A fresh host runs unoptimized code until tiered JIT has recompiled the hot paths, which takes tens of seconds
# when the load leaves no core free for the compiler: exercise every path before measuring any. 30 s each: on
# 2 cores the uncached paper page was still getting faster after 40 s of load (210, 260, 325, 506, 660 requests/s
# in five 8 s runs after 10 s of warm-up, 2026-12-03), so 10 s measured tiered compilation rather than the page.
warm_all() {
  for url in "$W/papers/$PAPER" "$W/" "$W/venues/$VENUE_YEAR" "$W/search?q=neural+network" "$W/feeds/summaries.rss"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM_START:-30s}" "${ENCODING[@]}" "$url" > /dev/null 2>&1 || true
  done
}
# A reader signed in through the Web's own sign-in form, holding the cookie a browser would: their pages are never
# cached (each is built for its reader), so they are measured once, with the caches on as in production.
signed_in_cookie() {
  local jar="$WORK/cookies" token password=bench-reader-Password-1
  # Registered once into the data (a second run's sign-up answers the same and changes nothing).
  curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$API_PORT/api/v1/auth/register" \
    -d "{\"userName\":\"bench-reader\",\"email\":\"bench-reader@example.org\",\"password\":\"$password\",\"displayName\":\"Bench Reader\"}"
  token=$(curl -fsS -c "$jar" -b "$jar" "$W/account/login" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fsS -o /dev/null -c "$jar" -b "$jar" -X POST "$W/account/login" --data-urlencode "__RequestVerificationToken=$token" \
    --data-urlencode "Input.UserNameOrEmail=bench-reader" --data-urlencode "Input.Password=$password" --data-urlencode "_handler=login"
  awk '$6 == "shortscience" {print $7}' "$jar"
}
for mode in cached uncached; do
  if [ "$mode" = uncached ]; then stop_site; start_site false; fi
  warm_all
  measure "paper page ($mode)" "$W/papers/$PAPER"
  RPS[paper-$mode]=$LAST_RPS
  if [ "$mode" = cached ]; then
    COOKIE=$(signed_in_cookie)
    [[ $(curl -fsS -H "Cookie: shortscience=$COOKIE" "$W/papers/$PAPER") == *'>Sign out<'* ]] \
      || die "Could not sign in through the Web's form for the signed-in measurement"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARM_START:-30s}" "${ENCODING[@]}" -H "Cookie: shortscience=$COOKIE" "$W/papers/$PAPER" > /dev/null 2>&1 || true
    measure "paper page (signed in)" "$W/papers/$PAPER" -H "Cookie: shortscience=$COOKIE"
  fi
  measure "home ($mode)" "$W/"
  measure "venue-year ($mode)" "$W/venues/$VENUE_YEAR"
  measure "search 'neural network' ($mode)" "$W/search?q=neural+network"
  measure "summaries feed ($mode)" "$W/feeds/summaries.rss"
  RPS[feed-$mode]=$LAST_RPS
  measure "summaries feed 304 ($mode)" "$W/feeds/summaries.rss" -H "If-None-Match: $ETAG"
done
stop_site

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION, signed out, Accept-Encoding: ${ACCEPT_ENCODING:-none}; $(wc -c < "$CEILING_DIR/paper.html") bytes of paper page; memory is each process's peak RSS so far"
echo "| What | Requests/s | p50 | p99 | Errors | Ceiling | Peak memory |"
echo "| --- | --: | --: | --: | --: | --: | --- |"
printf '%s\n' "${RESULTS[@]}"
awk -v a="${RPS[paper-cached]}" -v n="$CEILING" -v k="${RPS[kestrel-static]}" -v m="${RPS[kestrel-memory]}" -v name="${NGINX:+nginx}" \
  'BEGIN {printf "cached paper page: %.0f%% of the ceiling (%s), %.0f%% of Kestrel'"'"'s static-file server, %.0f%% of a bare Kestrel app sending the same bytes from memory (that app: %.0f%% of the ceiling)\n", 100 * a / n, name ? name : "Kestrel static", 100 * a / k, 100 * a / m, 100 * m / n}'

# The MediaWiki peer (statwiki's engine) in the same run, when it is installed: its own script measures its parser-
# cached page and its Atom feed with the same wrk settings, after our hosts have stopped.
MWPEER_DIR=${MWPEER_DIR:-$ROOT/../shared/peers/mediawiki}
if [ "${MEDIAWIKI:-auto}" != 0 ] && [ -x "${MWPEER_ROOT:-/tmp/mwpeer}/bin/mwpeerctl" ] && [ -f "$MWPEER_DIR/bench.sh" ]; then
  log "MediaWiki peer (${MWPEER_ROOT:-/tmp/mwpeer})"
  MWPEER_DURATION=$DURATION bash "$MWPEER_DIR/bench.sh" > "$WORK/mediawiki.out" 2>&1 || { cat "$WORK/mediawiki.out"; die "the MediaWiki peer's bench.sh failed"; }
  mw() { sed -n "s/^  ($1) .* \([0-9.][0-9.]*\) req\/s.*/\1/p" "$WORK/mediawiki.out" | head -1; }
  MW_PAGE=$(mw a); MW_FEED=$(mw d)
  echo
  echo "MediaWiki peer, same run: parser-cached page $MW_PAGE req/s, Atom feed $MW_FEED req/s"
  echo "| Ratio | ShortScience | MediaWiki | × |"
  echo "| --- | --: | --: | --: |"
  awk -v a="${RPS[paper-uncached]}" -v b="$MW_PAGE" 'BEGIN {printf "| uncached paper page / parser-cached page | %s | %s | %.1f |\n", a, b, a / b}'
  awk -v a="${RPS[paper-cached]}" -v b="$MW_PAGE" 'BEGIN {printf "| cached paper page / parser-cached page | %s | %s | %.1f |\n", a, b, a / b}'
  awk -v a="${RPS[feed-cached]}" -v b="$MW_FEED" 'BEGIN {printf "| summaries feed (cached) / Atom feed | %s | %s | %.1f |\n", a, b, a / b}'
elif [ "${MEDIAWIKI:-auto}" != 0 ]; then
  echo; echo "(MediaWiki peer not installed: run $MWPEER_DIR/setup.sh as root to add its ratios; MEDIAWIKI=0 hides this note)"
fi
