-- The answers kept under Idempotency-Keys are read and written by platform-idempotency, which both orders and payments
-- use, in one shape (decision 16): a row is inserted whole, with its answer, in the transaction of the payment it
-- answers. Payments used to insert the row first, as the claim, and fill in the answer before the commit, so its
-- answer columns allowed null. A committed row always had its answer; one without could never be replayed, so any
-- such row is dropped (a retry is then decided afresh) before the columns are required.
delete from idempotency_keys where response_status is null or response_body is null;
alter table idempotency_keys alter column response_status set not null;
alter table idempotency_keys alter column response_body set not null;
