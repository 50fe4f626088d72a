#!/usr/bin/env bash
# The private PostgreSQL cluster that run.sh and test.sh use: .data/pg on port 55432 (LEDGER_PG_PORT),
# listening on 127.0.0.1 only, with its own socket folder. Idempotent: `start` does nothing when it runs.
# PostgreSQL refuses to run as root, so as root the cluster belongs to and runs as the `postgres` user.
# `start` also makes the roles of docs/operations.md ("Database roles"), as a DBA would: ledger_owner owns the tables
# and runs the migrations, ledger_app is the API's login in the NOLOGIN group ledger_runtime (trust auth: no passwords).
#   scripts/pg.sh start | stop | status | url [database] [postgres|owner|app] | psql [psql arguments]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${LEDGER_PG_PORT:-55432}"
data_root="${LEDGER_PG_HOME:-$root/.data}"
pgdata="$data_root/pg"
sock="$data_root/sock"
log="$data_root/pg.log"

find_bin() {
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  local d
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then echo "$d"; return; fi
  done
}

install_postgres() {
  echo "pg: initdb not found; installing PostgreSQL with apt-get" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
}

bin="$(find_bin)"
if [ -z "$bin" ]; then install_postgres; bin="$(find_bin)"; fi
[ -n "$bin" ] || { echo "pg: PostgreSQL could not be found or installed" >&2; exit 1; }

# As root, run every server command as `postgres`; otherwise as the invoking user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() { [ -f "$pgdata/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; }

start() {
  mkdir -p "$data_root"
  if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$data_root"; then
    # The clone lives where `postgres` cannot reach (e.g. under /root): keep the cluster beside /tmp instead.
    data_root="/var/tmp/ledger-pg-$(echo "$root" | md5sum | cut -c1-8)"
    pgdata="$data_root/pg"; sock="$data_root/sock"; log="$data_root/pg.log"
    mkdir -p "$data_root"
  fi
  if [ ${#sock} -gt 90 ]; then sock="/tmp/ledger-pg-sock-$port"; fi
  mkdir -p "$sock"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$data_root" "$sock"; touch "$log"; chown postgres "$log"; fi
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
    cat >> "$pgdata/postgresql.conf" <<CONF
# Ledger's private development and test cluster: loopback only, its own port and socket folder.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 200
# A throw-away cluster for the demo and the tests: durability traded for speed. Production runs its own server.
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  fi
  tune
  if ! running; then
    as_owner "$bin/pg_ctl" -D "$pgdata" -l "$log" -w -t 60 start >/dev/null || { tail -20 "$log" >&2; exit 1; }
  fi
  ensure_roles
}

# The planner and memory settings chosen from measurements (docs/operations.md, "PostgreSQL settings"), appended once,
# also to a cluster made before them (they apply from its next start).
tune() {
  grep -q "^# Ledger's measured settings" "$pgdata/postgresql.conf" && return
  as_owner tee -a "$pgdata/postgresql.conf" >/dev/null <<CONF
# Ledger's measured settings (issue 13): index reads cost about what sequential reads do on SSD or cached data, JIT
# compiles for longer than the queries run, and the person-and-day index of training entries should stay in memory.
random_page_cost = 1.1
jit = off
shared_buffers = 512MB
work_mem = 16MB
max_wal_size = 4GB
CONF
  # A running cluster takes all but shared_buffers at once; that one from its next start.
  if running; then as_owner "$bin/pg_ctl" -D "$pgdata" reload >/dev/null; fi
}

psql_() {
  local psql="$bin/psql"
  [ -x "$psql" ] || psql="$(dirname "$(readlink -f "$bin/initdb")")/psql"
  [ -x "$psql" ] || psql="$(command -v psql)"
  "$psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}

# Idempotent, and safe when two scripts start the cluster at once (roles are cluster-wide).
ensure_roles() {
  psql_ -q -f "$root/scripts/roles.sql" >/dev/null
}

case "${1:-start}" in
  start) start; echo "pg: running on 127.0.0.1:$port" >&2 ;;
  stop)
    if running; then as_owner "$bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null; echo "pg: stopped" >&2; else echo "pg: not running" >&2; fi ;;
  status) if running; then echo "running"; else echo "stopped"; exit 3; fi ;;
  url)
    case "${3:-postgres}" in
      postgres) user=postgres ;;      # the superuser: the tests' server connection
      owner) user=ledger_owner ;;     # migrations (LEDGER_MIGRATION_DB)
      app) user=ledger_app ;;         # the API and the seed (LEDGER_DB)
      *) echo "usage: scripts/pg.sh url [database] [postgres|owner|app]" >&2; exit 2 ;;
    esac
    echo "Host=127.0.0.1;Port=$port;Username=$user;Database=${2:-ledger}" ;;
  psql) shift; psql_ "$@" ;;
  *) echo "usage: scripts/pg.sh start|stop|status|url [database] [postgres|owner|app]|psql [arguments]" >&2; exit 2 ;;
esac
