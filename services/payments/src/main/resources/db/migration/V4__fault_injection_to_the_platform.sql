-- Fault injection is one platform seam (docs/decisions/0017): an order's plan and the record of its injected crash
-- live in the platform's tables (V0_5 of db/messaging), not in the replica. Moved there, then dropped here.
insert into messaging_fault_plans (order_id, plan)
select id, fault_injection from orders where fault_injection is not null
on conflict (order_id) do nothing;

insert into messaging_fault_crashes (order_id, step, crashed_at)
select order_id, step, crashed_at from fault_crashes
on conflict (order_id, step) do nothing;

alter table orders drop column fault_injection;
drop table fault_crashes;
