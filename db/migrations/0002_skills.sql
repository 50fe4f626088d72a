-- Skills ledger: programmes per facility, training minutes (one by one, by session, by CSV import),
-- their reversals, and certificates with their revocations.
-- Forward-only: never edit a migration that has shipped; add the next number instead.

-- A programme belongs to one facility; its code is unique there. Retiring sets retired_on once (the first
-- day it is no longer active); that is the only change a programme row takes.
create table programme (
  id                    uuid primary key,
  facility_code         text not null references facility (code),
  code                  text not null check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(code) <= 60),
  name                  text not null check (length(trim(name)) > 0),
  kind                  text not null check (kind in ('training', 'production', 'both')),
  partner               text,
  required_minutes      int check (required_minutes > 0),
  certification_scheme  text,
  starts_on             date,
  retired_on            date,
  created_by            text not null,
  created_at            timestamptz not null,
  check (retired_on is null or starts_on is null or retired_on > starts_on),
  constraint programme_code_unique unique (facility_code, code)
);

-- One row per session or import file: who recorded how many entries at once. Single entries have none.
create table training_batch (
  id             uuid primary key,
  facility_code  text not null references facility (code),
  source         text not null check (source in ('session', 'import')),
  entry_count    int not null check (entry_count > 0),
  recorded_by    text not null,
  recorded_at    timestamptz not null
);

-- Training minutes of one person, programme and day. Never changed: a mistake is undone by a row in
-- training_reversal, and totals count only entries without one.
-- Its references (inmate, programme, batch) are enforced by the triggers below rather than by FOREIGN KEY
-- clauses: a foreign key checks each inserted row with its own query, which made a million-row import spend
-- most of its time on those checks; the statement trigger checks all rows of an INSERT or COPY with one join.
create table training_entry (
  id            uuid primary key,
  inmate_id     uuid not null,
  programme_id  uuid not null,
  day           date not null,
  minutes       int not null check (minutes > 0 and minutes <= 1440),
  note          text check (length(note) <= 500),
  batch_id      uuid,
  recorded_by   text not null,
  recorded_at   timestamptz not null
);
-- A person's day (the daily limit, their history). A programme's period (reports) is found through this index
-- too: training is recorded only for people held in the programme's facility, so the people ever placed there
-- lead to every entry of its programmes. A second index for it would cost every import a sixth of its time.
create index training_entry_inmate_day on training_entry (inmate_id, day);

-- Every row of a statement must name an existing person, programme and (when given) batch. The query is
-- planned on each run (EXECUTE), when the planner knows how many rows the statement wrote: one row is checked
-- through the primary keys, a million with hash joins. It counts rather than asks EXISTS, which the planner
-- would bet on finding a row early and probe the index a million times.
create function training_entry_references_exist() returns trigger language plpgsql as $$
declare
  missing bigint;
begin
  execute '
    select count(*)
    from new_entries n
    left join inmate i on i.id = n.inmate_id
    left join programme p on p.id = n.programme_id
    left join training_batch b on b.id = n.batch_id
    where i.id is null or p.id is null or (n.batch_id is not null and b.id is null)'
  into missing;
  if missing > 0 then
    raise exception '% training entries refer to a missing warga binaan, programme or batch', missing using errcode = '23503';
  end if;
  return null;
end;
$$;
create trigger training_entry_references after insert on training_entry
  referencing new table as new_entries for each statement execute function training_entry_references_exist();

-- The other half of a foreign key: a person or programme with training entries keeps its id and is never
-- deleted. Training writes lock the person (FOR UPDATE) and the programme (FOR SHARE), so a concurrent delete
-- waits for them and then sees their entries.
create function training_entry_parent_guard() returns trigger language plpgsql as $$
begin
  if (tg_table_name = 'inmate' and exists (select 1 from training_entry e where e.inmate_id = old.id))
     or (tg_table_name = 'programme' and exists (select 1 from training_entry e where e.programme_id = old.id)) then
    raise exception '% % has training entries: it cannot be deleted or given another id', tg_table_name, old.id using errcode = '23503';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end;
$$;
create trigger inmate_training_guard before delete or update of id on inmate
  for each row execute function training_entry_parent_guard();
create trigger programme_training_guard before delete or update of id on programme
  for each row execute function training_entry_parent_guard();

-- The entry it undoes is the primary key, so an entry can be reversed only once, by the database itself.
create table training_reversal (
  entry_id     uuid primary key references training_entry (id),
  id           uuid not null unique,
  reason       text not null check (length(trim(reason)) > 0 and length(reason) <= 500),
  recorded_by  text not null,
  recorded_at  timestamptz not null
);

-- What totals count: entries that no reversal names.
create view live_training_entry as
select e.* from training_entry e
where not exists (select 1 from training_reversal r where r.entry_id = e.id);

-- Certificates are never edited or deleted; a revocation is its own row. Numbers are unique per issuer
-- (issuer compared without case or surrounding spaces, as people type it).
create table certificate (
  id             uuid primary key,
  inmate_id      uuid not null references inmate (id),
  facility_code  text not null references facility (code),
  programme_id   uuid references programme (id),
  title          text not null check (length(trim(title)) > 0),
  scheme         text,
  issuer         text not null check (length(trim(issuer)) > 0),
  issuer_kind    text not null check (issuer_kind in ('lsp-bnsp', 'blk', 'partner', 'facility')),
  number         text not null check (length(trim(number)) > 0),
  result         text not null check (result in ('competent', 'not-yet-competent')),
  issued_on      date not null,
  valid_until    date,
  recorded_by    text not null,
  recorded_at    timestamptz not null,
  check (valid_until is null or valid_until >= issued_on)
);
create unique index certificate_number_unique on certificate (lower(trim(issuer)), number);
create index certificate_inmate on certificate (inmate_id);
create index certificate_programme on certificate (programme_id, issued_on);

create table certificate_revocation (
  certificate_id  uuid primary key references certificate (id),
  revoked_on      date not null,
  reason          text not null check (length(trim(reason)) > 0 and length(reason) <= 500),
  recorded_by     text not null,
  recorded_at     timestamptz not null
);

-- Append-only, row by row and as a whole (TRUNCATE skips row triggers, so it gets its own).
create trigger training_batch_append_only before update or delete on training_batch
  for each row execute function refuse_change();
create trigger training_entry_append_only before update or delete on training_entry
  for each row execute function refuse_change();
create trigger training_reversal_append_only before update or delete on training_reversal
  for each row execute function refuse_change();
create trigger certificate_append_only before update or delete on certificate
  for each row execute function refuse_change();
create trigger certificate_revocation_append_only before update or delete on certificate_revocation
  for each row execute function refuse_change();
create trigger training_batch_no_truncate before truncate on training_batch
  for each statement execute function refuse_change();
create trigger training_entry_no_truncate before truncate on training_entry
  for each statement execute function refuse_change();
create trigger training_reversal_no_truncate before truncate on training_reversal
  for each statement execute function refuse_change();
create trigger certificate_no_truncate before truncate on certificate
  for each statement execute function refuse_change();
create trigger certificate_revocation_no_truncate before truncate on certificate_revocation
  for each statement execute function refuse_change();
