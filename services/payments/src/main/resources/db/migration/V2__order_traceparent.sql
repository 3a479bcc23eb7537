-- The trace of the order (the W3C traceparent its ORDER.created came with): a payment continues it, so that the
-- purchase saga is one trace from the buyer's POST /api/orders (decision 60). Null for orders replicated before.
alter table orders add column traceparent text;
