-- Fills before.sql's tables. psql variables: rows, customers (checked integers,
-- used only as quoted literals).
\set ON_ERROR_STOP on
INSERT INTO customers (id, name)
SELECT g, 'customer ' || g FROM generate_series(1, :'customers'::bigint) AS g;

INSERT INTO accounts (id, customer_id, balance, email, status)
SELECT g,
       1 + g % :'customers'::bigint,
       (g * 7919) % 100000,
       'user' || g || '@example.com',
       CASE WHEN g % 10 = 0 THEN 'closed' ELSE 'active' END
FROM generate_series(1, :'rows'::bigint) AS g;

SELECT setval('accounts_id_seq', :'rows'::bigint);
VACUUM (ANALYZE) customers;
VACUUM (ANALYZE) accounts;
