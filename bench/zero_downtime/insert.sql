-- pgbench: a new account, with a unique e-mail and an existing customer. -D customers=N
\set cid random(1, :customers)
INSERT INTO accounts (id, customer_id, balance, email, status)
SELECT n.id, :cid, 0, 'user' || n.id || '@example.com', 'active'
FROM (SELECT nextval('accounts_id_seq') AS id) AS n;
