-- Work orders and the premi ledger: production orders with QC results, premi schemes (versioned), premi
-- runs approved by a second person, and the premi account of each person with its append-only entries.
-- Money is bigint whole rupiah everywhere. Forward-only: never edit once shipped.

create table work_order (
  id              uuid primary key,
  facility_code   text not null references facility (code),
  -- The programme the order belongs to (e.g. sabut-kelapa), by its code. Programmes live in the skills
  -- schema; the link to that table is added as a foreign key when both schemas are in one database.
  programme_code  text not null check (programme_code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  description     text not null check (length(trim(description)) > 0),
  partner         text not null check (length(trim(partner)) > 0),
  buyer           text check (buyer is null or length(trim(buyer)) > 0),
  quantity        int not null check (quantity > 0),
  -- What one unit is called in explanations and on the payment list ("jaring").
  unit_name       text not null check (length(trim(unit_name)) > 0),
  unit_price      bigint check (unit_price >= 0),
  starts_on       date not null,
  ends_on         date not null,
  created_by      text not null,
  created_at      timestamptz not null,
  closed_on       date,
  revenue         bigint check (revenue >= 0),
  costs           bigint check (costs >= 0),
  closed_by       text,
  closed_at       timestamptz,
  check (ends_on >= starts_on),
  check ((closed_on is null) = (closed_at is null) and (closed_on is null) = (closed_by is null)),
  check (closed_on is not null or (revenue is null and costs is null))
);
create index work_order_facility on work_order (facility_code, starts_on);

-- An order changes exactly once: an open order is closed (with its revenue and costs). Everything else
-- about it, and every closed order, is fixed; profit-share premi is computed from those figures.
create function work_order_close_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'work_order is never deleted' using errcode = 'P0001';
  end if;
  if old.closed_at is not null
     or (new.id, new.facility_code, new.programme_code, new.description, new.partner, new.buyer, new.quantity,
         new.unit_name, new.unit_price, new.starts_on, new.ends_on, new.created_by, new.created_at)
        is distinct from
        (old.id, old.facility_code, old.programme_code, old.description, old.partner, old.buyer, old.quantity,
         old.unit_name, old.unit_price, old.starts_on, old.ends_on, old.created_by, old.created_at) then
    raise exception 'work_order %: only closing an open order is allowed', old.id using errcode = 'P0001';
  end if;
  return new;
end;
$$;
create trigger work_order_closing before update or delete on work_order
  for each row execute function work_order_close_only();

-- One person's work on one order on one day. Posted in batches; corrected by reversal, never changed.
create table work_record (
  id              uuid primary key,
  work_order_id   uuid not null references work_order (id),
  inmate_id       uuid not null references inmate (id),
  worked_on       date not null,
  minutes         int not null check (minutes between 1 and 1440),
  units_produced  int not null check (units_produced >= 0),
  units_passed    int not null check (units_passed >= 0 and units_passed <= units_produced),
  batch_id        uuid not null,
  recorded_by     text not null,
  recorded_at     timestamptz not null
);
create index work_record_order on work_record (work_order_id, worked_on);
create index work_record_inmate_day on work_record (inmate_id, worked_on);
create trigger work_record_append_only before update or delete on work_record
  for each row execute function refuse_change();

create table work_record_reversal (
  work_record_id  uuid primary key references work_record (id),
  reason          text not null check (length(trim(reason)) > 0),
  reversed_by     text not null,
  reversed_at     timestamptz not null
);
create trigger work_record_reversal_append_only before update or delete on work_record_reversal
  for each row execute function refuse_change();

-- A premi scheme is a chain of versions; scheme_id is the id of its first version. Versions are never
-- edited (a change is a new version), so every run can name exactly the terms it used.
create table premi_scheme (
  id                   uuid primary key,
  scheme_id            uuid not null references premi_scheme (id),
  version              int not null check (version >= 1),
  facility_code        text not null references facility (code),
  name                 text not null check (length(trim(name)) > 0),
  kind                 text not null check (kind in ('piece-rate', 'day-rate', 'monthly', 'profit-share')),
  rate                 bigint check (rate > 0),
  percent              int check (percent between 1 and 100),
  min_minutes_per_day  int not null check (min_minutes_per_day between 1 and 1440),
  min_days_per_month   int check (min_days_per_month between 1 and 31),
  savings_percent      int not null check (savings_percent between 0 and 100),
  monthly_cap          bigint check (monthly_cap > 0),
  valid_from           date not null,
  valid_to             date,
  created_by           text not null,
  created_at           timestamptz not null,
  unique (scheme_id, version),
  check (valid_to is null or valid_to >= valid_from),
  check ((kind = 'profit-share') = (percent is not null)),
  check ((kind = 'profit-share') = (rate is null)),
  check ((kind = 'monthly') = (min_days_per_month is not null)),
  check ((version = 1) = (scheme_id = id))
);
create index premi_scheme_facility on premi_scheme (facility_code);
create trigger premi_scheme_append_only before update or delete on premi_scheme
  for each row execute function refuse_change();

create table premi_run (
  id                 uuid primary key,
  facility_code      text not null references facility (code),
  scheme_id          uuid not null references premi_scheme (id),
  scheme_version_id  uuid not null references premi_scheme (id),
  scheme_version     int not null,
  work_order_id      uuid references work_order (id),
  period_from        date not null,
  period_to          date not null,
  status             text not null check (status in ('draft', 'approved', 'cancelled')),
  total              bigint not null check (total >= 0),
  total_spendable    bigint not null check (total_spendable >= 0),
  total_savings      bigint not null check (total_savings >= 0),
  created_by         text not null,
  created_at         timestamptz not null,
  decided_by         text,
  decided_at         timestamptz,
  cancel_reason      text,
  check (period_to >= period_from),
  check (total = total_spendable + total_savings),
  check ((status = 'draft') = (decided_by is null) and (decided_by is null) = (decided_at is null)),
  check ((status = 'cancelled') = (cancel_reason is not null)),
  -- Four eyes, in the database too: whoever computed the draft cannot be the one who approves it.
  check (status <> 'approved' or decided_by <> created_by)
);
create index premi_run_facility on premi_run (facility_code, created_at);

-- A run's only change is its decision: a draft becomes approved or cancelled, once.
create function premi_run_decide_once() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'premi_run is never deleted' using errcode = 'P0001';
  end if;
  if old.status <> 'draft' or new.status = 'draft'
     or (new.id, new.facility_code, new.scheme_id, new.scheme_version_id, new.scheme_version, new.work_order_id,
         new.period_from, new.period_to, new.total, new.total_spendable, new.total_savings, new.created_by, new.created_at)
        is distinct from
        (old.id, old.facility_code, old.scheme_id, old.scheme_version_id, old.scheme_version, old.work_order_id,
         old.period_from, old.period_to, old.total, old.total_spendable, old.total_savings, old.created_by, old.created_at) then
    raise exception 'premi_run %: only deciding a draft (approve or cancel) is allowed', old.id using errcode = 'P0001';
  end if;
  return new;
end;
$$;
create trigger premi_run_decision before update or delete on premi_run
  for each row execute function premi_run_decide_once();

create table premi_run_line (
  run_id               uuid not null references premi_run (id),
  line_no              int not null check (line_no >= 1),
  inmate_id            uuid not null references inmate (id),
  registration_number  text not null,
  full_name            text not null,
  basis_quantity       bigint not null check (basis_quantity >= 0),
  basis_unit           text not null check (basis_unit in ('units-passed', 'days', 'months')),
  basis                text not null,
  gross                bigint not null check (gross >= 0),
  spendable            bigint not null check (spendable >= 0),
  savings              bigint not null check (savings >= 0),
  explanation          text not null,
  primary key (run_id, line_no),
  unique (run_id, inmate_id),
  check (gross = spendable + savings)
);
create trigger premi_run_line_append_only before update or delete on premi_run_line
  for each row execute function refuse_change();

-- The work records a run pays and the rupiah each contributes to its person's line (sum = line gross).
create table premi_run_record (
  run_id          uuid not null references premi_run (id),
  work_record_id  uuid not null references work_record (id),
  inmate_id       uuid not null references inmate (id),
  amount          bigint not null check (amount >= 0),
  primary key (run_id, work_record_id)
);
create index premi_run_record_work on premi_run_record (work_record_id);
create trigger premi_run_record_append_only before update or delete on premi_run_record
  for each row execute function refuse_change();

-- Records a draft left out, and why (already paid, too few minutes, released).
create table premi_run_exclusion (
  run_id          uuid not null references premi_run (id),
  work_record_id  uuid not null references work_record (id),
  reason          text not null,
  primary key (run_id, work_record_id)
);
create trigger premi_run_exclusion_append_only before update or delete on premi_run_exclusion
  for each row execute function refuse_change();

-- Written when a run is approved: a work record is paid by at most one approved run of a scheme (all of
-- its versions), whatever drafts computed meanwhile.
create table premi_paid_record (
  scheme_id       uuid not null references premi_scheme (id),
  work_record_id  uuid not null references work_record (id),
  run_id          uuid not null,
  primary key (scheme_id, work_record_id),
  foreign key (run_id, work_record_id) references premi_run_record (run_id, work_record_id)
);
create trigger premi_paid_record_append_only before update or delete on premi_paid_record
  for each row execute function refuse_change();

-- The balance row of a person's premi account, keyed by the person (a transfer keeps it). It is updated in
-- the same transaction as each entry, under a row lock, and each update moves the version on by one.
create table premi_account (
  inmate_id      uuid primary key references inmate (id),
  spendable      bigint not null check (spendable >= 0),
  savings        bigint not null check (savings >= 0),
  total_earned   bigint not null check (total_earned >= 0),
  version        bigint not null check (version >= 0),
  opened_at      timestamptz not null,
  closed_on      date,
  check (closed_on is null or (spendable = 0 and savings = 0))
);

create function premi_account_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'premi_account is never deleted' using errcode = 'P0001';
  end if;
  if new.version <> old.version + 1 or new.inmate_id <> old.inmate_id or new.opened_at <> old.opened_at
     or old.closed_on is not null then
    raise exception 'premi_account %: a change needs the next version of an open account', old.inmate_id using errcode = 'P0001';
  end if;
  return new;
end;
$$;
create trigger premi_account_versioned before update or delete on premi_account
  for each row execute function premi_account_guard();

create table premi_entry (
  id                 uuid primary key,
  inmate_id          uuid not null references premi_account (inmate_id),
  -- The account version this entry produced: entries of an account are numbered 1, 2, 3, ...
  version            bigint not null check (version >= 1),
  kind               text not null check (kind in ('run-credit', 'withdrawal', 'reversal', 'release-payout')),
  spendable_change   bigint not null,
  savings_change     bigint not null,
  earned_change      bigint not null,
  spendable_after    bigint not null check (spendable_after >= 0),
  savings_after      bigint not null check (savings_after >= 0),
  facility_code      text not null references facility (code),
  run_id             uuid references premi_run (id),
  line_no            int,
  purpose            text check (purpose in ('basic-needs', 'travel-home', 'family')),
  note               text,
  reverses_entry_id  uuid unique references premi_entry (id),
  reason             text,
  recorded_by        text not null,
  recorded_at        timestamptz not null,
  unique (inmate_id, version),
  check ((kind = 'run-credit') = (run_id is not null)),
  check (kind <> 'run-credit' or (spendable_change >= 0 and savings_change >= 0 and earned_change = spendable_change + savings_change)),
  check ((kind = 'withdrawal') = (purpose is not null)),
  check (kind <> 'withdrawal' or (spendable_change <= 0 and savings_change <= 0 and earned_change = 0
                                  and spendable_change + savings_change < 0)),
  check ((kind = 'reversal') = (reverses_entry_id is not null)),
  check ((kind = 'reversal') = (reason is not null)),
  check (kind <> 'release-payout' or (spendable_after = 0 and savings_after = 0 and earned_change = 0))
);
create trigger premi_entry_append_only before update or delete on premi_entry
  for each row execute function refuse_change();
