#!/usr/bin/env bash
# Saves every staff page of tests/Ledger.Api.Tests/Pages/EveryPage.cs at 1366×768 to docs/screens/<name>.png, over the
# demo data (db/seed) in a test database of the private PostgreSQL, signed in as each page's demo user.
#   scripts/screens.sh        (LEDGER_PG_PORT moves the cluster, as for test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/pg.sh start
export LEDGER_TEST_DB="$(scripts/pg.sh url postgres)"
dotnet build tests/Ledger.Api.Tests -c Release -nologo -v quiet -clp:ErrorsOnly
LEDGER_SCREENS=1 dotnet test tests/Ledger.Api.Tests -c Release --no-build -nologo --filter "Category=Screens"
ls -1 docs/screens/*.png
