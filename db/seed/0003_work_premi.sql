-- Work and premi demo data. The coir-net order of domain.md's story at Lapas Cirebon (5,400 nets for the buyer
-- in South Korea with PT Coir, 29 September – 16 October 2025, 40 workers, all 5,400 passed QC), Cirebon's
-- monthly scheme (Rp600,000 a month, 50% tabungan), and at Lapas Ciamis a smaller order under a piece-rate
-- scheme (Rp5,000 a net). The premi runs, their approval and a few withdrawals are made after this file by
-- DemoSeed through the same Core code as the API, so every rupiah of the demo is computed, none written here.
-- Names and registration numbers are invented.

-- Lapas Ciamis's warga binaan (detained in 2024) come from 0001_registry/lapas-ciamis.

-- The coir-net order, closed after the export shipped. The revenue and costs are illustrative figures.
insert into work_order (id, facility_code, programme_code, description, partner, buyer, quantity, unit_name, unit_price,
                        starts_on, ends_on, created_by, created_at)
values (gen_random_uuid(), 'lapas-cirebon', 'sabut-kelapa', 'Jaring sabut kelapa (coir net) untuk ekspor', 'PT Coir',
        'Pembeli di Korea Selatan', 5400, 'jaring', 25000, date '2025-09-29', date '2025-10-16', 'bimker-cirebon',
        timestamptz '2025-09-26 09:00+07');

-- 40 workers (CRB-0001..0040) on the 14 working days (Mon–Fri; no public holiday falls in the span), 420 minutes a
-- day: 9 nets a day on the first five days, 10 on the other nine = 135 each, 5,400 in all, every one passed QC.
-- One batch per day, as the bimker officer posts them.
insert into work_record (id, work_order_id, inmate_id, worked_on, minutes, units_produced, units_passed, batch_id, recorded_by, recorded_at)
select gen_random_uuid(), o.id, i.id, d.day, 420, u.units, u.units, md5('crb-coir-' || d.day)::uuid, 'bimker-cirebon',
       (d.day + time '16:00') at time zone 'Asia/Jakarta'
from work_order o
cross join (
  select day::date as day, row_number() over (order by day) as n
  from generate_series(date '2025-09-29', date '2025-10-16', interval '1 day') as day
  where extract(isodow from day) < 6
) d
cross join lateral (select case when d.n <= 5 then 9 else 10 end as units) u
join inmate i on i.facility_code = 'lapas-cirebon' and i.registration_number between 'CRB-0001' and 'CRB-0040'
where o.facility_code = 'lapas-cirebon' and o.programme_code = 'sabut-kelapa';

update work_order set closed_on = date '2025-10-17', revenue = 135000000, costs = 95000000, closed_by = 'bimker-cirebon',
                      closed_at = timestamptz '2025-10-17 15:00+07'
where facility_code = 'lapas-cirebon' and programme_code = 'sabut-kelapa';

-- Cirebon pays Rp600,000 for each calendar month with at least 10 days of at least 240 minutes (October 2025 has
-- 12 such days in the order; September only 2), half saved as tabungan until release.
insert into premi_scheme (id, scheme_id, version, facility_code, name, kind, rate, percent, min_minutes_per_day, min_days_per_month,
                          savings_percent, monthly_cap, valid_from, valid_to, created_by, created_at)
select id, id, 1, 'lapas-cirebon', 'Premi bulanan Giatja', 'monthly', 600000, null, 240, 10, 50, null, date '2025-01-01', null,
       'finance-cirebon', timestamptz '2025-01-02 09:00+07'
from (select gen_random_uuid() as id) s;

-- Lapas Ciamis: 400 nets, 6 to 17 October 2025 (10 working days), 8 workers making 6 nets a day of which 5 pass QC.
insert into programme (id, facility_code, code, name, kind, partner, required_minutes, certification_scheme, starts_on, retired_on, created_by, created_at)
values (gen_random_uuid(), 'lapas-ciamis', 'sabut-kelapa', 'Produksi jaring sabut kelapa', 'production', 'PT Coir', null, null,
        date '2025-09-01', null, 'seed', timestamptz '2025-09-01 09:00+07');
insert into work_order (id, facility_code, programme_code, description, partner, buyer, quantity, unit_name, unit_price,
                        starts_on, ends_on, created_by, created_at)
values (gen_random_uuid(), 'lapas-ciamis', 'sabut-kelapa', 'Jaring sabut kelapa', 'PT Coir', null, 400, 'jaring', null,
        date '2025-10-06', date '2025-10-17', 'bimker-ciamis', timestamptz '2025-10-03 09:00+07');

insert into work_record (id, work_order_id, inmate_id, worked_on, minutes, units_produced, units_passed, batch_id, recorded_by, recorded_at)
select gen_random_uuid(), o.id, i.id, d.day, 360, 6, 5, md5('cms-coir-' || d.day)::uuid, 'bimker-ciamis',
       (d.day + time '16:00') at time zone 'Asia/Jakarta'
from work_order o
cross join (
  select day::date as day from generate_series(date '2025-10-06', date '2025-10-17', interval '1 day') as day
  where extract(isodow from day) < 6
) d
join inmate i on i.facility_code = 'lapas-ciamis' and i.registration_number between 'CMS-0001' and 'CMS-0008'
where o.facility_code = 'lapas-ciamis' and o.programme_code = 'sabut-kelapa';

update work_order set closed_on = date '2025-10-20', closed_by = 'bimker-ciamis', closed_at = timestamptz '2025-10-20 15:00+07'
where facility_code = 'lapas-ciamis' and programme_code = 'sabut-kelapa';

insert into premi_scheme (id, scheme_id, version, facility_code, name, kind, rate, percent, min_minutes_per_day, min_days_per_month,
                          savings_percent, monthly_cap, valid_from, valid_to, created_by, created_at)
select id, id, 1, 'lapas-ciamis', 'Premi per jaring', 'piece-rate', 5000, null, 240, null, 50, null, date '2025-01-01', null,
       'finance-ciamis', timestamptz '2025-01-02 09:00+07'
from (select gen_random_uuid() as id) s;
