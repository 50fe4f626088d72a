-- Demo data: Kanwil Jawa Barat (region jawa-barat) and its Lapas, warga binaan at Lapas Kelas I Cirebon and
-- Lapas Gintung. Every name and registration number here is invented. Detention dates are written relative
-- to the day the seed is loaded (ledger.seed_today), so people near release are near release whenever the
-- demo runs; the coir-net story of October 2025 (later seed files) keeps its real dates.

insert into facility (code, name, region, time_zone, created_at) values
  ('lapas-cirebon',    'Lapas Kelas I Cirebon',      'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-gintung',    'Lapas Kelas IIA Gintung',    'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-sumedang',   'Lapas Kelas IIB Sumedang',   'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-ciamis',     'Lapas Kelas IIB Ciamis',     'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-indramayu',  'Lapas Kelas IIB Indramayu',  'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-garut',      'Lapas Kelas IIB Garut',      'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-majalengka', 'Lapas Kelas IIB Majalengka', 'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-kuningan',   'Lapas Kelas IIA Kuningan',   'jawa-barat', 'Asia/Jakarta', now());

create temporary table seed_people (
  facility_code text, registration_number text, full_name text, birth_date date,
  detained_days_ago int, years int, months int, days int, kind text
) on commit drop;

-- CRB-0001..0040 were all held in Cirebon in October 2025 (the coir-net workers). The first ten show the
-- release cases: CRB-0001 reaches expiry in about a month, CRB-0002 within two months thanks to its remisi, CRB-0005 serves
-- life, CRB-0009 has a recent register-F entry. Two recent arrivals: CRB-0041's one-year sentence is too
-- short for parole, CRB-0042's fits cuti bersyarat.
insert into seed_people (registration_number, full_name, birth_date, detained_days_ago, years, months, days, kind)
values
  ('CRB-0001', 'Iwan Somantri', date '1990-06-23', 700, 2, 0, 0, 'fixed'),
  ('CRB-0002', 'Irfan Wijaya', date '2001-10-26', 960, 3, 0, 0, 'fixed'),
  ('CRB-0003', 'Nandang Suryana', date '1975-05-16', 520, 2, 0, 0, 'fixed'),
  ('CRB-0004', 'Iwan Hidayat', date '1989-11-19', 470, 1, 8, 0, 'fixed'),
  ('CRB-0005', 'Endang Mulyana', date '1994-11-12', 2000, 0, 0, 0, 'life'),
  ('CRB-0006', 'Dadang Wiguna', date '1992-03-20', 500, 1, 8, 0, 'fixed'),
  ('CRB-0007', 'Deden Hermawan', date '1973-04-25', 900, 4, 0, 0, 'fixed'),
  ('CRB-0008', 'Tatang Gunawan', date '1985-07-13', 1200, 5, 0, 0, 'fixed'),
  ('CRB-0009', 'Taufik Suryana', date '1980-08-13', 500, 2, 6, 0, 'fixed'),
  ('CRB-0010', 'Entis Setiawan', date '1978-07-28', 800, 3, 6, 0, 'fixed'),
  ('CRB-0011', 'Rizal Firmansyah', date '1994-04-05', 864, 5, 0, 0, 'fixed'),
  ('CRB-0012', 'Agus Kusnadi', date '1979-04-22', 508, 2, 0, 0, 'fixed'),
  ('CRB-0013', 'Eko Sutisna', date '2001-10-06', 519, 5, 6, 0, 'fixed'),
  ('CRB-0014', 'Rahmat Mulyana', date '1970-03-14', 536, 8, 0, 0, 'fixed'),
  ('CRB-0015', 'Dimas Firmansyah', date '1990-03-23', 674, 3, 3, 0, 'fixed'),
  ('CRB-0016', 'Aris Wijaya', date '1973-08-28', 506, 3, 0, 0, 'fixed'),
  ('CRB-0017', 'Entis Sopandi', date '1995-07-13', 581, 8, 3, 0, 'fixed'),
  ('CRB-0018', 'Rudi Hermawan', date '1995-01-07', 2400, 9, 0, 0, 'fixed'),
  ('CRB-0019', 'Iwan Saputra', date '1998-03-04', 523, 4, 6, 0, 'fixed'),
  ('CRB-0020', 'Dodi Wijaya', date '1973-02-01', 1272, 9, 6, 0, 'fixed'),
  ('CRB-0021', 'Komar Gunawan', date '1976-06-20', 483, 2, 0, 0, 'fixed'),
  ('CRB-0022', 'Dadang Suryana', date '1983-10-13', 1053, 8, 0, 0, 'fixed'),
  ('CRB-0023', 'Wawan Setiawan', date '1992-10-12', 1567, 6, 0, 0, 'fixed'),
  ('CRB-0024', 'Wahyu Permana', date '1977-08-15', 617, 3, 6, 0, 'fixed'),
  ('CRB-0025', 'Wahyu Hermawan', date '1989-02-05', 671, 8, 0, 0, 'fixed'),
  ('CRB-0026', 'Rudi Nugraha', date '1986-08-27', 1768, 9, 6, 0, 'fixed'),
  ('CRB-0027', 'Dedi Kurniawan', date '1971-04-17', 559, 4, 0, 0, 'fixed'),
  ('CRB-0028', 'Yusuf Gunawan', date '1971-09-10', 1615, 8, 0, 0, 'fixed'),
  ('CRB-0029', 'Agus Setiawan', date '1993-03-12', 565, 2, 6, 0, 'fixed'),
  ('CRB-0030', 'Eko Somantri', date '1991-11-08', 1335, 7, 6, 0, 'fixed'),
  ('CRB-0031', 'Ceceng Saputra', date '1985-07-24', 1059, 5, 3, 0, 'fixed'),
  ('CRB-0032', 'Eko Saputra', date '2001-06-24', 1073, 7, 0, 0, 'fixed'),
  ('CRB-0033', 'Dadang Sutisna', date '1987-08-09', 1175, 4, 0, 0, 'fixed'),
  ('CRB-0034', 'Jajang Wijaya', date '1992-08-26', 1048, 4, 0, 0, 'fixed'),
  ('CRB-0035', 'Irfan Firmansyah', date '1975-04-04', 966, 4, 6, 0, 'fixed'),
  ('CRB-0036', 'Eko Hermawan', date '1982-06-07', 754, 5, 3, 0, 'fixed'),
  ('CRB-0037', 'Wahyu Wijaya', date '1970-08-21', 701, 9, 0, 0, 'fixed'),
  ('CRB-0038', 'Irfan Suryana', date '1977-07-26', 797, 8, 3, 0, 'fixed'),
  ('CRB-0039', 'Jajang Hermawan', date '1981-07-26', 1415, 5, 0, 0, 'fixed'),
  ('CRB-0040', 'Dodi Suryana', date '1995-08-13', 540, 7, 3, 0, 'fixed'),
  ('CRB-0041', 'Dedi Gunawan', date '1971-03-19', 300, 1, 0, 0, 'fixed'),
  ('CRB-0042', 'Nandang Gunawan', date '2000-11-12', 400, 1, 3, 0, 'fixed');
update seed_people set facility_code = 'lapas-cirebon' where facility_code is null;

insert into seed_people (registration_number, full_name, birth_date, detained_days_ago, years, months, days, kind)
values
  ('GTG-0001', 'Saepul Rusmana', date '1980-01-10', 400, 2, 0, 0, 'fixed'),
  ('GTG-0002', 'Jaka Sudrajat', date '1981-02-11', 800, 3, 0, 0, 'fixed'),
  ('GTG-0003', 'Nanang Kosasih', date '1982-03-12', 250, 1, 0, 0, 'fixed'),
  ('GTG-0004', 'Ridwan Supriatna', date '1983-04-13', 1500, 6, 0, 0, 'fixed'),
  ('GTG-0005', 'Oman Maulana', date '1984-05-14', 600, 2, 0, 0, 'fixed'),
  ('GTG-0006', 'Usep Hamdani', date '1985-06-15', 950, 4, 0, 0, 'fixed');
update seed_people set facility_code = 'lapas-gintung' where facility_code is null;

insert into inmate (id, facility_code, registration_number, full_name, birth_date, detention_date,
                    sentence_years, sentence_months, sentence_days, sentence_kind, created_at)
select gen_random_uuid(), facility_code, registration_number, full_name, birth_date,
       current_setting('ledger.seed_today')::date - detained_days_ago, years, months, days, kind, now()
from seed_people;

insert into inmate_placement (inmate_id, facility_code, started_on)
select id, facility_code, detention_date from inmate;

-- Remisi by decree (granted after at least six months served, as Keppres 174/1999 has it).
insert into remission (id, inmate_id, kind, granted_on, months, days, decree_number, recorded_by, recorded_at)
select gen_random_uuid(), i.id, r.kind, i.detention_date + r.after_days, r.months, r.days,
       'W11.PAS.PK.01.01-' || lpad(r.n::text, 4, '0'), 'seed', now()
from inmate i
join (values
  (1, 'CRB-0002', 'umum',   400, 2, 0),
  (2, 'CRB-0002', 'khusus', 600, 1, 0),
  (3, 'CRB-0007', 'umum',   300, 1, 0),
  (4, 'CRB-0008', 'umum',   250, 1, 0),
  (5, 'CRB-0008', 'khusus', 500, 1, 0),
  (6, 'CRB-0008', 'umum',   700, 2, 0),
  (7, 'CRB-0010', 'khusus', 200, 0, 15)
) as r(n, registration_number, kind, after_days, months, days) on r.registration_number = i.registration_number;

-- Register F: one recent entry (it holds back asimilasi and parole), one long ago.
insert into discipline_entry (id, inmate_id, occurred_on, description, recorded_by, recorded_at)
select gen_random_uuid(), i.id, current_setting('ledger.seed_today')::date - d.days_ago, d.description, 'seed', now()
from inmate i
join (values
  ('CRB-0009', 40,  'Menyimpan telepon genggam di kamar hunian'),
  ('CRB-0008', 800, 'Terlambat apel pagi berulang kali')
) as d(registration_number, days_ago, description) on d.registration_number = i.registration_number;
