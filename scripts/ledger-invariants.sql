-- The ledger's invariants, checked on a restored (or any) database: each line prints "what: N", and N is the number
-- of rows that break it, so every N must be 0. Run as a role that may read every table:
--   psql -qAtX -f scripts/ledger-invariants.sql
-- scripts/ops-check.sh runs it on the point-in-time restore.

-- Money: an account's balances are the sums of its entries, and its version is its number of entries.
select 'premi accounts whose balances are not the sum of their entries: ' || count(*)
from premi_account a
left join (select inmate_id, sum(spendable_change) as spendable, sum(savings_change) as savings, sum(earned_change) as earned, count(*) as entries
           from premi_entry group by inmate_id) e on e.inmate_id = a.inmate_id
where (a.spendable, a.savings, a.total_earned, a.version) is distinct from (coalesce(e.spendable, 0), coalesce(e.savings, 0), coalesce(e.earned, 0), coalesce(e.entries, 0));

-- Audit: every person registered has the audit row of the write that registered them.
select 'people without the audit row of their registration: ' || count(*)
from inmate i
where not exists (select 1 from audit_log l where l.subject_id = i.id::text and l.action in ('inmate.register', 'registry.import'));

-- Audit: every training import and premi run decided has its audit row.
select 'training batches without their audit row: ' || count(*)
from training_batch b
where not exists (select 1 from audit_log l where l.subject_id = b.id::text);
select 'premi runs without the audit row of their draft: ' || count(*)
from premi_run r
where not exists (select 1 from audit_log l where l.subject_id = r.id::text and l.action = 'premi-run.draft');

-- Kept values equal their recomputation from the ledger (docs/kept-values.md).
select 'person_programme_training rows that differ from the ledger: ' || count(*)
from ((select * from person_programme_training where minutes <> 0 except select * from person_programme_training_from_ledger where minutes <> 0)
      union all (select * from person_programme_training_from_ledger where minutes <> 0 except select * from person_programme_training where minutes <> 0)) d;
select 'daily_programme_total rows that differ from the ledger: ' || count(*)
from ((select * from daily_programme_total except select * from daily_programme_total_from_ledger)
      union all (select * from daily_programme_total_from_ledger except select * from daily_programme_total)) d;
