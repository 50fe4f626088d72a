-- Skills demo: the coir-craft programme at Lapas Kelas I Cirebon with PT Coir, as in the October 2025 story,
-- with its real dates: 15 working days of technical training (8-26 September 2025, 240 minutes a day, one
-- recorded session a day) for the 40 participants before production started on 29 September; a few
-- certificates (competent, not yet competent, one revoked); and a sewing course at Lapas Gintung.
-- Loaded after 0001 in the same transaction. A person detained after a session day (the demo's detention
-- dates move with the load day) is simply left out of that session, as the API would refuse them.

insert into programme (id, facility_code, code, name, kind, partner, required_minutes, certification_scheme, starts_on, retired_on, created_by, created_at)
values
  (gen_random_uuid(), 'lapas-cirebon', 'sabut-kelapa', 'Pelatihan dan produksi kerajinan sabut kelapa', 'both', 'PT Coir', 3000,
   'Pembuatan Jaring Sabut Kelapa', date '2025-09-01', null, 'seed', timestamptz '2025-09-01 09:00+07'),
  (gen_random_uuid(), 'lapas-cirebon', 'anyaman-bambu', 'Pelatihan anyaman bambu', 'training', 'Koperasi Pengrajin Bambu Cirebon', null,
   null, date '2025-01-06', date '2025-07-01', 'seed', timestamptz '2025-01-06 09:00+07'),
  (gen_random_uuid(), 'lapas-gintung', 'menjahit', 'Pelatihan menjahit pakaian', 'training', 'UPTD BLK Kabupaten Cirebon', 7200,
   'Penjahitan Pakaian Dasar', date '2025-10-01', null, 'seed', timestamptz '2025-10-01 09:00+07');

-- The coir sessions: every working day from 8 to 26 September 2025, each with the day's topic.
create temporary table seed_session (day date, batch_id uuid, note text) on commit drop;
insert into seed_session (day, batch_id, note)
select d::date, gen_random_uuid(),
       case
         when d::date = date '2025-09-08' then 'Pengenalan serat sabut kelapa dan keselamatan kerja'
         when d::date <= date '2025-09-12' then 'Memintal tali sabut'
         when d::date <= date '2025-09-19' then 'Menganyam jaring sabut (cocomesh)'
         else 'Praktik produksi dan kontrol mutu bersama tim teknis PT Coir'
       end
from generate_series(date '2025-09-08', date '2025-09-26', interval '1 day') as d
where extract(isodow from d) < 6;

-- Who came: CRB-0031..0036 missed the two Fridays 12 and 19 September, CRB-0037..0040 were ill the week of 15 September.
create temporary table seed_attendance (inmate_id uuid, day date, batch_id uuid, note text) on commit drop;
insert into seed_attendance (inmate_id, day, batch_id, note)
select i.id, s.day, s.batch_id, s.note
from seed_session s
join inmate i on i.facility_code = 'lapas-cirebon' and i.registration_number between 'CRB-0001' and 'CRB-0040'
where i.detention_date <= s.day
  and not (i.registration_number between 'CRB-0031' and 'CRB-0036' and s.day in (date '2025-09-12', date '2025-09-19'))
  and not (i.registration_number between 'CRB-0037' and 'CRB-0040' and s.day between date '2025-09-15' and date '2025-09-19');

insert into training_batch (id, facility_code, source, entry_count, recorded_by, recorded_at)
select s.batch_id, 'lapas-cirebon', 'session', count(*), 'seed', (s.day + time '15:30') at time zone 'Asia/Jakarta'
from seed_session s join seed_attendance a on a.batch_id = s.batch_id
group by s.batch_id, s.day;

insert into training_entry (id, inmate_id, programme_id, day, minutes, note, batch_id, recorded_by, recorded_at)
select gen_random_uuid(), a.inmate_id, p.id, a.day, 240, a.note, a.batch_id, 'seed', (a.day + time '15:30') at time zone 'Asia/Jakarta'
from seed_attendance a
join programme p on p.facility_code = 'lapas-cirebon' and p.code = 'sabut-kelapa';

-- A correction: CRB-0012 was at his court hearing on 22 September, not in the workshop.
insert into training_reversal (entry_id, id, reason, recorded_by, recorded_at)
select e.id, gen_random_uuid(), 'Tidak hadir: mengikuti sidang di PN Cirebon, salah catat', 'seed', timestamptz '2025-09-23 08:15+07'
from training_entry e join inmate i on i.id = e.inmate_id
where i.registration_number = 'CRB-0012' and i.facility_code = 'lapas-cirebon' and e.day = date '2025-09-22';

-- Certificates. PT Coir's training certificate for everyone who reached the 3,000 required minutes; the LSP
-- assessment on 20 October 2025: five competent (valid three years less a day, the BNSP default), one not
-- yet competent, and one competent certificate revoked because it was printed with a wrong number.
insert into certificate (id, inmate_id, facility_code, programme_id, title, scheme, issuer, issuer_kind, number, result, issued_on, valid_until, recorded_by, recorded_at)
select gen_random_uuid(), t.inmate_id, 'lapas-cirebon', p.id, 'Sertifikat Pelatihan Teknis Pembuatan Jaring Sabut Kelapa', null, 'PT Coir', 'partner',
       'COIR/PLT/2025/' || substr(i.registration_number, 5), 'competent', date '2025-09-26', null, 'seed', timestamptz '2025-09-29 10:00+07'
from (select e.inmate_id, e.programme_id, sum(e.minutes) as minutes
      from live_training_entry e group by e.inmate_id, e.programme_id) t
join programme p on p.id = t.programme_id and p.code = 'sabut-kelapa'
join inmate i on i.id = t.inmate_id
where t.minutes >= p.required_minutes;

insert into certificate (id, inmate_id, facility_code, programme_id, title, scheme, issuer, issuer_kind, number, result, issued_on, valid_until, recorded_by, recorded_at)
select gen_random_uuid(), i.id, 'lapas-cirebon', p.id, 'Pembuat Jaring Sabut Kelapa', 'Pembuatan Jaring Sabut Kelapa', 'LSP Kerajinan Nusantara', 'lsp-bnsp',
       c.number, c.result, date '2025-10-20',
       case when c.result = 'competent' then date '2028-10-19' end, 'seed', timestamptz '2025-10-21 09:00+07'
from (values
  ('CRB-0001', 'KRJ.1025.00001.2025', 'competent'),
  ('CRB-0002', 'KRJ.1025.00002.2025', 'competent'),
  ('CRB-0003', 'KRJ.1025.00003.2025', 'competent'),
  ('CRB-0004', 'KRJ.1025.00004.2025', 'competent'),
  ('CRB-0005', 'KRJ.1025.00005.2025', 'competent'),
  ('CRB-0006', 'KRJ.1025.00006.2025', 'not-yet-competent'),
  ('CRB-0007', 'KRJ.1025.00070.2025', 'competent')
) as c(registration_number, number, result)
join inmate i on i.facility_code = 'lapas-cirebon' and i.registration_number = c.registration_number
join programme p on p.facility_code = 'lapas-cirebon' and p.code = 'sabut-kelapa'
where i.detention_date <= date '2025-10-20';

insert into certificate_revocation (certificate_id, revoked_on, reason, recorded_by, recorded_at)
select c.id, date '2025-11-03', 'Nomor sertifikat salah cetak; ditarik LSP untuk diterbitkan ulang', 'seed', timestamptz '2025-11-03 11:00+07'
from certificate c
where c.number = 'KRJ.1025.00070.2025';

-- Lapas Gintung: a week of sewing, 180 minutes a day, for four people.
create temporary table seed_sewing (day date, batch_id uuid) on commit drop;
insert into seed_sewing (day, batch_id)
select d::date, gen_random_uuid() from generate_series(date '2025-10-06', date '2025-10-10', interval '1 day') as d;

create temporary table seed_sewing_attendance (inmate_id uuid, day date, batch_id uuid) on commit drop;
insert into seed_sewing_attendance (inmate_id, day, batch_id)
select i.id, s.day, s.batch_id
from seed_sewing s
join inmate i on i.facility_code = 'lapas-gintung' and i.registration_number in ('GTG-0001', 'GTG-0002', 'GTG-0004', 'GTG-0006')
where i.detention_date <= s.day;

insert into training_batch (id, facility_code, source, entry_count, recorded_by, recorded_at)
select s.batch_id, 'lapas-gintung', 'session', count(*), 'seed', (s.day + time '14:00') at time zone 'Asia/Jakarta'
from seed_sewing s join seed_sewing_attendance a on a.batch_id = s.batch_id
group by s.batch_id, s.day;

insert into training_entry (id, inmate_id, programme_id, day, minutes, note, batch_id, recorded_by, recorded_at)
select gen_random_uuid(), a.inmate_id, p.id, a.day, 180, 'Menjahit dasar: pola dan mesin jahit', a.batch_id, 'seed', (a.day + time '14:00') at time zone 'Asia/Jakarta'
from seed_sewing_attendance a
join programme p on p.facility_code = 'lapas-gintung' and p.code = 'menjahit';
