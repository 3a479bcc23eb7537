-- The trace of each order with a pending timer (the W3C traceparent its ORDER.created came with): the timer fires
-- in that trace, so an expiry is part of the order's story (decision 60). Deleted when the timer fires or is dropped.
create table order_traces (
    order_id    text primary key,
    traceparent text not null
);
