#!/usr/bin/env bash
# The registry import benchmark (issue 12): the published API on a fresh database with three empty Lapas, then for
# each of three repetitions an invented SDP export of 3,000 people and 6,000 remisi (generate.py, its own registration
# numbers) is previewed, applied, re-imported (no change) and re-imported with 300 corrections, each timed by curl as
# a client sees it. The raw anchor, in the same run: the same 3,000 + 6,000 rows by psql \copy into tables made like
# inmate and remission, with their indexes. Memory: the API's peak RSS (VmHWM) after a small warm-up import, then after
# a 30,000-person file, CSV and xlsx, each in a fresh process. Writes bench/results/registry.md.
#   LEDGER_PG_PORT=55518 bench/registry/run.sh [port]
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${1:-5118}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/pg.sh start >/dev/null
db=ledger_bench_registry
scripts/pg.sh psql -qc "drop database if exists $db with (force)"
export LEDGER_MIGRATION_DB="$(scripts/pg.sh url $db owner)" LEDGER_DB="$(scripts/pg.sh url $db app)"
export Auth__SigningKey="$(scripts/signing-key.sh .data/bench-signing-key)"
export RateLimits__PerUserPerMinute=100000
dotnet publish src/Ledger.Api -c Release -o .data/bench-api -nologo -v quiet -clp:ErrorsOnly
api() { dotnet .data/bench-api/Ledger.Api.dll "$@"; }
api migrate >/dev/null
pg="host=127.0.0.1 port=${LEDGER_PG_PORT:-55432} user=postgres dbname=$db"
psql "$pg" -qc "insert into facility (code, name, region, time_zone, created_at) select 'lapas-bench-' || n, 'Lapas Bench ' || n, 'jawa-barat', 'Asia/Jakarta', now() from generate_series(0, 5) n"
token="$(api token --sub admin-bench --role admin --region jawa-barat)"
work=.data/bench-registry; rm -rf "$work"; mkdir -p "$work"
today="$(TZ=Asia/Jakarta date +%F)"
out=bench/results/registry.md

server=""
start_api() {
  (exec dotnet .data/bench-api/Ledger.Api.dll --urls "http://127.0.0.1:$port" --contentRoot "$PWD/.data/bench-api" >>"$work/api.log" 2>&1) &
  server=$!
  for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/masuk" && return; sleep 1; done
  echo "the API did not start" >&2; exit 1
}
stop_api() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop_api EXIT
peak_mb() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }

# post FACILITY DRYRUN PART=FILE... → prints "seconds status" and keeps the body in $work/last.json
post() {
  local facility="$1" dry="$2"; shift 2
  local forms=(); for part in "$@"; do forms+=(-F "$part"); done
  curl -s -o "$work/last.json" -w '%{time_total} %{http_code}\n' -H "Authorization: Bearer $token" -H "Accept-Language: id" \
    "${forms[@]}" "http://127.0.0.1:$port/api/v1/facilities/$facility/imports/registry?dryRun=$dry"
}
counts() { python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print("new %(new)s, changed %(changed)s, unchanged %(unchanged)s, remisi new %(remisiNew)s, present %(remisiPresent)s, problems %(problems)s" % c)' "$work/last.json"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

start_api
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
declare -a preview apply again correct anchor
for rep in 1 2 3; do
  dir="$work/r$rep"
  python3 bench/registry/generate.py --people 3000 --remisi-per-person 2 --prefix "R$rep" --today "$today" --out "$dir"
  python3 bench/registry/generate.py --people 3000 --remisi-per-person 2 --prefix "R$rep" --today "$today" --changed 300 --out "$dir/corrected"
  files=("people=@$dir/warga-binaan.csv;type=text/csv" "remisi=@$dir/remisi.csv;type=text/csv")
  fixed=("people=@$dir/corrected/warga-binaan.csv;type=text/csv" "remisi=@$dir/corrected/remisi.csv;type=text/csv")
  read -r t s < <(post "lapas-bench-$rep" true "${files[@]}"); preview+=("$t"); echo "rep $rep preview $t s ($s): $(counts)"
  read -r t s < <(post "lapas-bench-$rep" false "${files[@]}"); apply+=("$t"); echo "rep $rep apply $t s ($s): $(counts)"
  read -r t s < <(post "lapas-bench-$rep" false "${files[@]}"); again+=("$t"); echo "rep $rep re-import $t s ($s): $(counts)"
  read -r t s < <(post "lapas-bench-$rep" false "${fixed[@]}"); correct+=("$t"); echo "rep $rep corrections $t s ($s): $(counts)"
  # The raw anchor: the same rows into tables like the real ones (their indexes too), by psql's \copy.
  psql "$pg" -qc "drop table if exists anchor_inmate, anchor_remisi; create table anchor_inmate (like inmate including defaults including indexes); create table anchor_remisi (like remission including defaults including indexes);"
  started="$(date +%s.%N)"
  psql "$pg" -qtA -v ON_ERROR_STOP=1 >/dev/null <<SQL
begin;
create temp table p (no text, name text, birth text, detention text, y int, m int, d int, kind text, released text);
create temp table r (no text, kind text, granted text, decree text, m int, d int);
\\copy p from '$dir/warga-binaan.csv' (format csv, delimiter ';', header true, encoding 'UTF8')
\\copy r from '$dir/remisi.csv' (format csv, delimiter ';', header true, encoding 'UTF8')
insert into anchor_inmate (id, facility_code, registration_number, full_name, birth_date, detention_date, sentence_years, sentence_months, sentence_days, sentence_kind, created_at)
  select gen_random_uuid(), 'lapas-bench-0', no, name, to_date(birth, 'DD/MM/YYYY'), to_date(detention, 'DD/MM/YYYY'), y, m, d, 'fixed', now() from p;
insert into anchor_remisi (id, inmate_id, kind, granted_on, months, days, decree_number, recorded_by, recorded_at)
  select gen_random_uuid(), i.id, 'umum', to_date(r.granted, 'DD/MM/YYYY'), r.m, r.d, r.decree, 'bench', now() from r join anchor_inmate i on i.registration_number = r.no;
commit;
SQL
  anchor+=("$(python3 -c "import sys; print(round($(date +%s.%N) - $started, 3))")")
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# Memory: a fresh process, a small warm-up import, then one 30,000-person file.
python3 bench/registry/generate.py --people 300 --remisi-per-person 0 --prefix W --today "$today" --out "$work/warm"
python3 bench/registry/generate.py --people 30000 --remisi-per-person 0 --prefix M --today "$today" --out "$work/big" --xlsx
python3 bench/registry/generate.py --people 3000 --remisi-per-person 0 --prefix S --today "$today" --out "$work/small"
# rss PART=FILE... → "MB after warm-up, peak MB, seconds, status" in $work/rss.txt; run in this shell (not in a
# subshell), so each fresh API process is the one the next call stops.
rss() {
  stop_api; start_api
  post lapas-bench-4 true "people=@$work/warm/warga-binaan.csv;type=text/csv" >/dev/null
  local warm; warm="$(peak_mb)"
  post lapas-bench-5 true "$@" > "$work/rss-post.txt"
  echo "$warm $(peak_mb) $(cat "$work/rss-post.txt")" > "$work/rss.txt"
}
rss "people=@$work/small/warga-binaan.csv;type=text/csv"; read -r small_warm small_peak small_t small_s < "$work/rss.txt"
rss "people=@$work/big/warga-binaan.csv;type=text/csv"; read -r csv_warm csv_peak csv_t csv_s < "$work/rss.txt"
rss "workbook=@$work/big/registrasi.xlsx;type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"; read -r xlsx_warm xlsx_peak xlsx_t xlsx_s < "$work/rss.txt"
echo "memory: $small_s $csv_s $xlsx_s (statuses)"
size() { du -k "$1" | awk '{ printf "%.1f MB", $1 / 1024 }'; }

{
  echo "# Registry import benchmark"
  echo
  echo "\`LEDGER_PG_PORT=... bench/registry/run.sh\` on $(date -u +%F) ($(nproc) cores; load average $load_before before, $load_after after the timed part)."
  echo "The published API over HTTP (curl's time_total: upload, parsing, checks, write, commit, response), 3,000 people and"
  echo "6,000 remisi as two CSV parts of one multipart request, each repetition into an empty Lapas with its own numbers."
  echo
  echo "| step (3,000 people + 6,000 remisi) | median of 3 (s) | runs (s) | target |"
  echo "|---|---|---|---|"
  echo "| preview (dryRun=true), all new | $(median "${preview[@]}") | ${preview[*]} | < 10 |"
  echo "| apply, all new | $(median "${apply[@]}") | ${apply[*]} | < 10 |"
  echo "| re-import of the same file (no change) | $(median "${again[@]}") | ${again[*]} | < 10 |"
  echo "| re-import with 300 corrections | $(median "${correct[@]}") | ${correct[*]} | < 10 |"
  echo "| raw anchor: psql \\copy + insert of the same rows into tables like inmate and remission | $(median "${anchor[@]}") | ${anchor[*]} | — |"
  echo
  echo "apply / anchor = $(python3 -c "print(round($(median "${apply[@]}") / $(median "${anchor[@]}"), 1))")×. The anchor checks nothing and writes no placement,"
  echo "correction or audit row; the ratio is the cost of the checks, the diff, the report and HTTP."
  echo
  echo "## Memory (a fresh API process each; peak RSS = VmHWM of /proc/PID/status)"
  echo
  echo "| file (dry run) | size | after warm-up (MB) | peak (MB) | growth (MB) | time (s) |"
  echo "|---|---|---|---|---|---|"
  echo "| 3,000 people, CSV | $(size "$work/small/warga-binaan.csv") | $small_warm | $small_peak | $((small_peak - small_warm)) | $small_t |"
  echo "| 30,000 people, CSV | $(size "$work/big/warga-binaan.csv") | $csv_warm | $csv_peak | $((csv_peak - csv_warm)) | $csv_t |"
  echo "| 30,000 people, xlsx (date cells) | $(size "$work/big/registrasi.xlsx") | $xlsx_warm | $xlsx_peak | $((xlsx_peak - xlsx_warm)) | $xlsx_t |"
  echo
  echo "The file is streamed (CSV read row by row, an xlsx copied to a temporary file and its sheets read as XML streams),"
  echo "but the diff holds one small record per row beside Ledger's, and the report lists up to 10,000 people: growth"
  echo "follows the rows (about 1.5 KB a row), not the file's size twice over."
} > "$out"
cat "$out"
