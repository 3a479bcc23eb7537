-- Messages that failed too often: the operator's interface (docs/development.md).
create table messaging_dead_letter (
    id                  uuid primary key,
    consumer            text        not null,
    subject             text        not null,
    event_id            uuid        not null,
    payload             text        not null,
    headers             jsonb       not null,
    error               text        not null,
    deliveries          int         not null,
    parked_at           timestamptz not null,
    replay_requested_at timestamptz,
    replayed_at         timestamptz
);

-- One parked row per consumer and event, even if the final acknowledgement is lost and it is parked again.
create unique index messaging_dead_letter_consumer_event on messaging_dead_letter (consumer, event_id);
create index messaging_dead_letter_replay on messaging_dead_letter (replay_requested_at)
    where replay_requested_at is not null and replayed_at is null;
