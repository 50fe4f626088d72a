-- The database roles of docs/operations.md ("Database roles"), as a DBA would make them: ledger_owner owns the tables and
-- runs the migrations, ledger_app is the API's login in the NOLOGIN group ledger_runtime. Idempotent, and safe when two
-- scripts run it at once (roles are cluster-wide). Used by scripts/pg.sh and scripts/pg-pair.sh.
set client_min_messages = warning;
do $$
begin
  begin create role ledger_owner login createdb; exception when duplicate_object or unique_violation then null; end;
  begin create role ledger_runtime nologin; exception when duplicate_object or unique_violation then null; end;
  begin create role ledger_app login; exception when duplicate_object or unique_violation then null; end;
end;
$$;
grant ledger_runtime to ledger_app;
