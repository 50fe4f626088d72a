#!/usr/bin/env bash
# The national benchmark of issue 13 (bench/README.md): publishes the API, starts the private cluster and runs
# national.py, which builds the data set through the API (generate.py) and measures every line of the issue's table
# with its raw anchor in the same run. Writes bench/results/national.md (--scale small: national-small.md) and the
# plans in bench/results/national-explain/. Needs wrk and pgbench (apt-get install -y wrk postgresql-client).
#   LEDGER_PG_PORT=55515 bench/national/run.sh [--scale small] [--port 5115] [--stages import,build,full,...]
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
scripts/pg.sh start >/dev/null
export Auth__SigningKey="$(scripts/signing-key.sh .data/bench-signing-key)"
# The benchmark is its own only client: no rate limit may refuse wrk's requests.
export RateLimits__PerUserPerMinute=100000000
[ "${NATIONAL_NO_PUBLISH:-}" = 1 ] || dotnet publish src/Ledger.Api -c Release -o .data/bench-api -nologo -v quiet -clp:ErrorsOnly
exec python3 bench/national/national.py --pg-port "${LEDGER_PG_PORT:-55432}" "$@"
