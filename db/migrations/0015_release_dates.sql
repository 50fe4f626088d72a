-- Kept release dates per person (issue 13, docs/kept-values.md "Release dates"): the dates of the sentence that
-- ReleaseCalculator works out from the file (expiry, adjusted expiry, the 1/2 and 2/3 dates), with where the person is
-- held and whether they were released. The release worklist picks its candidates from them with one index range
-- instead of evaluating everyone in the Lapas.
--
-- The dates are the calculator's (C#, the remisi walk of domain.md), so the C# code keeps them: KeptReleaseDates is
-- called in the same transaction by every write that changes what they read (registering a person, a remisi, a
-- transfer, a release, the registry import with its corrections). They depend on neither the day nor the facility's
-- settings nor register F, so no other write moves them. The statuses and the right's own dates do depend on the day
-- and on register F: they are computed on read, never stored.
--
-- SQL cannot fill them here: the `migrate` command (Migrator.MigrateAsync) computes them once when it applies this
-- migration to a database that already holds people; `rebuild-kept` does the same at any time (docs/kept-values.md).
-- Forward-only: never edit a migration that has shipped; add the next number instead.
create table inmate_release_dates (
  inmate_id        uuid primary key references inmate (id),
  facility_code    text not null references facility (code),
  released_on      date,
  -- Null for a life or death sentence (no expiry, no rights).
  expiry           date,
  adjusted_expiry  date,
  half_date        date,
  two_thirds_date  date,
  -- The earliest day the person can be on a release worklist: every event that puts someone on it (parole, cuti
  -- bersyarat, cuti menjelang bebas, all of which need 2/3 served; the expiry) falls on or after it, whatever the day
  -- and the register-F entries. Null when nothing ever will.
  listed_from      date generated always as (least(two_thirds_date, adjusted_expiry)) stored
);

-- The worklist's candidates: people held in one Lapas whose first possible event is on or before the horizon.
create index inmate_release_dates_worklist on inmate_release_dates (facility_code, listed_from) where released_on is null;

-- Kept values are state, not ledger: the running process writes and rewrites them, never deletes (a person is never
-- deleted; a release keeps the row with its day).
grant select, insert on inmate_release_dates to ledger_runtime;
grant update (facility_code, released_on, expiry, adjusted_expiry, half_date, two_thirds_date) on inmate_release_dates to ledger_runtime;

create trigger inmate_release_dates_no_truncate before truncate on inmate_release_dates for each statement execute function refuse_truncate();
