-- The release file fit to sign: who signs it and under which letter number.
--
-- staff_profile: an officer's name and NIP as printed in a signature block, keyed by the sign-in subject (the
-- identity provider knows the name but not the NIP). A profile is state: it may be corrected.
-- release_letter_sequence: per Lapas and year, the last letter number given; the running number restarts at 1 each
-- year. A counter is state: the one UPDATE is "last_number + 1", under the row's lock, so two prints never share a
-- number.
-- release_letter: one row per printing of a release file, with everything the printout showed in its signature
-- blocks (officer, head of the Lapas), so a reprint of the same letter shows the same names. History: never changed.
-- Forward-only: never edit a migration that has shipped; add the next number instead.
create table staff_profile (
  user_sub    text primary key check (length(trim(user_sub)) > 0),
  full_name   text not null check (length(trim(full_name)) > 0 and length(full_name) <= 200),
  nip         text not null check (nip ~ '^[0-9]{18}$')
);

create table release_letter_sequence (
  facility_code  text not null references facility (code),
  year           int not null check (year between 2000 and 2999),
  last_number    int not null check (last_number > 0),
  primary key (facility_code, year)
);

create table release_letter (
  id             uuid primary key,
  facility_code  text not null references facility (code),
  inmate_id      uuid not null references inmate (id),
  year           int not null,
  number         int not null check (number > 0),
  letter_number  text not null check (length(trim(letter_number)) > 0),
  printed_on     date not null,
  printed_by     text not null,
  officer_name   text not null,
  officer_nip    text,
  head_name      text,
  head_nip       text,
  created_at     timestamptz not null,
  unique (facility_code, year, number)
);
create index release_letter_by_inmate on release_letter (inmate_id, created_at);

grant select, insert on staff_profile, release_letter_sequence, release_letter to ledger_runtime;
grant update (full_name, nip) on staff_profile to ledger_runtime;                                  -- a corrected profile
grant update (last_number) on release_letter_sequence to ledger_runtime;                           -- the next number

create trigger staff_profile_no_truncate before truncate on staff_profile for each statement execute function refuse_truncate();
create trigger release_letter_sequence_no_truncate before truncate on release_letter_sequence for each statement execute function refuse_truncate();
create trigger release_letter_no_truncate before truncate on release_letter for each statement execute function refuse_truncate();
create trigger release_letter_append_only before update or delete on release_letter
  for each row execute function refuse_change();
