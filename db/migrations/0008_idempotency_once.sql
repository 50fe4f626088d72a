-- An idempotency key stores its response once: the write that claimed the key completes it in the same transaction,
-- and a replay answers with that response. A later UPDATE could make a replay tell another story than the write
-- that happened, so the stored response, like the ledger, is never rewritten, and a key row is never deleted.
-- Forward-only: never edit a migration that has shipped; add the next number instead.
create function idempotency_key_complete_once() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'idempotency_key is never deleted' using errcode = 'P0001';
  end if;
  if old.status_code is not null or new.status_code is null or new.response_body is null
     or (new.user_sub, new.key, new.request_hash, new.created_at) is distinct from (old.user_sub, old.key, old.request_hash, old.created_at) then
    raise exception 'idempotency_key %: only completing an open key with its response, once, is allowed', old.key using errcode = 'P0001';
  end if;
  return new;
end;
$$;
create trigger idempotency_key_completes_once before update or delete on idempotency_key
  for each row execute function idempotency_key_complete_once();
