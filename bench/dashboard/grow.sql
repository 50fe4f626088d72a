-- Grows a demo database (migrated and seeded as run.sh does) to the demo's entries × (:copies + 1), spread over the 8
-- Lapas of Jawa Barat: every person with training or work is cloned :copies times, clone k into the k-th Lapas in
-- turn (code order), with their training entries, work records, the premi approved runs paid for them and their
-- certificates, on the same days. Each Lapas gets one programme, one work order, one scheme and one approved run
-- for the clones. Plain INSERT ... SELECT as the owner: nothing goes through the API or the tests.
--   psql -v copies=99 -f bench/dashboard/grow.sql
\set ON_ERROR_STOP on
begin;
create temporary table bench_lapas as
select code, (row_number() over (order by code) - 1)::int as n, count(*) over ()::int as total from facility where region = 'jawa-barat';

insert into programme (id, facility_code, code, name, kind, partner, required_minutes, certification_scheme, starts_on, retired_on, created_by, created_at)
select md5('bench-programme-' || code)::uuid, code, 'bench', 'Program benchmark', 'both', 'Mitra benchmark', 3000, null, date '2025-01-01', null, 'bench', now()
from bench_lapas;
insert into work_order (id, facility_code, programme_code, description, partner, buyer, quantity, unit_name, unit_price, starts_on, ends_on, created_by, created_at)
select md5('bench-order-' || code)::uuid, code, 'bench', 'Pesanan benchmark', 'Mitra benchmark', null, 100000000, 'unit', null, date '2025-01-01', date '2025-12-31', 'bench', now()
from bench_lapas;
insert into premi_scheme (id, scheme_id, version, facility_code, name, kind, rate, percent, min_minutes_per_day, min_days_per_month,
                          savings_percent, monthly_cap, valid_from, valid_to, created_by, created_at)
select md5('bench-scheme-' || code)::uuid, md5('bench-scheme-' || code)::uuid, 1, code, 'Premi benchmark', 'piece-rate', 5000, null, 240, null, 50, null,
       date '2025-01-01', null, 'bench', now()
from bench_lapas;
insert into premi_run (id, facility_code, scheme_id, scheme_version_id, scheme_version, work_order_id, period_from, period_to, status,
                       total, total_spendable, total_savings, created_by, created_at, decided_by, decided_at)
select md5('bench-run-' || code)::uuid, code, md5('bench-scheme-' || code)::uuid, md5('bench-scheme-' || code)::uuid, 1, md5('bench-order-' || code)::uuid,
       date '2025-01-01', date '2025-12-31', 'approved', 0, 0, 0, 'bench-a', now(), 'bench-b', now()
from bench_lapas;

-- The people with entries, and their clones: clone k of a person goes to Lapas number k mod 8.
create temporary table bench_clone as
select i.id as original, md5(i.id::text || '-' || k)::uuid as id, l.code as facility_code, k
from inmate i
cross join generate_series(1, :copies) as k
join bench_lapas l on l.n = k % l.total
where exists (select 1 from training_entry e where e.inmate_id = i.id) or exists (select 1 from work_record r where r.inmate_id = i.id);

insert into inmate (id, facility_code, registration_number, full_name, birth_date, detention_date, sentence_years, sentence_months, sentence_days, sentence_kind, created_at)
select c.id, c.facility_code, 'B' || c.k || '-' || i.registration_number, i.full_name, i.birth_date, i.detention_date,
       i.sentence_years, i.sentence_months, i.sentence_days, i.sentence_kind, now()
from bench_clone c join inmate i on i.id = c.original;
insert into inmate_placement (inmate_id, facility_code, started_on)
select c.id, c.facility_code, i.detention_date from bench_clone c join inmate i on i.id = c.original;

insert into training_entry (id, inmate_id, programme_id, day, minutes, note, batch_id, recorded_by, recorded_at)
select md5(e.id::text || '-' || c.k)::uuid, c.id, md5('bench-programme-' || c.facility_code)::uuid, e.day, e.minutes, e.note, null, 'bench', now()
from live_training_entry e join bench_clone c on c.original = e.inmate_id;

insert into work_record (id, work_order_id, inmate_id, worked_on, minutes, units_produced, units_passed, batch_id, recorded_by, recorded_at)
select md5(r.id::text || '-' || c.k)::uuid, md5('bench-order-' || c.facility_code)::uuid, c.id, r.worked_on, r.minutes, r.units_produced, r.units_passed,
       md5('bench-batch-' || c.facility_code || r.worked_on)::uuid, 'bench', now()
from work_record r join bench_clone c on c.original = r.inmate_id
where not exists (select 1 from work_record_reversal v where v.work_record_id = r.id);

insert into premi_run_record (run_id, work_record_id, inmate_id, amount)
select md5('bench-run-' || c.facility_code)::uuid, md5(r.id::text || '-' || c.k)::uuid, c.id, sum(pr.amount)
from premi_run_record pr
join premi_run run on run.id = pr.run_id and run.status = 'approved'
join work_record r on r.id = pr.work_record_id
join bench_clone c on c.original = r.inmate_id
group by c.facility_code, r.id, c.k, c.id;

insert into certificate (id, inmate_id, facility_code, programme_id, title, scheme, issuer, issuer_kind, number, result, issued_on, valid_until, recorded_by, recorded_at)
select md5(x.id::text || '-' || c.k)::uuid, c.id, c.facility_code, md5('bench-programme-' || c.facility_code)::uuid, x.title, x.scheme, x.issuer, x.issuer_kind,
       x.number || '-B' || c.k, x.result, x.issued_on, x.valid_until, 'bench', now()
from certificate x join bench_clone c on c.original = x.inmate_id;
commit;
analyze;
select (select count(*) from training_entry) as training_entries, (select count(*) from work_record) as work_records,
       (select count(*) from certificate) as certificates, (select count(*) from premi_run_record) as premi_records;
