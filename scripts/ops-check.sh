#!/usr/bin/env bash
# The operations check (issue 14), run by test.sh after the unit and API tests, against its own primary and standby
# (scripts/pg-pair.sh) on loopback:
#   1. the API runs on a multi-host connection string (Target Session Attributes=primary) over both servers;
#   2. a base backup is taken, then people are registered through the API, the moment T is noted, more are registered;
#   3. while a writer keeps registering (each write retried with its Idempotency-Key until acknowledged), the primary
#      is killed with SIGKILL and the standby promoted: the same API process goes on writing on the new primary;
#   4. every acknowledged write is stored on the new primary (none lost), and nothing is stored twice;
#   5. the base backup plus the WAL archive, restored to T on a fresh cluster, holds exactly the writes acknowledged
#      before T, and the ledger's invariants hold there (scripts/ledger-invariants.sql).
# Prints what it counted and ends with "ops-check: passed" or "ops-check: FAILED (...)"; exit status 0 or 1.
#   scripts/ops-check.sh [API_DLL]      (default: the Release build of src/Ledger.Api)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export LEDGER_PAIR_PORT="${LEDGER_PAIR_PORT:-55460}"
api_port="${LEDGER_OPS_API_PORT:-5191}"
restore_port=$((LEDGER_PAIR_PORT + 2))
dll="${1:-src/Ledger.Api/bin/Release/net10.0/Ledger.Api.dll}"
work=".data/ops-check"
rm -rf "$work"; mkdir -p "$work"
psql_at() { psql -h 127.0.0.1 -p "$1" -U postgres -d "${3:-ledger}" -qAtX -v ON_ERROR_STOP=1 -c "$2"; }
fail() { echo "ops-check: FAILED ($*)"; [ -f "$work/api.log" ] && tail -20 "$work/api.log"; cleanup; exit 1; }
api_pid=""
cleanup() { touch "$work/writer-done"; [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null; wait "$api_pid" 2>/dev/null; scripts/pg-pair.sh stop 2>/dev/null; }
trap cleanup EXIT

scripts/pg-pair.sh wipe 2>/dev/null
scripts/pg-pair.sh start || fail "the pair did not start"
multi="Host=127.0.0.1:$LEDGER_PAIR_PORT,127.0.0.1:$((LEDGER_PAIR_PORT + 1));Database=ledger;Target Session Attributes=primary"
export LEDGER_MIGRATION_DB="$multi;Username=ledger_owner" LEDGER_DB="$multi;Username=ledger_app"
export Auth__SigningKey="ops-check-signing-key-0123456789abcdef" RateLimits__PerUserPerMinute=1000000
dotnet "$dll" migrate >"$work/migrate.log" 2>&1 || fail "migrate: $(tail -3 "$work/migrate.log")"
scripts/pg-pair.sh backup || fail "base backup"

dotnet "$dll" --urls "http://127.0.0.1:$api_port" >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$api_port/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$api_port/health/ready" >/dev/null || fail "the API is not ready"
region_admin="$(dotnet "$dll" token --sub ops-admin --role admin --region jawa-barat)"
admin="$(dotnet "$dll" token --sub ops-admin --role admin --facility lapas-ops)"
# The reader is someone else: the writer's own reads stay on the primary after each write.
reader_token="$(dotnet "$dll" token --sub ops-reader --role admin --facility lapas-ops)"
curl -sf -o /dev/null -X POST "http://127.0.0.1:$api_port/api/v1/facilities" -H "Authorization: Bearer $region_admin" \
  -H "Content-Type: application/json" -d '{"code":"lapas-ops","name":"Lapas Uji Operasi","region":"jawa-barat","timeZone":"Asia/Jakarta"}' \
  || fail "facility"

# register N: one person, retried with the same Idempotency-Key until acknowledged (201, or 200 for a replay);
# prints the number when acknowledged, "lost N" when not within 60 s.
register() {
  local n="$1" code deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ]; do
    code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "http://127.0.0.1:$api_port/api/v1/facilities/lapas-ops/inmates" \
      -H "Authorization: Bearer $admin" -H "Content-Type: application/json" -H "Idempotency-Key: ops-$n" \
      -d "{\"registrationNumber\":\"OPS-$n\",\"fullName\":\"Warga Uji $n\",\"detentionDate\":\"2024-03-01\",\"sentenceKind\":\"fixed\",\"sentence\":{\"years\":2,\"months\":0,\"days\":0}}")"
    case "$code" in
      200|201) echo "$n"; return 0 ;;
      503|000) echo "$n $code" >>"$work/retries.txt"; sleep 0.2 ;;
      500) echo "$n $code" >>"$work/errors.txt"; sleep 0.2 ;;  # a bug: retried, then fails the check below
      *) echo "unexpected $code for $n" >>"$work/retries.txt"; return 1 ;;
    esac
  done
  echo "lost $n"
}

for n in $(seq 1 40); do register "$n"; done >"$work/acked-before.txt"
# T: a moment between the two phases, on the server's clock; the segment holding it is archived before going on.
target="$(psql_at "$LEDGER_PAIR_PORT" "select now()")"
sleep 1
switched="$(psql_at "$LEDGER_PAIR_PORT" "select pg_walfile_name(pg_switch_wal())")"
for _ in $(seq 1 80); do
  [ "$(psql_at "$LEDGER_PAIR_PORT" "select coalesce(last_archived_wal, '') >= '$switched' from pg_stat_archiver")" = t ] && break
  sleep 0.25
done

# Before the failover the reports, worklists and readiness summaries read from the standby (the multi-host LEDGER_DB
# gives the API the standby too: docs/operations.md, "Reads from a standby").
standby_before="$(curl -s "http://127.0.0.1:$api_port/health/ready" | grep -o '"standby":{[^}]*}')"
echo "ops-check: before the failover, /health/ready: $standby_before"
[[ "$standby_before" == *'"status":"in-use"'* ]] || fail "the standby is not in use for reads"

# The writer goes on in the background; the primary dies under it. A reader asks for the worklist meanwhile.
( for n in $(seq 41 160); do register "$n"; done >"$work/acked-after.txt" ) &
writer=$!
( while [ ! -f "$work/writer-done" ]; do
    curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 "http://127.0.0.1:$api_port/api/v1/facilities/lapas-ops/releases?withinDays=3650" \
      -H "Authorization: Bearer $reader_token"
    sleep 0.2
  done >"$work/reads.txt" ) &
reader=$!
for _ in $(seq 1 100); do [ "$(wc -l <"$work/acked-after.txt" 2>/dev/null || echo 0)" -ge 30 ] && break; sleep 0.1; done
scripts/pg-pair.sh failover || fail "failover"
wait "$writer"
touch "$work/writer-done"; wait "$reader"

before="$(grep -c '^[0-9]*$' "$work/acked-before.txt")"
after="$(grep -c '^[0-9]*$' "$work/acked-after.txt")"
lost="$(cat "$work/acked-before.txt" "$work/acked-after.txt" | grep -c '^lost' || true)"
count_lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }
retries="$(count_lines "$work/retries.txt")"
errors="$(count_lines "$work/errors.txt")"
acked=$((before + after))
new_primary=$((LEDGER_PAIR_PORT + 1))
stored="$(psql_at "$new_primary" "select count(*) from inmate where facility_code = 'lapas-ops'")"
distinct="$(psql_at "$new_primary" "select count(distinct registration_number) from inmate where facility_code = 'lapas-ops'")"
missing="$(cat "$work/acked-before.txt" "$work/acked-after.txt" | grep '^[0-9]*$' | while read -r n; do echo "OPS-$n"; done \
  | psql -h 127.0.0.1 -p "$new_primary" -U postgres -d ledger -qAtX -c "create temp table acked (number text); copy acked from stdin; select count(*) from acked where number not in (select registration_number from inmate)" 2>&1 | tail -1)"
echo "ops-check: failover under write load: $acked writes acknowledged ($before before T, $after after, the primary killed after 30 of those), $retries answers retried (503 or no answer while the standby was promoted: $(cut -d' ' -f2 "$work/retries.txt" 2>/dev/null | sort | uniq -c | xargs)), $errors answered 500, $lost given up; stored on the new primary: $stored ($distinct distinct), acknowledged but missing: $missing"
echo "ops-check: worklist reads during the failover: $(sort "$work/reads.txt" | uniq -c | xargs)"
[ "$errors" -eq 0 ] || fail "$errors answers were 500 (a database outage must answer 503)"
[ -s "$work/reads.txt" ] || fail "no worklist read was made during the failover"
grep -qv '^\(200\|503\)$' "$work/reads.txt" && fail "a read during the failover answered other than 200 or 503"
[ "$lost" -eq 0 ] || fail "$lost writes were never acknowledged"
[ "$missing" = 0 ] || fail "$missing acknowledged writes are missing after the failover"
[ "$stored" = "$distinct" ] || fail "a person was stored twice"
[ "$stored" = "$acked" ] || fail "stored $stored but acknowledged $acked"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api_port/health/ready")" = 200 ] || fail "the API is not ready on the new primary"
echo "ops-check: after the failover, /health/ready: $(curl -s "http://127.0.0.1:$api_port/health/ready" | grep -o '"standby":{[^}]*}')"

# Point-in-time restore to T on a fresh cluster, and the invariants there.
scripts/pg-pair.sh restore "$target" "$restore_port" || fail "restore"
restored="$(psql_at "$restore_port" "select count(*) from inmate where facility_code = 'lapas-ops'")"
echo "ops-check: restored to $target (base backup + WAL archive): $restored people, acknowledged before then: $before"
[ "$restored" = "$before" ] || fail "the restore holds $restored people, $before were acknowledged before $target"
broken="$(psql -h 127.0.0.1 -p "$restore_port" -U postgres -d ledger -qAtX -v ON_ERROR_STOP=1 -f scripts/ledger-invariants.sql)" || fail "invariants did not run"
echo "$broken" | sed 's/^/ops-check: invariant /'
echo "$broken" | grep -qv ': 0$' && fail "an invariant is broken in the restored database"
echo "ops-check: passed"
