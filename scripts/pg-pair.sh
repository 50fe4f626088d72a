#!/usr/bin/env bash
# A primary and a hot standby on loopback, by PostgreSQL's own streaming replication, with a WAL archive and a base
# backup: what docs/operations.md ("Replication, failover and backups") describes, small enough to run in a test.
#   scripts/pg-pair.sh start      primary on LEDGER_PAIR_PORT (55460), standby on the next port, synchronous
#   scripts/pg-pair.sh failover   SIGKILL the primary, promote the standby (it then commits without waiting for a standby)
#   scripts/pg-pair.sh standby-stop   the standby stops at once (immediate shutdown); `start` starts it again
#   scripts/pg-pair.sh backup     a base backup of the primary into .data/pair/base (the WAL archive is continuous)
#   scripts/pg-pair.sh restore TIME PORT   the base backup plus the archive, replayed up to TIME, on a fresh cluster at PORT
#   scripts/pg-pair.sh url DB ROLE        a multi-host connection string over both servers (Npgsql)
#   scripts/pg-pair.sh stop
# Durability is on here (fsync, synchronous_commit = on, the standby named in synchronous_standby_names): the point is
# that an acknowledged write survives the primary's death. As root the clusters run as `postgres`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${LEDGER_PAIR_PORT:-55460}"
standby_port=$((port + 1))
home="${LEDGER_PAIR_HOME:-$root/.data/pair}"
primary="$home/primary"; standby="$home/standby"; archive="$home/archive"; base="$home/base"; sock="$home/sock"

# The server's own bin folder (initdb on PATH may be a link to it; pg_basebackup and psql live beside the real one).
bin="$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb | tail -1)")")"
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl() { as_owner "$bin/pg_ctl" "$@"; }
psql_at() { "$bin/psql" -h 127.0.0.1 -p "$1" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAtX "${@:2}"; }
running() { [ -f "$1/PG_VERSION" ] && pg_ctl -D "$1" status >/dev/null 2>&1; }

prepare_home() {
  mkdir -p "$home" "$archive" "$sock"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$home" "$archive" "$sock"; fi
}

start() {
  prepare_home
  if [ ! -f "$primary/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$primary" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
    as_owner tee -a "$primary/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
max_connections = 100
wal_level = replica
max_wal_senders = 5
hot_standby = on
# Every segment is archived: a base backup plus the archive restores to any moment since the backup.
archive_mode = on
archive_command = 'test ! -f $archive/%f && cp %p $archive/%f'
archive_timeout = 5
# A ledger write is acknowledged only once the standby holds it (remote_apply: the standby has replayed it too, so
# a read from the standby right after sees it). Measured cost: bench/results/replication.md.
synchronous_commit = remote_apply
synchronous_standby_names = 'FIRST 1 (standby1)'
random_page_cost = 1.1
jit = off
CONF
    echo "host replication all 127.0.0.1/32 trust" | as_owner tee -a "$primary/pg_hba.conf" >/dev/null
  fi
  running "$primary" || pg_ctl -D "$primary" -l "$home/primary.log" -w -t 60 start >/dev/null
  # No standby yet to wait for: the roles are made with a local commit.
  PGOPTIONS="-c synchronous_commit=local" psql_at "$port" -f "$root/scripts/roles.sql" >/dev/null
  if [ ! -f "$standby/PG_VERSION" ]; then
    # Until the standby runs, a synchronous commit would wait for it: the base backup itself does not commit.
    # -R writes primary_conninfo into postgresql.auto.conf (which wins over postgresql.conf): the standby's name, the
    # one synchronous_standby_names waits for, must be in the connection string given here.
    as_owner "$bin/pg_basebackup" -d "host=127.0.0.1 port=$port user=postgres application_name=standby1" -D "$standby" -X stream -R >/dev/null
    as_owner tee -a "$standby/postgresql.conf" >/dev/null <<CONF
port = $standby_port
restore_command = 'cp $archive/%f %p'
CONF
  fi
  running "$standby" || pg_ctl -D "$standby" -l "$home/standby.log" -w -t 60 start >/dev/null
  # Wait until the primary sees its standby streaming (synchronous, unless the names were emptied, as after a failover).
  for _ in $(seq 1 60); do
    [ "$(psql_at "$port" -c "select count(*) from pg_stat_replication where application_name = 'standby1'
      and (sync_state = 'sync' or current_setting('synchronous_standby_names') = '') and state = 'streaming'")" = 1 ] && break
    sleep 0.5
  done
  echo "pg-pair: primary on 127.0.0.1:$port, standby on 127.0.0.1:$standby_port ($(psql_at "$port" -c "select coalesce((select sync_state from pg_stat_replication where application_name = 'standby1'), 'not streaming')"))" >&2
}

failover() {
  local pid
  pid="$(head -1 "$primary/postmaster.pid")"
  kill -9 "$pid"
  # The postmaster is gone; its backends end when they next notice.
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  pg_ctl -D "$standby" -w -t 60 promote >/dev/null
  # With no standby left to wait for, the new primary must not wait for one: it commits locally until a new standby
  # is attached (availability first; the operator attaches a new standby and sets the name back).
  psql_at "$standby_port" -c "alter system set synchronous_standby_names = ''" -c "select pg_reload_conf()" >/dev/null
  echo "pg-pair: primary killed (SIGKILL), standby promoted on 127.0.0.1:$standby_port" >&2
}

backup() {
  prepare_home
  rm -rf "$base"
  as_owner "$bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$base" -X stream -c fast >/dev/null
  echo "pg-pair: base backup in $base" >&2
}

# Restores the base backup and replays the archive up to $1 (a timestamp) on a fresh cluster at port $2, in
# $home/restore-$2, and leaves it running, promoted.
restore() {
  local target="$1" at="$2" dir="$home/restore-$2"
  running "$dir" && pg_ctl -D "$dir" -m immediate -w stop >/dev/null || true
  rm -rf "$dir"
  as_owner cp -a "$base" "$dir"
  as_owner rm -f "$dir/standby.signal" "$dir/postmaster.pid"
  as_owner tee -a "$dir/postgresql.conf" >/dev/null <<CONF
port = $at
synchronous_standby_names = ''
archive_mode = off
restore_command = 'cp $archive/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
CONF
  as_owner touch "$dir/recovery.signal"
  pg_ctl -D "$dir" -l "$home/restore-$at.log" -w -t 120 start >/dev/null
  for _ in $(seq 1 240); do
    [ "$(psql_at "$at" -c "select pg_is_in_recovery()" 2>/dev/null)" = f ] && break
    sleep 0.5
  done
  echo "pg-pair: restored to $target on 127.0.0.1:$at" >&2
}

# The standby goes away at once (as a crashed server would); `start` brings it back.
standby_stop() {
  running "$standby" && pg_ctl -D "$standby" -m immediate -w stop >/dev/null
  echo "pg-pair: standby stopped" >&2
}

stop() {
  local d
  for d in "$primary" "$standby" "$home"/restore-*; do
    if running "$d"; then pg_ctl -D "$d" -m fast -w stop >/dev/null || pg_ctl -D "$d" -m immediate -w stop >/dev/null || true; fi
  done
  echo "pg-pair: stopped" >&2
}

case "${1:-}" in
  start) start ;;
  failover) failover ;;
  standby-stop) standby_stop ;;
  backup) backup ;;
  restore) restore "${2:?TIME}" "${3:?PORT}" ;;
  url)
    case "${3:-app}" in postgres) user=postgres ;; owner) user=ledger_owner ;; app) user=ledger_app ;; *) exit 2 ;; esac
    echo "Host=127.0.0.1:$port,127.0.0.1:$standby_port;Username=$user;Database=${2:-ledger}" ;;
  stop) stop ;;
  wipe) stop; rm -rf "$home" ;;
  *) echo "usage: scripts/pg-pair.sh start|failover|backup|restore TIME PORT|url [db] [postgres|owner|app]|stop|wipe" >&2; exit 2 ;;
esac
