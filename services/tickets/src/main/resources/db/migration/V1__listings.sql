-- A seller's listing of identical tickets and its stock counters. reserved/sold are moved by the order saga
-- (events); the check keeps every counter move honest whatever code path makes it.
create table listings (
    id          uuid          primary key,
    seller_id   text          not null,
    title       text          not null check (length(title) between 1 and 200),
    description text          check (length(description) <= 2000),
    price       numeric(12,2) not null check (price > 0),
    quantity    int           not null check (quantity between 1 and 10000),
    reserved    int           not null default 0,
    sold        int           not null default 0,
    version     bigint        not null default 0,
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null,
    constraint listings_stock check (reserved >= 0 and sold >= 0 and reserved + sold <= quantity)
);

-- keyset pagination of the public list and of a seller's own listings
create index listings_by_creation on listings (created_at, id);
create index listings_by_seller on listings (seller_id, created_at, id);

-- Units held for one order: HELD when ORDER.created reserves them, CONFIRMED once the order is accepted,
-- SOLD when paid and delivered, RELEASED when the order is cancelled or expires. One row per order.
create table reservations (
    order_id    uuid        primary key,
    listing_id  uuid        not null references listings (id),
    buyer_id    text        not null,
    quantity    int         not null check (quantity > 0),
    status      text        not null check (status in ('HELD', 'CONFIRMED', 'SOLD', 'RELEASED')),
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- "one pending order holding units" of a listing (its orderId in the API)
create index reservations_pending on reservations (listing_id, created_at) where status in ('HELD', 'CONFIRMED');

-- A delivered ticket: the code is the buyer's proof of purchase, so it is random and unguessable.
create table e_tickets (
    code        text        primary key,
    listing_id  uuid        not null references listings (id),
    order_id    uuid        not null,
    buyer_id    text        not null,
    issued_at   timestamptz not null,
    revoked_at  timestamptz
);

create index e_tickets_by_buyer on e_tickets (buyer_id, issued_at, code);
create index e_tickets_by_order on e_tickets (order_id);
