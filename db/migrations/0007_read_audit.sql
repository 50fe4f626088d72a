-- Reads that return people (UU 27/2022): a list or search leaves one audit row naming the people it returned and the
-- search text it was asked for, beside the reader, the endpoint (action "read.<what>") and the facility.
-- Nullable: write rows and reads of one person's file (subject_id names them) leave both empty.
alter table audit_log add column people uuid[];
alter table audit_log add column search text;

comment on column audit_log.people is 'read.* rows: the ids of the people the read returned (empty array when it found no one)';
comment on column audit_log.search is 'read.* rows: the search text of a list request, when one was given';
