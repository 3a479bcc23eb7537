-- Orders' own expiry check (DeadlineSweeper): unpaid orders by the end of their reservation window.
create index orders_expiry_due on orders (expires_at) where status = 'created';
