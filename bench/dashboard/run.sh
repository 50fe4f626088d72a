#!/usr/bin/env bash
# The dashboard benchmark: a fresh database with the demo data (migrated and seeded as run.sh does), the API on it,
# dashboard.py at the demo size; then grow.sql makes it 100× the demo's entries (99 clones of every person with
# entries, over the region's 8 Lapas) and dashboard.py runs again, with the query plan of the anchor statement.
#   LEDGER_PG_PORT=55516 bench/dashboard/run.sh [requests] [port]    → prints the markdown rows and the plan
set -euo pipefail
cd "$(dirname "$0")/../.."
requests="${1:-50}"; port="${2:-5116}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/pg.sh start >/dev/null
db=ledger_bench_dashboard
scripts/pg.sh psql -qc "drop database if exists $db with (force)"
export LEDGER_MIGRATION_DB="$(scripts/pg.sh url $db owner)" LEDGER_DB="$(scripts/pg.sh url $db app)"
export Auth__SigningKey="$(scripts/signing-key.sh .data/bench-signing-key)"
dotnet publish src/Ledger.Api -c Release -o .data/bench-api -nologo -v quiet -clp:ErrorsOnly
api() { dotnet .data/bench-api/Ledger.Api.dll "$@"; }
api migrate >/dev/null
api seed db/seed >/dev/null
token="$(api token --sub kanwil-jabar --role kanwil --region jawa-barat)"
pg="host=127.0.0.1 port=${LEDGER_PG_PORT:-55432} user=postgres dbname=$db"

# exec: $! is the server itself, so the trap stops it (a function in the background would leave it running).
exec_api() { exec dotnet .data/bench-api/Ledger.Api.dll "$@"; }
(exec_api --urls "http://127.0.0.1:$port" --contentRoot "$PWD/.data/bench-api" >/tmp/ledger-bench-dashboard.log 2>&1) &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/masuk" && break; sleep 1; done

counts="select (select count(*) from training_entry) as training_entries, (select count(*) from work_record) as work_records, (select count(*) from certificate) as certificates, (select count(*) from premi_run_record) as premi_records"
echo "demo size: $(psql "$pg" -tAc "$counts")"
python3 bench/dashboard/dashboard.py --base "http://127.0.0.1:$port" --token "$token" --pg "$pg" --label "demo" --requests "$requests"
psql "$pg" -v copies=99 -qf bench/dashboard/grow.sql >/dev/null
echo "100×: $(psql "$pg" -tAc "$counts")"
python3 bench/dashboard/dashboard.py --base "http://127.0.0.1:$port" --token "$token" --pg "$pg" --label "100×" --requests "$requests"
