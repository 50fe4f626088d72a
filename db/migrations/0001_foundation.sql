-- Foundation: facilities, warga binaan and their sentences, the audit log and idempotency keys.
-- Forward-only: never edit a migration that has shipped; add the next number instead.

-- Ledger tables are append-only: corrections are new rows (reversals), never UPDATE or DELETE.
create function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'table % is append-only: % is refused (write a reversal instead)', tg_table_name, tg_op
    using errcode = 'P0001';
end;
$$;

create table facility (
  code        text primary key check (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name        text not null check (length(trim(name)) > 0),
  region      text not null check (region ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  time_zone   text not null,
  -- Per-facility settings (minutes per JP, limits, checklist amounts); absent keys take the
  -- documented defaults in FacilitySettings, so a new setting needs no migration.
  settings    jsonb not null default '{}'::jsonb,
  created_at  timestamptz not null
);
create index facility_region on facility (region);

create table inmate (
  id                   uuid primary key,
  facility_code        text not null references facility (code),
  registration_number  text not null check (length(trim(registration_number)) > 0),
  full_name            text not null check (length(trim(full_name)) > 0),
  birth_date           date,
  detention_date       date not null,
  sentence_years       int not null check (sentence_years between 0 and 100),
  sentence_months      int not null check (sentence_months between 0 and 1200),
  sentence_days        int not null check (sentence_days between 0 and 36500),
  sentence_kind        text not null check (sentence_kind in ('fixed', 'life', 'death')),
  released_on          date,
  created_at           timestamptz not null,
  constraint inmate_registration_unique unique (facility_code, registration_number)
);
create index inmate_name_search on inmate (facility_code, lower(full_name));

-- Where a person was held, from which day; the current row has no end. Rows are closed (ended_on set)
-- by a transfer, which is the only update this table allows.
create table inmate_placement (
  inmate_id      uuid not null references inmate (id),
  facility_code  text not null references facility (code),
  started_on     date not null,
  ended_on       date,
  check (ended_on is null or ended_on >= started_on),
  primary key (inmate_id, started_on, facility_code)
);

create table remission (
  id              uuid primary key,
  inmate_id       uuid not null references inmate (id),
  kind            text not null check (kind in ('umum', 'khusus', 'dasawarsa', 'tambahan', 'lainnya')),
  granted_on      date not null,
  months          int not null check (months between 0 and 120),
  days            int not null check (days between 0 and 3650),
  decree_number   text not null check (length(trim(decree_number)) > 0),
  recorded_by     text not null,
  recorded_at     timestamptz not null,
  check (months > 0 or days > 0)
);
create index remission_inmate on remission (inmate_id);
create trigger remission_append_only before update or delete on remission
  for each row execute function refuse_change();

create table discipline_entry (
  id            uuid primary key,
  inmate_id     uuid not null references inmate (id),
  occurred_on   date not null,
  description   text not null check (length(trim(description)) > 0),
  recorded_by   text not null,
  recorded_at   timestamptz not null
);
create index discipline_inmate on discipline_entry (inmate_id);
create trigger discipline_append_only before update or delete on discipline_entry
  for each row execute function refuse_change();

create table audit_log (
  id             bigint generated always as identity primary key,
  at             timestamptz not null,
  user_sub       text not null,
  roles          text[] not null,
  facility_code  text,
  action         text not null,
  subject_id     text,
  request_id     text
);
create index audit_facility_at on audit_log (facility_code, at);
create trigger audit_append_only before update or delete on audit_log
  for each row execute function refuse_change();

-- The key and the response are written in the write's own transaction, so one never exists without
-- the other. The row is inserted first: a second request with the same key waits on the primary key
-- until the first commits, then replays its response.
create table idempotency_key (
  user_sub       text not null,
  key            text not null check (length(key) between 1 and 200),
  request_hash   text not null,
  status_code    int,
  response_body  text,
  created_at     timestamptz not null,
  primary key (user_sub, key)
);
