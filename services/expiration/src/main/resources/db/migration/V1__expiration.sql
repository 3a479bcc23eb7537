-- The timers: db-scheduler's table for PostgreSQL (as documented for db-scheduler 16.x). One row per pending
-- timer, task_name 'order-expiration', task_instance = the order id; db-scheduler deletes it once it has run.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);

create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- Orders whose ORDER.cancelled was applied: an ORDER.created that arrives later (or a timer that was already
-- running) must not expire them.
create table cancelled_orders (
    order_id     text primary key,
    cancelled_at timestamptz not null
);

-- Timers that fired: written in the same transaction as the EXPIRATION.complete outbox row, so a timer that
-- db-scheduler runs again (its completion was lost in a crash) publishes nothing the second time.
create table expirations (
    order_id text primary key,
    fired_at timestamptz not null
);
