-- The readiness check (GET /health/ready) asks whether the database holds every migration the running API was built
-- with. The runtime role may not read the migration journal (0005: it learns nothing of the schema's history); this
-- function, run as its owner, tells it the name of the last script applied and nothing more.
create function ledger_last_migration() returns text language sql stable security definer
  set search_path = public, pg_temp as $$
  select max(scriptname) from public.schemaversions
$$;
revoke all on function ledger_last_migration() from public;
grant execute on function ledger_last_migration() to ledger_runtime;
