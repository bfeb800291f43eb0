-- The same change done the naive way: plain DDL, one statement per transaction
-- (psql's autocommit), no timeouts. zero_downtime.sh runs the statements one at a
-- time, in this order, separated by the `-- step:` lines.
-- step: ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid()  (table rewrite)
ALTER TABLE accounts ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
-- step: CREATE UNIQUE INDEX accounts_email_key
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);
-- step: ADD FOREIGN KEY accounts_customer_id_fkey
ALTER TABLE accounts ADD CONSTRAINT accounts_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id);
-- step: ALTER status SET NOT NULL
ALTER TABLE accounts ALTER COLUMN status SET NOT NULL;
