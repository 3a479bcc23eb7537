package dev.ticketing.bench;

import java.util.List;

/**
 * The tables of the one-transaction baseline, shaped like the ones the purchase writes in our services
 * (tickets V1__listings.sql, orders V1__orders.sql, payments V1__payments.sql): same columns, checks, foreign keys
 * and indexes, since each index is a write too. Only what a purchase touches is here.
 */
final class BaselineSchema {

    static final List<String> STATEMENTS = List.of(
            """
            create table listings (
                id uuid primary key, seller_id text not null,
                title text not null check (length(title) between 1 and 200), description text,
                price numeric(12,2) not null check (price > 0), quantity int not null check (quantity >= 1),
                reserved int not null default 0, sold int not null default 0, version bigint not null default 0,
                created_at timestamptz not null, updated_at timestamptz not null,
                constraint listings_stock check (reserved >= 0 and sold >= 0 and reserved + sold <= quantity))""",
            "create index listings_by_creation on listings (created_at, id)",
            "create index listings_by_seller on listings (seller_id, created_at, id)",
            """
            create table orders (
                id uuid primary key, user_id text not null, ticket_id uuid not null references listings (id),
                seller_id text not null, quantity int not null check (quantity between 1 and 100),
                unit_price numeric(12,2) not null, total numeric(14,2) not null,
                status text not null check (status in ('created', 'paid', 'complete', 'cancelled')),
                outcome text check (outcome in ('SUCCESS', 'EXPIRED', 'CANCELLED', 'INSUFFICIENT_FUND',
                    'INSUFFICIENT_INVENTORY', 'TIMEOUT', 'UNKNOWN', 'DELIVERY_FAILED')),
                expires_at timestamptz not null, created_at timestamptz not null, updated_at timestamptz not null,
                version bigint not null, reserve_confirmed boolean not null default false,
                reserve_deadline timestamptz not null, delivery_deadline timestamptz, units_held boolean not null,
                payment_id text, fault_injection text, crash_done boolean not null default false,
                constraint orders_outcome_when_final check ((status in ('complete', 'cancelled')) = (outcome is not null)))""",
            "create index orders_by_user on orders (user_id, created_at desc, id desc)",
            "create index orders_unpaid_by_user on orders (user_id) where status = 'created'",
            "create index orders_reserve_due on orders (reserve_deadline) where status = 'created' and not reserve_confirmed",
            "create index orders_delivery_due on orders (delivery_deadline) where status = 'paid'",
            """
            create table wallets (
                user_id text primary key, balance numeric(14,2) not null check (balance >= 0),
                version bigint not null default 0, created_at timestamptz not null)""",
            """
            create table ledger (
                id uuid primary key, seq bigint generated always as identity,
                user_id text not null references wallets (user_id), order_id text,
                kind text not null check (kind in ('GRANT', 'DEBIT', 'REFUND', 'SALE')),
                amount numeric(14,2) not null, at timestamptz not null)""",
            "create index ledger_user_at on ledger (user_id, at desc)",
            "create unique index ledger_one_grant on ledger (user_id) where kind = 'GRANT'",
            """
            create table payments (
                id uuid primary key, order_id text not null, user_id text not null, amount numeric(14,2) not null,
                status text not null check (status in ('CAPTURED', 'REFUNDED')), created_at timestamptz not null,
                refunded_at timestamptz)""",
            "create unique index payments_one_capture on payments (order_id) where status = 'CAPTURED'",
            "create index payments_order on payments (order_id)",
            """
            create table e_tickets (
                code text primary key, listing_id uuid not null references listings (id), order_id uuid not null,
                buyer_id text not null, issued_at timestamptz not null, revoked_at timestamptz)""",
            "create index e_tickets_by_buyer on e_tickets (buyer_id, issued_at, code)",
            "create index e_tickets_by_order on e_tickets (order_id)");

    private BaselineSchema() {}
}
