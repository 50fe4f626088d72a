#!/usr/bin/env bash
# Runs every test against a private PostgreSQL (its own databases, never the demo's) and ends with
#   tests: N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The release file is checked in a real browser: Debian's Chromium, never a browser download.
if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing chromium for the browser test" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium; } >&2 || echo "test.sh: chromium could not be installed" >&2
fi

# The cluster comes with the owner and runtime roles (scripts/pg.sh); the tests migrate as the superuser and run the
# API as the runtime login ledger_app (docs/operations.md, "Database roles").
scripts/pg.sh start || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
export LEDGER_TEST_DB="$(scripts/pg.sh url postgres)"

if ! dotnet build Ledger.sln -c Release -nologo -v quiet -clp:ErrorsOnly; then
  echo "build failed"
  echo "tests: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

results=".data/test-results"
rm -rf "$results"; mkdir -p "$results"
# The OpenAPI snapshot tests write the document as served here, for the Redocly lint below.
export LEDGER_OPENAPI_FILE="$PWD/$results/openapi.json"
# The screenshots (scripts/screens.sh) rewrite docs/screens: left out unless LEDGER_SCREENS=1.
filter=(); [ "${LEDGER_SCREENS:-}" = "1" ] || filter=(--filter "Category!=Screens")
status=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build -nologo "${filter[@]}" --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

# One more test: Redocly's recommended rules find no error in the OpenAPI document (see docs/operations.md).
redocly=(npx --yes @redocly/cli@2.77.0)
if [ ! -s "$LEDGER_OPENAPI_FILE" ]; then
  echo "openapi lint: no document was written (the OpenAPI snapshot test did not run)"; failed=$((failed + 1)); status=1
elif ! command -v npx >/dev/null 2>&1 || ! timeout 600 "${redocly[@]}" --version >/dev/null 2>&1; then
  echo "openapi lint: skipped, npx cannot fetch @redocly/cli from the npm registry"; skipped=$((skipped + 1))
elif timeout 600 "${redocly[@]}" lint --extends recommended --format summary "$LEDGER_OPENAPI_FILE" >"$results/redocly.txt" 2>&1; then
  grep -E "^(warning|error) " "$results/redocly.txt" || true
  echo "openapi lint: Redocly recommended rules, 0 errors"; passed=$((passed + 1))
else
  cat "$results/redocly.txt"
  echo "openapi lint: Redocly recommended rules report errors"; failed=$((failed + 1)); status=1
fi
# One more test: the operations check (scripts/ops-check.sh): failover under write load on a primary and a standby of
# its own, and a point-in-time restore checked against the ledger's invariants.
pair_port="${LEDGER_PAIR_PORT:-$(( ${LEDGER_PG_PORT:-55432} + 28 ))}"
if LEDGER_PAIR_PORT="$pair_port" LEDGER_OPS_API_PORT="$(( 5100 + pair_port % 800 ))" timeout 900 scripts/ops-check.sh >"$results/ops-check.txt" 2>&1; then
  grep "^ops-check" "$results/ops-check.txt"; passed=$((passed + 1))
else
  tail -30 "$results/ops-check.txt"; echo "ops-check: failed"; failed=$((failed + 1)); status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
