-- 1,000 jobs free of keys, due now (the insert path COPY takes; one statement here).
INSERT INTO jobs (task, queue, priority, args, kwargs, dedup_key, dedup_active, state, due_at, created_at, attempts, max_attempts, timeout_ms, fire_cell)
SELECT 'noop', 'default', 0, '[]', '{}', NULL, NULL, 'scheduled', now() - interval '1 s', now(), 0, 3, NULL, '' FROM generate_series(1, 1000);
