-- Registry import (SDP): a person's identity and sentence may be corrected, but never silently.
--
-- inmate_correction is the history of every such correction: which field, the value before and after, where it came
-- from (today only 'registry-import'), which import, who and when. It is append-only like every ledger table. The
-- runtime role may now update the corrected columns of inmate, and a trigger refuses any change of them unless a
-- correction row of that person and that field was inserted in the same transaction (txid, set by the database on
-- insert, so a writer cannot claim another transaction's row). The owner is held to the same rule.
-- Forward-only: never edit a migration that has shipped; add the next number instead.
create table inmate_correction (
  id           uuid primary key,
  inmate_id    uuid not null references inmate (id),
  field        text not null check (field in ('fullName', 'birthDate', 'detentionDate', 'sentence', 'sentenceKind')),
  before       text,
  after        text,
  source       text not null check (source in ('registry-import')),
  import_id    uuid not null,
  recorded_by  text not null,
  recorded_at  timestamptz not null,
  txid         bigint not null
);
create index inmate_correction_inmate on inmate_correction (inmate_id, txid);

grant select, insert on inmate_correction to ledger_runtime;
grant update (full_name, birth_date, detention_date, sentence_years, sentence_months, sentence_days, sentence_kind) on inmate to ledger_runtime;

create trigger inmate_correction_no_truncate before truncate on inmate_correction for each statement execute function refuse_truncate();
create trigger inmate_correction_append_only before update or delete on inmate_correction
  for each row execute function refuse_change();

-- The transaction of a correction is the database's to write, whatever the insert says.
create function inmate_correction_stamp() returns trigger language plpgsql as $$
begin
  new.txid := txid_current();
  return new;
end;
$$;
create trigger inmate_correction_stamped before insert on inmate_correction
  for each row execute function inmate_correction_stamp();

-- A changed name, birth date, detention date, sentence or sentence kind needs its correction row, of this transaction.
create function inmate_corrected_only() returns trigger language plpgsql as $$
declare
  corrected text;
begin
  foreach corrected in array array['fullName', 'birthDate', 'detentionDate', 'sentence', 'sentenceKind'] loop
    if (case corrected
          when 'fullName' then new.full_name is distinct from old.full_name
          when 'birthDate' then new.birth_date is distinct from old.birth_date
          when 'detentionDate' then new.detention_date is distinct from old.detention_date
          when 'sentence' then (new.sentence_years, new.sentence_months, new.sentence_days)
                               is distinct from (old.sentence_years, old.sentence_months, old.sentence_days)
          else new.sentence_kind is distinct from old.sentence_kind
        end)
       and not exists (select 1 from public.inmate_correction c
                       where c.inmate_id = old.id and c.field = corrected and c.txid = txid_current()) then
      raise exception 'inmate %: % changes only with its inmate_correction row, in the same transaction', old.id, corrected using errcode = 'P0001';
    end if;
  end loop;
  return new;
end;
$$;
create trigger inmate_corrected_only before update of full_name, birth_date, detention_date, sentence_years, sentence_months, sentence_days, sentence_kind
  on inmate for each row execute function inmate_corrected_only();

-- What a registry import changed for this person, e.g. "fullName,sentence,remisi+2"; null for every other row.
alter table audit_log add column detail text;
