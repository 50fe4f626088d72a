-- Per-person totals kept current on write (issue 13, docs/kept-values.md): a person's training per programme and per
-- month, and their work per work order. A readiness summary reads a few of these rows by the person's key instead of
-- adding up every entry they ever had; at national size that was a sequential scan of 20 million rows.
--
-- The ledger stays the truth. Each kept table has a view that recomputes it from the ledger alone (`..._from_ledger`):
-- this migration fills the tables from them, the rebuild-kept command replaces the tables with them, and the property
-- tests compare the tables with them. The tables are maintained by statement-level AFTER triggers on the ledger tables,
-- so every writer (a session, one record, an import by INSERT ... SELECT or COPY, the demo seed) keeps them in the same
-- transaction, with one set-based statement per ledger statement.
-- Forward-only: never edit a migration that has shipped; add the next number instead.

-- Training of one person in one programme: the live minutes (entries without a reversal) and the first and last day
-- with a live entry. A row exists once the person has any entry in the programme, and stays with 0 minutes and no days
-- when all of them are reversed: the person's skills still list the programme then.
create table person_programme_training (
  inmate_id     uuid not null,
  programme_id  uuid not null,
  minutes       bigint not null check (minutes >= 0),
  first_day     date,
  last_day      date,
  primary key (inmate_id, programme_id)
);

-- Live training minutes of one person in one calendar month (`month` is its first day), all programmes together.
-- A month whose entries are all reversed keeps its row with 0 minutes; readers skip it.
create table person_month_training (
  inmate_id  uuid not null,
  month      date not null check (extract(day from month) = 1),
  minutes    bigint not null check (minutes >= 0),
  primary key (inmate_id, month)
);

-- Work of one person on one work order, live records only: how many records and distinct days, minutes, units
-- produced and passed QC, first and last day. A row whose records are all reversed keeps 0 records; readers skip it.
create table person_order_work (
  inmate_id       uuid not null,
  work_order_id   uuid not null,
  records         int not null check (records >= 0),
  days_worked     int not null check (days_worked >= 0),
  minutes         bigint not null check (minutes >= 0),
  units_produced  bigint not null check (units_produced >= 0),
  units_passed    bigint not null check (units_passed >= 0),
  first_day       date,
  last_day        date,
  primary key (inmate_id, work_order_id)
);

-- What each kept table must hold, from the ledger alone.
create view person_programme_training_from_ledger as
select e.inmate_id, e.programme_id,
       coalesce(sum(e.minutes) filter (where r.entry_id is null), 0)::bigint as minutes,
       min(e.day) filter (where r.entry_id is null) as first_day,
       max(e.day) filter (where r.entry_id is null) as last_day
from training_entry e left join training_reversal r on r.entry_id = e.id
group by e.inmate_id, e.programme_id;

create view person_month_training_from_ledger as
select e.inmate_id, date_trunc('month', e.day)::date as month,
       coalesce(sum(e.minutes) filter (where r.entry_id is null), 0)::bigint as minutes
from training_entry e left join training_reversal r on r.entry_id = e.id
group by e.inmate_id, date_trunc('month', e.day)::date;

create view person_order_work_from_ledger as
select w.inmate_id, w.work_order_id,
       count(*) filter (where v.work_record_id is null)::int as records,
       count(distinct w.worked_on) filter (where v.work_record_id is null)::int as days_worked,
       coalesce(sum(w.minutes) filter (where v.work_record_id is null), 0)::bigint as minutes,
       coalesce(sum(w.units_produced) filter (where v.work_record_id is null), 0)::bigint as units_produced,
       coalesce(sum(w.units_passed) filter (where v.work_record_id is null), 0)::bigint as units_passed,
       min(w.worked_on) filter (where v.work_record_id is null) as first_day,
       max(w.worked_on) filter (where v.work_record_id is null) as last_day
from work_record w left join work_record_reversal v on v.work_record_id = w.id
group by w.inmate_id, w.work_order_id;

-- The triggers' statements run through EXECUTE, planned on each run like training_entry_references_exist (0002):
-- the planner then knows whether the statement wrote one row or a million.

-- New entries only add: a new entry is live, so its minutes add up and its day can only widen the first-to-last range.
-- Rows are written in key order, so two writes that touch the same people cannot deadlock on these rows.
create function keep_person_training_on_entry() returns trigger language plpgsql as $$
begin
  execute '
    insert into person_programme_training as k (inmate_id, programme_id, minutes, first_day, last_day)
    select n.inmate_id, n.programme_id, sum(n.minutes), min(n.day), max(n.day)
    from new_entries n group by n.inmate_id, n.programme_id order by n.inmate_id, n.programme_id
    on conflict (inmate_id, programme_id) do update
      set minutes = k.minutes + excluded.minutes,
          first_day = least(k.first_day, excluded.first_day),
          last_day = greatest(k.last_day, excluded.last_day)';
  execute '
    insert into person_month_training as k (inmate_id, month, minutes)
    select n.inmate_id, date_trunc(''month'', n.day)::date, sum(n.minutes)
    from new_entries n group by 1, 2 order by 1, 2
    on conflict (inmate_id, month) do update set minutes = k.minutes + excluded.minutes';
  return null;
end;
$$;
create trigger training_entry_keep_person_totals after insert on training_entry
  referencing new table as new_entries for each statement execute function keep_person_training_on_entry();

-- A reversal takes its entry's minutes off its month and its programme row. The first or last day moves only when a
-- reversed entry was on it: then the nearest live day is found by walking the person-and-day index from that end, a few
-- rows (recomputing every touched row from all its entries read each person's whole history: 6 ms a person at 3M rows).
create function keep_person_training_on_reversal() returns trigger language plpgsql as $$
begin
  execute '
    update person_month_training k set minutes = k.minutes - d.minutes
    from (select e.inmate_id, date_trunc(''month'', e.day)::date as month, sum(e.minutes) as minutes
          from new_reversals n join training_entry e on e.id = n.entry_id
          group by 1, 2) d
    where k.inmate_id = d.inmate_id and k.month = d.month';
  execute '
    update person_programme_training k
      set minutes = k.minutes - d.minutes,
          first_day = case when d.first_reversed <= k.first_day then
            (select e.day from training_entry e
             where e.inmate_id = k.inmate_id and e.programme_id = k.programme_id
               and not exists (select 1 from training_reversal r where r.entry_id = e.id)
             order by e.day limit 1) else k.first_day end,
          last_day = case when d.last_reversed >= k.last_day then
            (select e.day from training_entry e
             where e.inmate_id = k.inmate_id and e.programme_id = k.programme_id
               and not exists (select 1 from training_reversal r where r.entry_id = e.id)
             order by e.day desc limit 1) else k.last_day end
    from (select e.inmate_id, e.programme_id, sum(e.minutes) as minutes, min(e.day) as first_reversed, max(e.day) as last_reversed
          from new_reversals n join training_entry e on e.id = n.entry_id
          group by 1, 2) d
    where k.inmate_id = d.inmate_id and k.programme_id = d.programme_id';
  return null;
end;
$$;
create trigger training_reversal_keep_person_totals after insert on training_reversal
  referencing new table as new_reversals for each statement execute function keep_person_training_on_reversal();

-- New work records add up; a day counts as a new day worked when every live record of that person, order and day is
-- one of the new ones (a look at the person-and-day index per new day).
create function keep_person_work_on_record() returns trigger language plpgsql as $$
begin
  execute '
    insert into person_order_work as k (inmate_id, work_order_id, records, days_worked, minutes, units_produced, units_passed, first_day, last_day)
    select d.inmate_id, d.work_order_id, sum(d.records), count(*) filter (where d.first_of_day), sum(d.minutes),
           sum(d.units_produced), sum(d.units_passed), min(d.worked_on), max(d.worked_on)
    from (
      select n.inmate_id, n.work_order_id, n.worked_on, count(*) as records, sum(n.minutes) as minutes,
             sum(n.units_produced) as units_produced, sum(n.units_passed) as units_passed,
             count(*) = (select count(*) from work_record w
                         where w.inmate_id = n.inmate_id and w.worked_on = n.worked_on and w.work_order_id = n.work_order_id
                           and not exists (select 1 from work_record_reversal v where v.work_record_id = w.id)) as first_of_day
      from new_records n group by n.inmate_id, n.work_order_id, n.worked_on) d
    group by d.inmate_id, d.work_order_id order by d.inmate_id, d.work_order_id
    on conflict (inmate_id, work_order_id) do update
      set records = k.records + excluded.records,
          days_worked = k.days_worked + excluded.days_worked,
          minutes = k.minutes + excluded.minutes,
          units_produced = k.units_produced + excluded.units_produced,
          units_passed = k.units_passed + excluded.units_passed,
          first_day = least(k.first_day, excluded.first_day),
          last_day = greatest(k.last_day, excluded.last_day)';
  return null;
end;
$$;
create trigger work_record_keep_person_totals after insert on work_record
  referencing new table as new_records for each statement execute function keep_person_work_on_record();

-- A reversal takes its records off their person-and-order row; a day stops counting when no live record of that person,
-- order and day is left (one look at the person-and-day index per day), and the first or last day moves, as for
-- training, only when a reversed record was on it.
create function keep_person_work_on_reversal() returns trigger language plpgsql as $$
begin
  execute '
    update person_order_work k
      set records = k.records - d.records, days_worked = k.days_worked - d.days_gone, minutes = k.minutes - d.minutes,
          units_produced = k.units_produced - d.units_produced, units_passed = k.units_passed - d.units_passed,
          first_day = case when d.first_reversed <= k.first_day then
            (select w.worked_on from work_record w
             where w.inmate_id = k.inmate_id and w.work_order_id = k.work_order_id
               and not exists (select 1 from work_record_reversal v where v.work_record_id = w.id)
             order by w.worked_on limit 1) else k.first_day end,
          last_day = case when d.last_reversed >= k.last_day then
            (select w.worked_on from work_record w
             where w.inmate_id = k.inmate_id and w.work_order_id = k.work_order_id
               and not exists (select 1 from work_record_reversal v where v.work_record_id = w.id)
             order by w.worked_on desc limit 1) else k.last_day end
    from (
      select g.inmate_id, g.work_order_id, sum(g.records) as records, count(*) filter (where g.day_gone) as days_gone,
             sum(g.minutes) as minutes, sum(g.units_produced) as units_produced, sum(g.units_passed) as units_passed,
             min(g.worked_on) as first_reversed, max(g.worked_on) as last_reversed
      from (
        select w.inmate_id, w.work_order_id, w.worked_on, count(*) as records, sum(w.minutes) as minutes,
               sum(w.units_produced) as units_produced, sum(w.units_passed) as units_passed,
               not exists (select 1 from work_record x
                           where x.inmate_id = w.inmate_id and x.worked_on = w.worked_on and x.work_order_id = w.work_order_id
                             and not exists (select 1 from work_record_reversal v where v.work_record_id = x.id)) as day_gone
        from new_reversals n join work_record w on w.id = n.work_record_id
        group by w.inmate_id, w.work_order_id, w.worked_on) g
      group by g.inmate_id, g.work_order_id) d
    where k.inmate_id = d.inmate_id and k.work_order_id = d.work_order_id';
  return null;
end;
$$;
create trigger work_record_reversal_keep_person_totals after insert on work_record_reversal
  referencing new table as new_reversals for each statement execute function keep_person_work_on_reversal();

-- Filled from the ledger already written (rebuild-kept does the same later).
insert into person_programme_training select * from person_programme_training_from_ledger;
insert into person_month_training select * from person_month_training_from_ledger;
insert into person_order_work select * from person_order_work_from_ledger;

-- Like every table (0005): TRUNCATE is refused, the owner included; the rebuild deletes and refills in one transaction.
create trigger person_programme_training_no_truncate before truncate on person_programme_training for each statement execute function refuse_truncate();
create trigger person_month_training_no_truncate before truncate on person_month_training for each statement execute function refuse_truncate();
create trigger person_order_work_no_truncate before truncate on person_order_work for each statement execute function refuse_truncate();

-- Kept rows are state, not ledger: the triggers run as the writing role, which inserts them and updates their totals
-- (never their keys); none is ever deleted by the API (only the owner's rebuild replaces them).
grant select, insert on person_programme_training, person_month_training, person_order_work to ledger_runtime;
grant update (minutes, first_day, last_day) on person_programme_training to ledger_runtime;
grant update (minutes) on person_month_training to ledger_runtime;
grant update (records, days_worked, minutes, units_produced, units_passed, first_day, last_day) on person_order_work to ledger_runtime;
