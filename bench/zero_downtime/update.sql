-- pgbench: balance update by primary key. -D rows=N
\set id random(1, :rows)
\set delta random(-500, 500)
UPDATE accounts SET balance = balance + :delta WHERE id = :id;
