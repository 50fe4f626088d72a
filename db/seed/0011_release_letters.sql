-- Demo data: who signs a release file. The officers' profiles (name and NIP, keyed by the demo sign-in subjects of
-- src/Ledger.Web/SignIn/DemoUsers.cs) and the head of Lapas Cirebon. Every name and NIP here is invented.
insert into staff_profile (user_sub, full_name, nip) values
  ('wali-cirebon',     'Rina Marlina, S.Sos.',       '198604122010122003'),
  ('bimker-cirebon',   'Dedi Nugroho, A.Md.',        '199001052014031002'),
  ('finance-cirebon',  'Sri Wahyuni, S.E.',          '198811202012122001'),
  ('finance2-cirebon', 'Agus Prasetyo, S.E.',        '198707072011011004'),
  ('admin-jabar',      'Wawan Sutrisna, S.Kom.',     '198502142009121001');

update facility
   set settings = settings || '{"headName": "Drs. Hendrik Saputra, M.Si.", "headNip": "197503081998031002"}'::jsonb
 where code = 'lapas-cirebon';
