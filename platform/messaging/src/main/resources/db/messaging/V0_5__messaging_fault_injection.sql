-- Fault injection (docs/decisions/0017), written only where ticketing.faults-enabled is true: test deployments.

-- The plan an order came with (its X-Fault-Injection value), for its steps and events that do not carry it.
create table messaging_fault_plans (
    order_id      text        primary key,
    plan          text        not null,
    remembered_at timestamptz not null default now()
);

-- An injected crash that happened: inserted in the crashing step's transaction, so that the crash fires once per
-- (order, step), after the step committed, and the step then succeeds when it is run again.
create table messaging_fault_crashes (
    order_id   text        not null,
    step       text        not null,
    crashed_at timestamptz not null default now(),
    primary key (order_id, step)
);
