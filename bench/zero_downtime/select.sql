-- pgbench: point read by primary key. -D rows=N
\set id random(1, :rows)
SELECT id, customer_id, balance, email, status FROM accounts WHERE id = :id;
