# Shared helpers for run.sh and test.sh: installing what is missing and running a private PostgreSQL.
# Sourced, not executed.

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
