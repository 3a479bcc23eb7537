-- Money is conserved (product.md, invariant 2): a wallet's balance always equals the sum of its ledger rows.
-- Every balance change is one transaction that appends a ledger row and moves the balance with a guarded
-- "update ... set balance = balance + :amount where balance + :amount >= 0", never a read-modify-write.
create table wallets (
    user_id    text primary key,
    balance    numeric(14, 2) not null check (balance >= 0),
    version    bigint         not null default 0,
    created_at timestamptz    not null
);

-- Append-only. amount is signed: GRANT, REFUND and SALE add, DEBIT subtracts.
create table ledger (
    id       uuid primary key,
    seq      bigint generated always as identity, -- ties on "at" still list newest first
    user_id  text           not null references wallets (user_id),
    order_id text,
    kind     text           not null check (kind in ('GRANT', 'DEBIT', 'REFUND', 'SALE')),
    amount   numeric(14, 2) not null,
    at       timestamptz    not null
);
create index ledger_user_at on ledger (user_id, at desc);
-- The initial credits are granted once per user, whichever of USER.created or a first wallet use comes first.
create unique index ledger_one_grant on ledger (user_id) where kind = 'GRANT';

-- The orders service's orders as far as payments needs them, kept current by ORDER.* events (versioned).
create table orders (
    id              text primary key,
    user_id         text           not null,
    seller_id       text           not null,
    ticket_id       text           not null,
    quantity        int            not null,
    unit_price      numeric(14, 2) not null,
    total           numeric(14, 2) not null,
    status          text           not null check (status in ('created', 'paid', 'complete', 'cancelled')),
    expires_at      timestamptz    not null,
    version         bigint         not null,
    fault_injection text
);

create table payments (
    id          uuid primary key,
    order_id    text           not null,
    user_id     text           not null,
    amount      numeric(14, 2) not null,
    status      text           not null check (status in ('CAPTURED', 'REFUNDED')),
    created_at  timestamptz    not null,
    refunded_at timestamptz
);
-- At most one captured payment per order, whatever the number of concurrent requests and instances.
create unique index payments_one_capture on payments (order_id) where status = 'CAPTURED';
create index payments_order on payments (order_id);

-- The seller is credited exactly once per completed order.
create table seller_credits (
    order_id    text primary key,
    seller_id   text           not null,
    amount      numeric(14, 2) not null,
    credited_at timestamptz    not null
);
create index seller_credits_seller on seller_credits (seller_id, credited_at desc);

-- Idempotency-Key of POST /api/payments: the first answer, replayed for a retry with the same key and body.
create table idempotency_keys (
    user_id         text        not null,
    key             text        not null,
    request_hash    text        not null,
    response_status int,
    response_body   text,
    created_at      timestamptz not null,
    primary key (user_id, key)
);

-- Fault injection "payment=crash" fires once per order: recorded in the debit's transaction, before halting.
create table fault_crashes (
    order_id   text        not null,
    step       text        not null,
    crashed_at timestamptz not null,
    primary key (order_id, step)
);
