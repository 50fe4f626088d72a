-- Demo data: Kanwil Jawa Barat (region jawa-barat) and its Lapas. The warga binaan come next, from registry files
-- (0001_registry/<lapas>/*.csv) loaded through the registry import, as a Lapas moves in from SDP.

insert into facility (code, name, region, time_zone, created_at) values
  ('lapas-cirebon',    'Lapas Kelas I Cirebon',      'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-gintung',    'Lapas Kelas IIA Gintung',    'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-sumedang',   'Lapas Kelas IIB Sumedang',   'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-ciamis',     'Lapas Kelas IIB Ciamis',     'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-indramayu',  'Lapas Kelas IIB Indramayu',  'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-garut',      'Lapas Kelas IIB Garut',      'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-majalengka', 'Lapas Kelas IIB Majalengka', 'jawa-barat', 'Asia/Jakarta', now()),
  ('lapas-kuningan',   'Lapas Kelas IIA Kuningan',   'jawa-barat', 'Asia/Jakarta', now());
