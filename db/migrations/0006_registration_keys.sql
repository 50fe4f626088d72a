-- Registration numbers are stored in their normal form only (docs/operations.md, "Keys and text"): ASCII letters
-- A-Z in upper case, digits, '.', '-', '/', single spaces between them, at most 50 characters. The API normalises
-- every number before it stores or compares one (Ledger.Core.Input.RegistrationNumber); the CHECK below makes the
-- database refuse anything else, so the unique constraint inmate_registration_unique (facility_code,
-- registration_number) is on the normal form: crb-0012, CRB‐0012 and CRB-００１２ can no longer sit next to CRB-0012.
-- This migration creates no table and needs no grant.

-- 1. Existing numbers are brought to the normal form the way the API does it: format characters (zero-width
--    spaces and joiners, bidi controls, soft hyphen, BOM) removed, NFKC, the Unicode dashes as '-', runs of spaces
--    as one, trimmed, upper case. Numbers that would then collide, or that hold a character outside the set, stop
--    the migration with a message naming them: which person a look-alike number belongs to is for an operator to
--    decide (merge or renumber), not for a migration to guess.
create temporary table registration_normal on commit drop as
select i.id, i.facility_code, i.registration_number as original,
       upper(btrim(regexp_replace(
         translate(
           normalize(regexp_replace(i.registration_number,
             '[\u00AD\u0600-\u0605\u061C\u06DD\u070F\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]', '', 'g'), NFKC),
           U&'\2010\2011\2012\2013\2014\2015\2212\FE58\FE63\FF0D', '----------'),
         '[[:space:]]+', ' ', 'g'))) as normal
from inmate i;

do $$
declare
  problems text;
begin
  select string_agg(format('%s: %s', facility_code, numbers), '; ') into problems
  from (
    select facility_code, normal, string_agg(format('%L (id %s)', original, id), ' and ' order by original) as numbers
    from registration_normal group by facility_code, normal having count(*) > 1
  ) collisions;
  if problems is not null then
    raise exception 'registration numbers that are the same once normalised: %; merge or renumber them, then migrate again', problems;
  end if;

  select string_agg(format('%s: %L (id %s)', facility_code, original, id), '; ') into problems
  from registration_normal
  where not (normal collate "C" ~ '^[0-9A-Z./-]+( [0-9A-Z./-]+)*$' and length(normal) <= 50);
  if problems is not null then
    raise exception 'registration numbers with characters outside A-Z, 0-9, ''.'', ''-'', ''/'' and space, or longer than 50: %; correct them, then migrate again', problems;
  end if;
end $$;

update inmate i set registration_number = n.normal
from registration_normal n
where n.id = i.id and i.registration_number <> n.normal;

-- 2. Only the normal form can be stored from now on. The pattern is ASCII only, which is its own NFKC and upper-case
--    form; collate "C" keeps the ranges to code points whatever the database's collation.
alter table inmate add constraint inmate_registration_normal check (
  registration_number collate "C" ~ '^[0-9A-Z./-]+( [0-9A-Z./-]+)*$' and length(registration_number) <= 50);
