#!/usr/bin/env bash
# Runs the Ledger API on its demo data: ./run.sh   (./run.sh stop stops the private PostgreSQL cluster)
# Without LEDGER_DB it starts a private cluster in .data/pg on 127.0.0.1:55432 (see scripts/pg.sh), migrates it as the
# owner role and runs the seed and the API as the runtime role (docs/operations.md, "Database roles").
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = "stop" ]; then exec scripts/pg.sh stop; fi

if [ -z "${LEDGER_DB:-}" ]; then
  scripts/pg.sh start
  # A demo database made before the roles existed belongs to postgres; the owner role could not migrate it.
  if [ "$(scripts/pg.sh psql -tAc "select pg_get_userbyid(datdba) from pg_database where datname = 'ledger'")" = "postgres" ]; then
    echo "run.sh: the demo database predates the ledger_owner role; making it again"
    scripts/pg.sh psql -qc "drop database ledger with (force)"
  fi
  export LEDGER_MIGRATION_DB="$(scripts/pg.sh url ledger owner)"
  export LEDGER_DB="$(scripts/pg.sh url ledger app)"
fi
# Local tokens are signed with a key made once for this checkout (git-ignored); there is no built-in secret.
mkdir -p .data
if [ -z "${Auth__SigningKey:-}" ] && [ -z "${Auth__Authority:-}" ]; then
  key="$(scripts/signing-key.sh .data/signing-key)"
  export Auth__SigningKey="$key"
fi
export LEDGER_URLS="${LEDGER_URLS:-http://127.0.0.1:5080}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Published, not only built: the pages' stylesheet and script (static web assets) are served from the published output.
dotnet publish src/Ledger.Api -c Release -o .data/api -nologo -v quiet -clp:ErrorsOnly
api() { dotnet .data/api/Ledger.Api.dll "$@"; }
api migrate
api seed db/seed

echo
web="${LEDGER_URLS%%;*}"
echo "Ledger: ${web%/}/ — masuk sebagai pengguna demo (sign in as a demo user)"
echo
echo "Ledger API on $LEDGER_URLS  (docs: $LEDGER_URLS/scalar/v1, OpenAPI: $LEDGER_URLS/openapi/v1.json)"
echo "Demo tokens (12 hours), one per role:"
for spec in "admin:admin-jabar:--region jawa-barat --facility lapas-cirebon" \
            "bimker:bimker-cirebon:--facility lapas-cirebon" \
            "finance:finance-cirebon:--facility lapas-cirebon" \
            "reintegration:wali-cirebon:--facility lapas-cirebon" \
            "kanwil:kanwil-jabar:--region jawa-barat" \
            "auditor:auditor-cirebon:--facility lapas-cirebon"; do
  role="${spec%%:*}"; rest="${spec#*:}"; sub="${rest%%:*}"; extra="${rest#*:}"
  # shellcheck disable=SC2086
  printf '  %-14s %s\n' "$role" "$(api token --sub "$sub" --role "$role" $extra)"
done
tok="$(api token --sub bimker-cirebon --role bimker --facility lapas-cirebon)"
echo
echo "Try:  curl -H \"Authorization: Bearer $tok\" $LEDGER_URLS/api/v1/facilities/lapas-cirebon/inmates"
echo "Ctrl-C stops the API; ./run.sh stop stops the database."
echo
exec dotnet .data/api/Ledger.Api.dll --urls "$LEDGER_URLS" --contentRoot "$PWD/.data/api"
