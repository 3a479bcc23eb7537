-- The trace an order's timer fires in is now the timer's own data (scheduled_tasks.task_data, the traceparent as
-- UTF-8): written with the timer and gone with it, with no row of its own to insert and delete for every order.
-- Timers scheduled before this fire without their trace.
drop table order_traces;
