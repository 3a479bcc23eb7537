-- The answers kept under Idempotency-Keys are read and written by platform-idempotency, which both orders and payments
-- use, in one shape (decision 16). Orders named the answer's columns status and body; they are renamed to the names
-- payments used, and keep their rows: a retry of an order created before this migration still gets its 201.
alter table idempotency_keys rename column status to response_status;
alter table idempotency_keys rename column body to response_body;
