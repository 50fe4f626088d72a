-- Kept values per Lapas × programme × day, so the programme report and the Kanwil dashboard cost what their answer
-- costs (days × programmes rows, people × programmes rows), not what the whole ledger costs (docs/kept-values.md,
-- "Lapas × programme × day"). Three tables, each kept by the statement-level triggers below in the same transaction
-- as the ledger rows that change it, whoever writes them (API, COPY imports, seed, benchmark SQL):
--   daily_programme_total  per Lapas, programme and day: live training minutes, units made and passed QC of live work
--                          records, and the premi approved runs posted for work of that day (all of it, and the part
--                          on work records reversed since: the programme report counts the first, the dashboard the
--                          difference, as they did when they added up the ledger);
--   daily_person_days      per Lapas, year, programme and person: a bit per day of the year on which the person had a
--                          live training entry or live work record in the programme (participants are a distinct count:
--                          they cannot be summed over days);
--   daily_work_order_day   per Lapas, work order and day: live work records and units passed QC (the dashboard's
--                          default period, the span of the region's largest work order).
-- Each has a view "…_from_ledger" with the same rows computed from the ledger alone: the rebuild (rebuild-kept) and the
-- property tests read it. Certificates are few and stay read from their table (an index by Lapas and day is added).
-- Forward-only: never edit a migration that has shipped; add the next number instead.

-- A day's bit in its year's bit string (bit 0 is 1 January; 366 bits, so 31 December of a leap year has one).
create function daily_day_bit(day date) returns bit(366) language sql immutable parallel safe as $$
  select set_bit(B'0'::bit(366), day - make_date(extract(year from day)::int, 1, 1), 1)::bit(366)
$$;

-- The bits of the days from .. to that fall in the year (all zero when none do).
create function daily_days_mask(year int, from_day date, to_day date) returns bit(366) language sql immutable parallel safe as $$
  select case when greatest(from_day, make_date(year, 1, 1)) > least(to_day, make_date(year, 12, 31)) then B'0'::bit(366)
    else (repeat('0', greatest(from_day, make_date(year, 1, 1)) - make_date(year, 1, 1))
          || repeat('1', least(to_day, make_date(year, 12, 31)) - greatest(from_day, make_date(year, 1, 1)) + 1))::bit(366) end
$$;

create table daily_programme_total (
  facility_code   text not null,
  day             date not null,
  programme_id    uuid not null,
  minutes         bigint not null default 0,
  units_produced  bigint not null default 0,
  units_passed    bigint not null default 0,
  premi_posted    bigint not null default 0,
  premi_reversed  bigint not null default 0,
  primary key (facility_code, day, programme_id)
);

create table daily_person_days (
  facility_code  text not null,
  year           int not null,
  programme_id   uuid not null,
  inmate_id      uuid not null,
  days           bit(366) not null,
  primary key (facility_code, year, programme_id, inmate_id)
);

create table daily_work_order_day (
  facility_code  text not null,
  day            date not null,
  work_order_id  uuid not null,
  live_records   int not null default 0,
  units_passed   bigint not null default 0,
  primary key (facility_code, day, work_order_id)
);

-- The dashboard counts a region's certificates by the Lapas that issued them and the day.
create index certificate_facility_day on certificate (facility_code, issued_on);

-- The same rows from the ledger alone (zero rows left out).
create view daily_programme_total_from_ledger as
select facility_code, day, programme_id, sum(minutes)::bigint as minutes, sum(units_produced)::bigint as units_produced,
       sum(units_passed)::bigint as units_passed, sum(premi_posted)::bigint as premi_posted, sum(premi_reversed)::bigint as premi_reversed
from (
  select p.facility_code, e.day, e.programme_id, e.minutes, 0 as units_produced, 0 as units_passed, 0 as premi_posted, 0 as premi_reversed
  from public.live_training_entry e join public.programme p on p.id = e.programme_id
  union all
  select o.facility_code, r.worked_on, p.id, 0, r.units_produced, r.units_passed, 0, 0
  from public.work_record r
  join public.work_order o on o.id = r.work_order_id
  join public.programme p on p.facility_code = o.facility_code and p.code = o.programme_code
  where not exists (select 1 from public.work_record_reversal v where v.work_record_id = r.id)
  union all
  select o.facility_code, r.worked_on, p.id, 0, 0, 0, pr.amount,
         case when exists (select 1 from public.work_record_reversal v where v.work_record_id = r.id) then pr.amount else 0 end
  from public.premi_run_record pr
  join public.premi_run run on run.id = pr.run_id and run.status = 'approved'
  join public.work_record r on r.id = pr.work_record_id
  join public.work_order o on o.id = r.work_order_id
  join public.programme p on p.facility_code = o.facility_code and p.code = o.programme_code
) x
group by facility_code, day, programme_id
having sum(minutes) <> 0 or sum(units_produced) <> 0 or sum(units_passed) <> 0 or sum(premi_posted) <> 0 or sum(premi_reversed) <> 0;

create view daily_person_active_day as
select p.facility_code, e.programme_id, e.inmate_id, e.day
from public.live_training_entry e join public.programme p on p.id = e.programme_id
union all
select o.facility_code, p.id, r.inmate_id, r.worked_on
from public.work_record r
join public.work_order o on o.id = r.work_order_id
join public.programme p on p.facility_code = o.facility_code and p.code = o.programme_code
where not exists (select 1 from public.work_record_reversal v where v.work_record_id = r.id);

create view daily_person_days_from_ledger as
select facility_code, extract(year from day)::int as year, programme_id, inmate_id, bit_or(public.daily_day_bit(day)) as days
from public.daily_person_active_day
group by facility_code, extract(year from day)::int, programme_id, inmate_id;

create view daily_work_order_day_from_ledger as
select o.facility_code, r.worked_on as day, r.work_order_id, count(*)::int as live_records, sum(r.units_passed)::bigint as units_passed
from public.work_record r join public.work_order o on o.id = r.work_order_id
where not exists (select 1 from public.work_record_reversal v where v.work_record_id = r.id)
group by o.facility_code, r.worked_on, r.work_order_id;

-- Recomputes the day bits of the given (programme, person, year) keys from the ledger, by the person-and-day indexes:
-- a reversal cannot clear a day's bit by subtraction (another entry of that day may still be live). A key left with
-- no live day loses its row.
create function daily_refresh_person_days(programme_ids uuid[], inmate_ids uuid[], years int[]) returns void language plpgsql as $$
begin
  with touched as (
    select distinct p.facility_code, k.programme_id, k.inmate_id, k.year
    from unnest(programme_ids, inmate_ids, years) as k (programme_id, inmate_id, year)
    join public.programme p on p.id = k.programme_id
  ), fresh as (
    select t.facility_code, t.year, t.programme_id, t.inmate_id,
           (select bit_or(public.daily_day_bit(a.day)) from (
              select e.day from public.live_training_entry e
              where e.inmate_id = t.inmate_id and e.programme_id = t.programme_id
                and e.day between make_date(t.year, 1, 1) and make_date(t.year, 12, 31)
              union all
              select r.worked_on from public.work_record r
              join public.work_order o on o.id = r.work_order_id and o.facility_code = t.facility_code
              join public.programme p on p.facility_code = o.facility_code and p.code = o.programme_code and p.id = t.programme_id
              where r.inmate_id = t.inmate_id and r.worked_on between make_date(t.year, 1, 1) and make_date(t.year, 12, 31)
                and not exists (select 1 from public.work_record_reversal v where v.work_record_id = r.id)) a) as days
    from touched t
  ), gone as (
    delete from public.daily_person_days d using fresh f
    where f.days is null and (d.facility_code, d.year, d.programme_id, d.inmate_id) = (f.facility_code, f.year, f.programme_id, f.inmate_id)
  )
  update public.daily_person_days d set days = f.days
  from fresh f
  where f.days is not null and (d.facility_code, d.year, d.programme_id, d.inmate_id) = (f.facility_code, f.year, f.programme_id, f.inmate_id);
end;
$$;

-- Training entries recorded (a session, a single entry, an import by COPY): add their minutes and set their days.
-- Rows are upserted in key order, so two transactions touching the same keys wait for each other rather than deadlock.
create function daily_training_added() returns trigger language plpgsql as $$
begin
  insert into public.daily_programme_total as t (facility_code, day, programme_id, minutes)
  select p.facility_code, e.day, e.programme_id, sum(e.minutes)
  from daily_added e join public.programme p on p.id = e.programme_id
  group by p.facility_code, e.day, e.programme_id
  order by 1, 2, 3
  on conflict (facility_code, day, programme_id) do update set minutes = t.minutes + excluded.minutes;
  insert into public.daily_person_days as d (facility_code, year, programme_id, inmate_id, days)
  select p.facility_code, extract(year from e.day)::int, e.programme_id, e.inmate_id, bit_or(public.daily_day_bit(e.day))
  from daily_added e join public.programme p on p.id = e.programme_id
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (facility_code, year, programme_id, inmate_id) do update set days = d.days | excluded.days;
  return null;
end;
$$;
create trigger daily_training_added after insert on training_entry
  referencing new table as daily_added for each statement execute function daily_training_added();

-- Training entries reversed: take their minutes off and recompute the days of the people and programmes touched.
create function daily_training_reversed() returns trigger language plpgsql as $$
begin
  insert into public.daily_programme_total as t (facility_code, day, programme_id, minutes)
  select p.facility_code, e.day, e.programme_id, -sum(e.minutes)
  from daily_reversed v join public.training_entry e on e.id = v.entry_id join public.programme p on p.id = e.programme_id
  group by p.facility_code, e.day, e.programme_id
  order by 1, 2, 3
  on conflict (facility_code, day, programme_id) do update set minutes = t.minutes + excluded.minutes;
  perform public.daily_refresh_person_days(array_agg(k.programme_id), array_agg(k.inmate_id), array_agg(k.year))
  from (select distinct e.programme_id, e.inmate_id, extract(year from e.day)::int as year
        from daily_reversed v join public.training_entry e on e.id = v.entry_id) k;
  return null;
end;
$$;
create trigger daily_training_reversed after insert on training_reversal
  referencing new table as daily_reversed for each statement execute function daily_training_reversed();

-- Work records recorded (the grid, a file import): add their units, their order's day, and set their days.
create function daily_work_added() returns trigger language plpgsql as $$
begin
  insert into public.daily_programme_total as t (facility_code, day, programme_id, units_produced, units_passed)
  select o.facility_code, r.worked_on, p.id, sum(r.units_produced), sum(r.units_passed)
  from daily_added r
  join public.work_order o on o.id = r.work_order_id
  join public.programme p on p.facility_code = o.facility_code and p.code = o.programme_code
  group by o.facility_code, r.worked_on, p.id
  order by 1, 2, 3
  on conflict (facility_code, day, programme_id) do update
    set units_produced = t.units_produced + excluded.units_produced, units_passed = t.units_passed + excluded.units_passed;
  insert into public.daily_work_order_day as w (facility_code, day, work_order_id, live_records, units_passed)
  select o.facility_code, r.worked_on, r.work_order_id, count(*), sum(r.units_passed)
  from daily_added r join public.work_order o on o.id = r.work_order_id
  group by o.facility_code, r.worked_on, r.work_order_id
  order by 1, 2, 3
  on conflict (facility_code, day, work_order_id) do update
    set live_records = w.live_records + excluded.live_records, units_passed = w.units_passed + excluded.units_passed;
  insert into public.daily_person_days as d (facility_code, year, programme_id, inmate_id, days)
  select o.facility_code, extract(year from r.worked_on)::int, p.id, r.inmate_id, bit_or(public.daily_day_bit(r.worked_on))
  from daily_added r
  join public.work_order o on o.id = r.work_order_id
  join public.programme p on p.facility_code = o.facility_code and p.code = o.programme_code
  group by 1, 2, 3, 4
  order by 1, 2, 3, 4
  on conflict (facility_code, year, programme_id, inmate_id) do update set days = d.days | excluded.days;
  return null;
end;
$$;
create trigger daily_work_added after insert on work_record
  referencing new table as daily_added for each statement execute function daily_work_added();

-- Work records reversed: take their units off, move the premi approved runs paid for them to "reversed" (the
-- dashboard leaves it out, the programme report keeps it), and recompute the days of the people and programmes touched.
create function daily_work_reversed() returns trigger language plpgsql as $$
begin
  insert into public.daily_programme_total as t (facility_code, day, programme_id, units_produced, units_passed, premi_reversed)
  select o.facility_code, r.worked_on, p.id, -sum(r.units_produced), -sum(r.units_passed),
         coalesce(sum((select sum(pr.amount) from public.premi_run_record pr join public.premi_run run on run.id = pr.run_id and run.status = 'approved'
                       where pr.work_record_id = r.id)), 0)
  from daily_reversed v
  join public.work_record r on r.id = v.work_record_id
  join public.work_order o on o.id = r.work_order_id
  join public.programme p on p.facility_code = o.facility_code and p.code = o.programme_code
  group by o.facility_code, r.worked_on, p.id
  order by 1, 2, 3
  on conflict (facility_code, day, programme_id) do update
    set units_produced = t.units_produced + excluded.units_produced, units_passed = t.units_passed + excluded.units_passed,
        premi_reversed = t.premi_reversed + excluded.premi_reversed;
  insert into public.daily_work_order_day as w (facility_code, day, work_order_id, live_records, units_passed)
  select o.facility_code, r.worked_on, r.work_order_id, -count(*), -sum(r.units_passed)
  from daily_reversed v join public.work_record r on r.id = v.work_record_id join public.work_order o on o.id = r.work_order_id
  group by o.facility_code, r.worked_on, r.work_order_id
  order by 1, 2, 3
  on conflict (facility_code, day, work_order_id) do update
    set live_records = w.live_records + excluded.live_records, units_passed = w.units_passed + excluded.units_passed;
  perform public.daily_refresh_person_days(array_agg(k.programme_id), array_agg(k.inmate_id), array_agg(k.year))
  from (select distinct p.id as programme_id, r.inmate_id, extract(year from r.worked_on)::int as year
        from daily_reversed v
        join public.work_record r on r.id = v.work_record_id
        join public.work_order o on o.id = r.work_order_id
        join public.programme p on p.facility_code = o.facility_code and p.code = o.programme_code) k;
  return null;
end;
$$;
create trigger daily_work_reversed after insert on work_record_reversal
  referencing new table as daily_reversed for each statement execute function daily_work_reversed();

-- Premi posted: a run's record amounts count on their work record's day once the run is approved. Records are written
-- with their draft, so the approval posts them; a record written for a run already approved (SQL loads) posts itself.
create function daily_premi_post(run_ids uuid[], only_records boolean, record_runs uuid[], record_ids uuid[]) returns void language plpgsql as $$
begin
  insert into public.daily_programme_total as t (facility_code, day, programme_id, premi_posted, premi_reversed)
  select o.facility_code, r.worked_on, p.id, sum(pr.amount),
         sum(case when exists (select 1 from public.work_record_reversal v where v.work_record_id = r.id) then pr.amount else 0 end)
  from public.premi_run_record pr
  join public.premi_run run on run.id = pr.run_id and run.status = 'approved'
  join public.work_record r on r.id = pr.work_record_id
  join public.work_order o on o.id = r.work_order_id
  join public.programme p on p.facility_code = o.facility_code and p.code = o.programme_code
  where case when only_records then (pr.run_id, pr.work_record_id) in (select * from unnest(record_runs, record_ids))
             else pr.run_id = any(run_ids) end
  group by o.facility_code, r.worked_on, p.id
  order by 1, 2, 3
  on conflict (facility_code, day, programme_id) do update
    set premi_posted = t.premi_posted + excluded.premi_posted, premi_reversed = t.premi_reversed + excluded.premi_reversed;
end;
$$;

create function daily_premi_approved() returns trigger language plpgsql as $$
begin
  perform public.daily_premi_post(array(select n.id from daily_after n join daily_before b on b.id = n.id
                                        where n.status = 'approved' and b.status <> 'approved'), false, null, null);
  return null;
end;
$$;
create trigger daily_premi_approved after update on premi_run
  referencing old table as daily_before new table as daily_after for each statement execute function daily_premi_approved();

create function daily_premi_record_added() returns trigger language plpgsql as $$
begin
  perform public.daily_premi_post(null, true, array(select run_id from daily_added order by run_id, work_record_id),
                                  array(select work_record_id from daily_added order by run_id, work_record_id));
  return null;
end;
$$;
create trigger daily_premi_record_added after insert on premi_run_record
  referencing new table as daily_added for each statement execute function daily_premi_record_added();

-- What the ledger holds today.
insert into daily_programme_total select * from daily_programme_total_from_ledger;
insert into daily_person_days select * from daily_person_days_from_ledger;
insert into daily_work_order_day select * from daily_work_order_day_from_ledger;

-- Kept rows are state, not ledger: the running process keeps them (a person's row of a year vanishes when a reversal
-- leaves them no live day there).
grant select, insert, update on daily_programme_total, daily_work_order_day to ledger_runtime;
grant select, insert, update, delete on daily_person_days to ledger_runtime;
