-- The relay leases the rows it is publishing instead of holding their row locks (and a database connection)
-- while it waits for JetStream's acknowledgements. A lease that runs out (the relay died) frees the rows again.
alter table messaging_outbox add column claimed_until timestamptz;
