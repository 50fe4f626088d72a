-- The database defends the ledger on its own, whoever connects.
--
-- The API runs as a member of ledger_runtime, a NOLOGIN group role that owns nothing: it reads, appends, and makes
-- exactly the updates the code makes (column by column), never DELETE or TRUNCATE, never ALTER or DROP (only an owner
-- may), never CREATE in the schema. Migrations run as the owner of the tables. Production creates the roles first
-- (docs/operations.md, "Database roles"); where the migrating user may create roles (a superuser on a developer's
-- machine) the group is created here. A table added by a later migration gets its grants in that migration.
--
-- For everyone, the owner included: TRUNCATE is refused on every table, a placement only gets its end (once), and a
-- premi balance moves only with the entry that explains it.
-- Forward-only: never edit a migration that has shipped; add the next number instead.

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'ledger_runtime' and (rolsuper or rolbypassrls)) then
    raise exception 'the role ledger_runtime is a superuser or bypasses row security: the API''s role must be neither' using errcode = '42501';
  end if;
  if not exists (select 1 from pg_roles where rolname = 'ledger_runtime') then
    begin
      create role ledger_runtime nologin;
    exception
      -- Another database of the same cluster (roles are cluster-wide) created it at the same moment.
      when duplicate_object or unique_violation then null;
      when insufficient_privilege then
        raise exception 'the role ledger_runtime does not exist and % may not create it: a DBA runs CREATE ROLE ledger_runtime NOLOGIN first (docs/operations.md, "Database roles")', current_user
          using errcode = '42501';
    end;
  end if;
end;
$$;

-- A clean slate (a DBA's earlier grants included), then exactly what the code uses.
revoke all on all tables in schema public from ledger_runtime;
revoke all on all sequences in schema public from ledger_runtime;
-- PostgreSQL before 15 lets everyone create in public; the ledger's schema is the owner's alone. (A warning, not an
-- error, where the migrating user does not own the schema.)
revoke create on schema public from public;
grant usage on schema public to ledger_runtime;

grant select, insert on
  facility, inmate, inmate_placement, remission, discipline_entry, audit_log, idempotency_key,
  programme, training_batch, training_entry, training_reversal, certificate, certificate_revocation,
  work_order, work_record, work_record_reversal,
  premi_scheme, premi_run, premi_run_line, premi_run_record, premi_run_exclusion, premi_paid_record, premi_account, premi_entry
  to ledger_runtime;
grant select on live_training_entry to ledger_runtime;
grant usage on sequence audit_log_id_seq to ledger_runtime;

-- The rows that legitimately change, and only in the columns that change (FOR UPDATE / FOR SHARE locks need one too).
grant update (settings) on facility to ledger_runtime;                                            -- an admin's settings
grant update (facility_code, released_on) on inmate to ledger_runtime;                            -- transfer, release
grant update (ended_on) on inmate_placement to ledger_runtime;                                    -- transfer
grant update (status_code, response_body) on idempotency_key to ledger_runtime;                   -- the stored response
grant update (retired_on) on programme to ledger_runtime;                                         -- retirement
grant update (closed_on, revenue, costs, closed_by, closed_at) on work_order to ledger_runtime;   -- closing
grant update (status, decided_by, decided_at, cancel_reason) on premi_run to ledger_runtime;      -- approval, cancellation
grant update (spendable, savings, total_earned, version, closed_on) on premi_account to ledger_runtime; -- each entry's balance

-- TRUNCATE skips row triggers, so every table without a statement trigger for it gets one (0002 gave the skills
-- tables theirs).
create function refuse_truncate() returns trigger language plpgsql as $$
begin
  raise exception 'table % is part of the ledger: TRUNCATE is refused', tg_table_name using errcode = 'P0001';
end;
$$;
create trigger facility_no_truncate before truncate on facility for each statement execute function refuse_truncate();
create trigger inmate_no_truncate before truncate on inmate for each statement execute function refuse_truncate();
create trigger inmate_placement_no_truncate before truncate on inmate_placement for each statement execute function refuse_truncate();
create trigger remission_no_truncate before truncate on remission for each statement execute function refuse_truncate();
create trigger discipline_entry_no_truncate before truncate on discipline_entry for each statement execute function refuse_truncate();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function refuse_truncate();
create trigger idempotency_key_no_truncate before truncate on idempotency_key for each statement execute function refuse_truncate();
create trigger programme_no_truncate before truncate on programme for each statement execute function refuse_truncate();
create trigger work_order_no_truncate before truncate on work_order for each statement execute function refuse_truncate();
create trigger work_record_no_truncate before truncate on work_record for each statement execute function refuse_truncate();
create trigger work_record_reversal_no_truncate before truncate on work_record_reversal for each statement execute function refuse_truncate();
create trigger premi_scheme_no_truncate before truncate on premi_scheme for each statement execute function refuse_truncate();
create trigger premi_run_no_truncate before truncate on premi_run for each statement execute function refuse_truncate();
create trigger premi_run_line_no_truncate before truncate on premi_run_line for each statement execute function refuse_truncate();
create trigger premi_run_record_no_truncate before truncate on premi_run_record for each statement execute function refuse_truncate();
create trigger premi_run_exclusion_no_truncate before truncate on premi_run_exclusion for each statement execute function refuse_truncate();
create trigger premi_paid_record_no_truncate before truncate on premi_paid_record for each statement execute function refuse_truncate();
create trigger premi_account_no_truncate before truncate on premi_account for each statement execute function refuse_truncate();
create trigger premi_entry_no_truncate before truncate on premi_entry for each statement execute function refuse_truncate();

-- A placement is closed by a transfer: ended_on is set once, on the open placement, and nothing else changes.
create function inmate_placement_end_once() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'inmate_placement is never deleted' using errcode = 'P0001';
  end if;
  if old.ended_on is not null or new.ended_on is null
     or (new.inmate_id, new.facility_code, new.started_on) is distinct from (old.inmate_id, old.facility_code, old.started_on) then
    raise exception 'inmate_placement of %: only setting ended_on of the open placement, once, is allowed', old.inmate_id using errcode = 'P0001';
  end if;
  return new;
end;
$$;
create trigger inmate_placement_ends_once before update or delete on inmate_placement
  for each row execute function inmate_placement_end_once();

-- The balance row of an account opens empty and then moves only to the balance after the entry of its new version,
-- written before it in the same transaction: previous balance plus the entry's change, equal to the entry's running
-- balance, closed exactly by the release payout. (Tables are named with their schema: a session's temporary table
-- of the same name must not stand in for them.)
create or replace function premi_account_guard() returns trigger language plpgsql as $$
declare
  entry public.premi_entry;
begin
  if tg_op = 'DELETE' then
    raise exception 'premi_account is never deleted' using errcode = 'P0001';
  end if;
  if tg_op = 'INSERT' then
    if new.spendable <> 0 or new.savings <> 0 or new.total_earned <> 0 or new.version <> 0 or new.closed_on is not null then
      raise exception 'premi_account %: an account opens empty, at version 0; its balance moves only with an entry', new.inmate_id using errcode = 'P0001';
    end if;
    return new;
  end if;
  if new.version <> old.version + 1 or new.inmate_id <> old.inmate_id or new.opened_at <> old.opened_at
     or old.closed_on is not null then
    raise exception 'premi_account %: a change needs the next version of an open account', old.inmate_id using errcode = 'P0001';
  end if;
  select * into entry from public.premi_entry e where e.inmate_id = new.inmate_id and e.version = new.version;
  if not found then
    raise exception 'premi_account %: version % has no premi entry to explain it', new.inmate_id, new.version using errcode = 'P0001';
  end if;
  if new.spendable <> old.spendable + entry.spendable_change or new.savings <> old.savings + entry.savings_change
     or new.total_earned <> old.total_earned + entry.earned_change
     or new.spendable <> entry.spendable_after or new.savings <> entry.savings_after
     or (new.closed_on is not null) <> (entry.kind = 'release-payout') then
    raise exception 'premi_account %: version % must be the previous balance plus entry %', new.inmate_id, new.version, entry.id using errcode = 'P0001';
  end if;
  return new;
end;
$$;
create trigger premi_account_opens_empty before insert on premi_account
  for each row execute function premi_account_guard();

-- An entry is explained by what it names: a run credit is one line of its run, for that line's person and amounts,
-- posted once; a reversal undoes exactly one credit or withdrawal of the same account.
create function premi_entry_explained() returns trigger language plpgsql as $$
begin
  if new.kind = 'run-credit' and not exists (
       select 1 from public.premi_run_line l
       where l.run_id = new.run_id and l.line_no = new.line_no and l.inmate_id = new.inmate_id
         and l.spendable = new.spendable_change and l.savings = new.savings_change) then
    raise exception 'premi_entry %: a run credit is exactly one line of its run (run %, line %)', new.id, new.run_id, new.line_no using errcode = 'P0001';
  end if;
  if new.kind = 'reversal' and not exists (
       select 1 from public.premi_entry o
       where o.id = new.reverses_entry_id and o.inmate_id = new.inmate_id and o.kind in ('run-credit', 'withdrawal')
         and o.spendable_change = -new.spendable_change and o.savings_change = -new.savings_change and o.earned_change = -new.earned_change) then
    raise exception 'premi_entry %: a reversal undoes exactly one earlier credit or withdrawal of the same account', new.id using errcode = 'P0001';
  end if;
  return new;
end;
$$;
create trigger premi_entry_explained before insert on premi_entry
  for each row execute function premi_entry_explained();
create unique index premi_entry_run_line_once on premi_entry (run_id, line_no) where kind = 'run-credit';

-- And the other half, checked when the transaction commits: no entry without its balance moving to its version,
-- and no run credit unless its run is approved in that transaction.
create function premi_entry_posted() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from public.premi_account a where a.inmate_id = new.inmate_id and a.version >= new.version) then
    raise exception 'premi_entry %: the balance of % did not move to version % with it', new.id, new.inmate_id, new.version using errcode = 'P0001';
  end if;
  if new.kind = 'run-credit' and not exists (select 1 from public.premi_run r where r.id = new.run_id and r.status = 'approved') then
    raise exception 'premi_entry %: run % is not approved', new.id, new.run_id using errcode = 'P0001';
  end if;
  return null;
end;
$$;
create constraint trigger premi_entry_posted after insert on premi_entry deferrable initially deferred
  for each row execute function premi_entry_posted();
