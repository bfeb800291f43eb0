-- Backfill throughput reference: the whole column filled by one plain UPDATE.
\set ON_ERROR_STOP on
ALTER TABLE accounts ADD COLUMN token2 uuid;
\timing on
UPDATE accounts SET token2 = gen_random_uuid();
