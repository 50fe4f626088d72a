-- A programme's name and required minutes may be corrected, with the history kept: each change is a
-- programme_revision row (who, when, why, before → after), written in the same transaction as the update of the
-- programme. The update of those two columns is refused unless that transaction wrote the revision that explains it,
-- so the current values never move without their history, whoever connects.
-- Forward-only: never edit a migration that has shipped; add the next number instead.
create table programme_revision (
  id                       uuid primary key,
  programme_id             uuid not null references programme (id),
  revised_by               text not null,
  revised_at               timestamptz not null,
  reason                   text not null check (length(trim(reason)) > 0 and length(reason) <= 500),
  name_before              text not null,
  name_after               text not null check (length(trim(name_after)) > 0),
  required_minutes_before  int,
  required_minutes_after   int check (required_minutes_after > 0)
);
create index programme_revision_by_programme on programme_revision (programme_id, revised_at);

grant select, insert on programme_revision to ledger_runtime;
grant update (name, required_minutes) on programme to ledger_runtime;                            -- a revision

create trigger programme_revision_no_truncate before truncate on programme_revision for each statement execute function refuse_truncate();

create function programme_revision_is_history() returns trigger language plpgsql as $$
begin
  raise exception 'programme_revision is history: it is never updated or deleted' using errcode = 'P0001';
end;
$$;
create trigger programme_revision_append_only before update or delete on programme_revision
  for each row execute function programme_revision_is_history();

-- The name or the required minutes change only with a revision of this transaction that names exactly that change.
create function programme_revised_with_history() returns trigger language plpgsql as $$
begin
  if (new.name, new.required_minutes) is distinct from (old.name, old.required_minutes) and not exists (
       select 1 from public.programme_revision r
       where r.programme_id = old.id and r.xmin = pg_current_xact_id()::xid
         and r.name_before = old.name and r.name_after = new.name
         and r.required_minutes_before is not distinct from old.required_minutes
         and r.required_minutes_after is not distinct from new.required_minutes) then
    raise exception 'programme %: the name and required minutes change only with a programme_revision of the same transaction', old.id
      using errcode = 'P0001';
  end if;
  return new;
end;
$$;
create trigger programme_revised_with_history before update on programme
  for each row execute function programme_revised_with_history();
