-- Sampled with \watch while a migration runs: every session of database :'db'
-- waiting for a lock, and who holds it up. One line per (waiter, blocker), '|'-separated:
-- epoch_us|waiter_app|waiter_pid|wait_event|waited_ms|blocker_app|blocker_pid|blocker_query
SELECT (extract(epoch FROM now()) * 1000000)::bigint,  -- one value per sample
       coalesce(nullif(w.application_name, ''), w.backend_type), w.pid, w.wait_event,
       greatest(0, round(1000 * extract(epoch FROM now() - w.query_start)))::bigint,
       coalesce(nullif(b.application_name, ''), b.backend_type), b.pid,
       regexp_replace(left(b.query, 120), '\s+', ' ', 'g')
FROM pg_stat_activity AS w
CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocker(pid)
JOIN pg_stat_activity AS b ON b.pid = blocker.pid
WHERE w.datname = :'db' AND w.wait_event_type = 'Lock'
\watch 0.1
