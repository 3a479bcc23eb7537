-- Events appended in the same transaction as the state change that caused them; the relay publishes them.
create table messaging_outbox (
    id               uuid primary key,
    subject          text        not null,
    aggregate_id     text        not null,
    aggregate_version bigint     not null,
    payload          text        not null,
    headers          jsonb       not null,
    created_at       timestamptz not null default clock_timestamp(),
    published_at     timestamptz
);

-- The relay only ever looks for unpublished rows: keep that lookup tiny whatever the table size.
create index messaging_outbox_unpublished on messaging_outbox (created_at) where published_at is null;
