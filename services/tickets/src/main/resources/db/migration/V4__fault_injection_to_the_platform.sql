-- Fault injection is one platform seam (docs/decisions/0017): an order's plan and the record of its injected crashes
-- live in the platform's tables (V0_5 of db/messaging), not with the reservation. Moved there, then dropped here.
insert into messaging_fault_plans (order_id, plan)
select order_id::text, fault_injection from reservations where fault_injection is not null
on conflict (order_id) do nothing;

insert into messaging_fault_crashes (order_id, step, crashed_at)
select order_id::text, step, crashed_at from fault_crashes
on conflict (order_id, step) do nothing;

alter table reservations drop column fault_injection;
drop table fault_crashes;
