#!/usr/bin/env bash
# What synchronous replication costs a write (issue 14): the same write transaction by pgbench on the primary of
# scripts/pg-pair.sh, acknowledged after the standby has replayed it (synchronous_commit = remote_apply, the pair's
# setting), after the standby has flushed it (on, the least that loses no acknowledged write) and, as the anchor in
# the same run, after the primary's own WAL flush only (local). All with fsync on, the modes interleaved per client count.
# Writes bench/results/replication.md.   LEDGER_PAIR_PORT=55470 bench/replication/run.sh [--seconds 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=10; [ "${1:-}" = "--seconds" ] && seconds="$2"
export LEDGER_PAIR_PORT="${LEDGER_PAIR_PORT:-55470}"
scripts/pg-pair.sh wipe 2>/dev/null || true
scripts/pg-pair.sh start
trap 'scripts/pg-pair.sh stop' EXIT
p="$LEDGER_PAIR_PORT"
psql -h 127.0.0.1 -p "$p" -U postgres -qAtX -c "drop database if exists bench" -c "create database bench"
psql -h 127.0.0.1 -p "$p" -U postgres -d bench -qAtX -c "create table write (id bigserial primary key, inmate uuid not null, amount bigint not null, at timestamptz not null default now())"
script="$(mktemp)"
# A ledger write's shape: one transaction, two small inserts (the entry and its audit row).
cat >"$script" <<'SQL'
begin;
insert into write (inmate, amount) values (gen_random_uuid(), 1);
insert into write (inmate, amount) values (gen_random_uuid(), -1);
commit;
SQL
run() { # mode clients -> "tps latency_ms"
  PGOPTIONS="-c synchronous_commit=$1" pgbench -n -M prepared -c "$2" -j "$(( $2 < 2 ? $2 : 2 ))" -T "$seconds" -f "$script" -h 127.0.0.1 -p "$p" -U postgres bench 2>/dev/null \
    | awk '/latency average/ {l=$4} /^tps/ {t=$3} END {printf "%.0f %.2f\n", t, l}'
}
{
  echo "# Synchronous replication: what it costs a write"
  echo
  echo "\`bench/replication/run.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)): scripts/pg-pair.sh, primary and"
  echo "standby on the same machine (loopback: the network adds nothing here, so a real standby adds its round trip)."
  echo "One transaction of two small inserts, pgbench, prepared, ${seconds} s per run, fsync on."
  echo
  echo "| clients | remote_apply: tps, latency | on: tps, latency | local (anchor): tps, latency | latency ratio remote_apply / on / local |"
  echo "|---:|---|---|---|---:|"
  for c in 1 4 16; do
    read -r st sl <<<"$(run remote_apply "$c")"
    read -r ot ol <<<"$(run on "$c")"
    read -r lt ll <<<"$(run local "$c")"
    echo "| $c | $st tps, $sl ms | $ot tps, $ol ms | $lt tps, $ll ms | $(awk -v a="$sl" -v o="$ol" -v b="$ll" 'BEGIN{printf "%.2f / %.2f / 1", a/b, o/b}') |"
  done
} | tee bench/results/replication.md
rm -f "$script"
