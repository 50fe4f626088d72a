-- A work order belongs to a programme of its own facility (0003 kept only the code, written before the
-- programme table of 0002 was there to refer to).
alter table work_order
  add constraint work_order_programme_fk foreign key (facility_code, programme_code) references programme (facility_code, code);
