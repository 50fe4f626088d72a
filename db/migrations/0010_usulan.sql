-- Usulan: a person's application for a release right (asimilasi, pembebasan bersyarat, cuti bersyarat, cuti
-- menjelang bebas) and its way through the TPP to a decree. Every step is a row appended to usulan_event, never
-- updated or deleted: drafted, sent to the TPP (on a day), decree received (SK number and day), refused (day,
-- reason). The state of an application is its latest row; which step may follow which is checked by
-- Ledger.Core's UsulanRules before the insert. `application` counts a person's applications for one right
-- (a new one starts after a decree or a refusal); `seq` orders every row of that person and right, and its
-- uniqueness keeps two writers from both appending the "next" step.
-- Forward-only: never edit a migration that has shipped; add the next number instead.
create table usulan_event (
  id             uuid primary key,
  inmate_id      uuid not null references inmate (id),
  facility_code  text not null references facility (code),
  right_kind     text not null check (right_kind in ('asimilasi', 'pembebasan-bersyarat', 'cuti-bersyarat', 'cuti-menjelang-bebas')),
  application    int not null check (application > 0),
  seq            int not null check (seq > 0),
  state          text not null check (state in ('drafted', 'sent', 'decreed', 'refused')),
  happened_on    date not null,
  decree_number  text check (decree_number is null or (length(trim(decree_number)) > 0 and length(decree_number) <= 100)),
  reason         text check (reason is null or (length(trim(reason)) > 0 and length(reason) <= 500)),
  recorded_by    text not null,
  recorded_at    timestamptz not null,
  unique (inmate_id, right_kind, seq),
  -- A decree has its number, a refusal its reason, and no other step has either.
  check ((state = 'decreed') = (decree_number is not null)),
  check ((state = 'refused') = (reason is not null))
);
create index usulan_event_by_facility on usulan_event (facility_code, inmate_id);

grant select, insert on usulan_event to ledger_runtime;

create trigger usulan_event_no_truncate before truncate on usulan_event for each statement execute function refuse_truncate();

create function usulan_event_is_history() returns trigger language plpgsql as $$
begin
  raise exception 'usulan_event is history: a step is never updated or deleted' using errcode = 'P0001';
end;
$$;
create trigger usulan_event_append_only before update or delete on usulan_event
  for each row execute function usulan_event_is_history();
