-- The observable effect of the test handlers: one row per key, incremented on every successful handling.
create table test_effect (
    key   text primary key,
    count int  not null
);
