# Shared helpers for run.sh, test.sh and bench/*.sh: installing what is missing, a private PostgreSQL,
# starting the API and Web hosts, and folders the scripts may delete. Sourced, not executed.

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root (or sudo) to run: $*"
  fi
}

APT_UPDATED=""
apt_install() {
  log "Installing with apt: $*"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq >/dev/null || true; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "apt-get install $* failed"
}

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

ensure_postgres() {
  PG_BIN=$(pg_bindir) || { apt_install postgresql postgresql-contrib; PG_BIN=$(pg_bindir) || die "PostgreSQL binaries not found after install"; }
  export PG_BIN
}

ensure_node() {
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
}

# Front-end packages (KaTeX, MathJax) from the npm registry, installed once per lock file.
ensure_npm_packages() {
  local root=$1
  ensure_node
  local bundle="$root/node_modules/.shortscience/mathjax.js" entry="$root/src/ShortScience.Core/Rendering/Scripts/mathjax-entry.mjs"
  if [ ! -f "$root/node_modules/.package-lock.json" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ] \
    || [ ! -f "$bundle" ] || [ "$entry" -nt "$bundle" ]; then
    log "Installing npm packages"
    (cd "$root" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
  fi
}

# Feed tests read every feed with a real reader: Debian's feedparser, through Debian's own Python.
ensure_feedparser() {
  /usr/bin/python3 -c 'import feedparser' >/dev/null 2>&1 || apt_install python3-feedparser
}

ensure_chromium() {
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || apt_install chromium
}

free_port() {
  local port=${1:-54320}
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# PostgreSQL refuses to run as root: as root, run its tools as the postgres user.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Picks a data folder the cluster's owner can reach: the repo's own if possible, else one under /var/tmp.
pg_data_dir() {
  local wanted=$1 fallback=$2
  mkdir -p "$wanted"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$wanted"
    if ! runuser -u postgres -- test -w "$wanted" 2>/dev/null; then
      mkdir -p "$fallback"; chown postgres: "$fallback"; chmod 700 "$fallback"
      echo "$fallback"; return
    fi
  fi
  echo "$wanted"
}

# pg_start DATA_DIR PORT [extra postgres -c settings…]: initializes if needed, starts, waits until ready.
pg_start() {
  local data=$1 port=$2; shift 2
  local pwfile="$data/../.pgpass-shortscience"
  if [ ! -f "$data/PG_VERSION" ]; then
    log "Creating a PostgreSQL cluster in $data"
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$pwfile"
    chmod 600 "$pwfile"
    pg_as_owner "$PG_BIN/initdb" -D "$data" -U postgres --auth=scram-sha-256 --pwfile="$pwfile" \
      -E UTF8 --locale=C.UTF-8 >/dev/null || die "initdb failed"
  fi
  local opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories= -c max_connections=300"
  local setting
  for setting in "$@"; do opts="$opts -c $setting"; done
  pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -o "$opts" -w -t 60 start >/dev/null \
    || { tail -20 "$data/server.log" >&2; die "PostgreSQL did not start"; }
  local i
  for i in $(seq 1 60); do
    "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$port" -q && break
    sleep 0.5
  done
  PG_PASSWORD=$(cat "$pwfile")
  export PG_PASSWORD
}

pg_stop() {
  local data=$1
  [ -f "$data/postmaster.pid" ] && pg_as_owner "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# --- The API and Web hosts --------------------------------------------------------------------------------------
# One way to start them for every script (run.sh and bench/*.sh): from their build output, each in its own project
# folder, in the background. HOST_NAMES/HOST_PIDS list what was started, so wait_for_hosts can tell which one
# failed and stop_hosts can stop exactly those.
SHORTSCIENCE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HOST_NAMES=()
HOST_PIDS=()

# start_host api|web CONFIGURATION PORT [VAR=VALUE…]: starts that host on 127.0.0.1:PORT with the extra
# environment given (which wins over the defaults here); sets API_PID or WEB_PID.
start_host() {
  local host=$1 config=$2 port=$3; shift 3
  local project name defaults=()
  case "$host" in
    # The API's gen-0 budget as its Dockerfile sets it, unless the environment sets one (docs/operations.md#memory).
    api) project=ShortScience.Api; name=API; defaults=("DOTNET_GCgen0size=${DOTNET_GCgen0size:-0x1000000}") ;;
    web) project=ShortScience.Web; name=Web ;;
    *) die "start_host: unknown host '$host' (api or web)" ;;
  esac
  local dll="bin/$config/net10.0/$project.dll"
  [ -f "$SHORTSCIENCE_ROOT/src/$project/$dll" ] || die "$name host not built: src/$project/$dll is missing"
  (cd "$SHORTSCIENCE_ROOT/src/$project" && exec env "${defaults[@]}" "$@" dotnet "$dll" --urls "http://127.0.0.1:$port") &
  track_host "$name" $!
  if [ "$host" = api ]; then API_PID=$!; else WEB_PID=$!; fi
}

# track_host NAME PID: another process for wait_for_hosts and stop_hosts to watch (e.g. a benchmark's static server).
track_host() { HOST_NAMES+=("$1"); HOST_PIDS+=("$2"); }

# wait_for_hosts SECONDS NAME URL [NAME URL…]: waits until every URL answers with a success status, one after the
# other in the order given. Dies, after stopping the hosts, when one of them exits or when a URL has not answered
# within SECONDS, naming which.
wait_for_hosts() {
  local timeout=$1; shift
  local names=() urls=()
  while [ $# -ge 2 ]; do names+=("$1"); urls+=("$2"); shift 2; done
  local deadline=$((SECONDS + timeout)) i pending
  while :; do
    pending=()
    for i in "${!urls[@]}"; do
      [ -n "${urls[$i]}" ] || continue
      # In the order given: a Web page needs the API, so it is asked for only once the API answers (asked earlier,
      # the Web host would log the API's absence as an outage).
      if [ ${#pending[@]} -eq 0 ] && curl -fsS -o /dev/null --max-time 5 "${urls[$i]}" 2>/dev/null; then urls[$i]=""; else pending+=("$i"); fi
    done
    [ ${#pending[@]} -eq 0 ] && return 0
    for i in "${!HOST_PIDS[@]}"; do
      if ! kill -0 "${HOST_PIDS[$i]}" 2>/dev/null; then
        local exited=${HOST_NAMES[$i]}
        stop_hosts
        die "the $exited host exited during start-up (see its log above)"
      fi
    done
    if [ "$SECONDS" -ge "$deadline" ]; then
      local silent=""
      for i in "${pending[@]}"; do silent="$silent${silent:+; }${names[$i]} (${urls[$i]})"; done
      stop_hosts
      die "no answer within $timeout s from: $silent"
    fi
    sleep 0.5
  done
}

# stop_hosts [PID…]: stops the given hosts, or every host started so far, and waits until they have exited.
stop_hosts() {
  local pids=("$@") i keep_names=() keep_pids=()
  [ ${#pids[@]} -gt 0 ] || pids=("${HOST_PIDS[@]}")
  [ ${#pids[@]} -gt 0 ] || return 0
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  for i in "${!HOST_PIDS[@]}"; do
    case " ${pids[*]} " in *" ${HOST_PIDS[$i]} "*) ;; *) keep_names+=("${HOST_NAMES[$i]}"); keep_pids+=("${HOST_PIDS[$i]}") ;; esac
  done
  HOST_NAMES=("${keep_names[@]}"); HOST_PIDS=("${keep_pids[@]}")
}

# --- Folders the scripts may delete ------------------------------------------------------------------------------
# A script deletes, or hands to the postgres user, only a folder it created itself: creating one leaves this
# marker file in it, and a folder without the marker is refused, whatever path a variable names.
OWNED_MARKER=.created-by-shortscience-scripts

# make_owned_dir DIR: creates DIR with the marker; DIR must not exist yet, or carry the marker from an earlier run.
make_owned_dir() {
  local dir=$1
  if [ -e "$dir" ]; then
    [ -f "$dir/$OWNED_MARKER" ] \
      || die "$dir exists and was not created by these scripts; name another folder, or if it is data of an earlier run of this script, mark it: touch '$dir/$OWNED_MARKER'"
    return 0
  fi
  mkdir -p "$dir" && : > "$dir/$OWNED_MARKER"
}

# remove_owned_dir DIR: deletes DIR only when it carries the marker; says so and keeps it otherwise.
remove_owned_dir() {
  local dir=$1
  [ -e "$dir" ] || return 0
  if [ -f "$dir/$OWNED_MARKER" ]; then rm -rf -- "$dir"
  else log "Not deleting $dir: these scripts did not create it"; return 1
  fi
}
