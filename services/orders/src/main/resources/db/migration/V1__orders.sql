-- The listings as the tickets service publishes them (TICKET.created / TICKET.updated, versioned), with counters
-- of our own: `reserved` and `sold` are moved only by orders, atomically with its orders, so that creating an
-- order can refuse at once when units run out. They are not checked against `quantity`: a seller may lower
-- the quantity while our reservations are still on their way to tickets, which then rejects them.
create table listing_replica (
    id        uuid          primary key,
    seller_id text          not null,
    title     text          not null,
    price     numeric(12,2) not null,
    quantity  int           not null,
    reserved  int           not null default 0,
    sold      int           not null default 0,
    version   bigint        not null,
    constraint listing_replica_counters check (reserved >= 0 and sold >= 0)
);

-- One buyer's order of `quantity` units of a listing, and the state of its saga (docs/saga.md).
create table orders (
    id                uuid          primary key,
    user_id           text          not null,
    ticket_id         uuid          not null references listing_replica (id),
    seller_id         text          not null,
    quantity          int           not null check (quantity between 1 and 100),
    unit_price        numeric(12,2) not null,
    total             numeric(14,2) not null,
    status            text          not null check (status in ('created', 'paid', 'complete', 'cancelled')),
    outcome           text          check (outcome in ('SUCCESS', 'EXPIRED', 'CANCELLED', 'INSUFFICIENT_FUND',
                                                       'INSUFFICIENT_INVENTORY', 'TIMEOUT', 'UNKNOWN',
                                                       'DELIVERY_FAILED')),
    expires_at        timestamptz   not null,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    version           bigint        not null,
    reserve_confirmed boolean       not null default false,
    reserve_deadline  timestamptz   not null,
    delivery_deadline timestamptz,
    -- true while this order's units are counted in listing_replica.reserved (released or sold exactly once)
    units_held        boolean       not null,
    payment_id        text,
    fault_injection   text,
    crash_done        boolean       not null default false,
    -- every final state has an outcome, and only final states have one
    constraint orders_outcome_when_final check ((status in ('complete', 'cancelled')) = (outcome is not null))
);

-- a buyer's orders, newest first (keyset pagination)
create index orders_by_user on orders (user_id, created_at desc, id desc);
-- "at most N unpaid orders" counts these
create index orders_unpaid_by_user on orders (user_id) where status = 'created';
-- the deadline sweeper's two queries
create index orders_reserve_due on orders (reserve_deadline) where status = 'created' and not reserve_confirmed;
create index orders_delivery_due on orders (delivery_deadline) where status = 'paid';

-- Every step the saga took for an order, including rejected (illegal) and ignored ones.
create table order_timeline (
    id       bigserial   primary key,
    order_id uuid        not null references orders (id),
    at       timestamptz not null,
    step     text        not null,
    service  text        not null,
    detail   text        not null
);

create index order_timeline_by_order on order_timeline (order_id, at, id);

-- Responses of POST /api/orders by Idempotency-Key, per buyer: a retry with the same key and body gets the first
-- response, a different body is refused.
create table idempotency_keys (
    user_id      text        not null,
    key          text        not null,
    request_hash text        not null,
    status       int         not null,
    body         text        not null,
    created_at   timestamptz not null,
    primary key (user_id, key)
);
