-- Signin attempts also count per client address (password spraying across many emails, Argon2 floods with
-- random emails). One row is one attempt, counted under its email and under its address; rows from before this
-- migration have no address and count for their email only.
alter table signin_attempts add column address_key text;
create index signin_attempts_address on signin_attempts (address_key, attempted_at);
