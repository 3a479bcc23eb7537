-- Events a consumer has already applied: inserted in the handler's transaction, so a redelivery is skipped.
create table messaging_inbox (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

create index messaging_inbox_processed_at on messaging_inbox (processed_at);
