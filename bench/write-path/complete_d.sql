-- Variants d and d2: a completion moves the row from the hot table into jobs_done, in one statement.
WITH c AS MATERIALIZED (SELECT id, owner, attempts AS attempt, started_at FROM jobs WHERE id > (SELECT coalesce(max(job_id), 0) FROM attempts) ORDER BY id LIMIT 250),
moved AS (DELETE FROM jobs USING c WHERE jobs.id = c.id AND jobs.state || '' = 'running' AND jobs.owner = c.owner AND jobs.attempts = c.attempt RETURNING jobs.*),
hist AS (INSERT INTO jobs_done (id, task, queue, priority, args, kwargs, dedup_key, state, due_at, created_at, attempts, max_attempts, timeout_ms,
           owner, lease_ms, started_at, finished_at, last_outcome, last_error, cancel_requested, schedule_name, fire_at, fire_cell, expires_at)
         SELECT id, task, queue, priority, args, kwargs, dedup_key, 'succeeded', due_at, created_at, attempts, max_attempts, timeout_ms,
           owner, lease_ms, started_at, now(), 'succeeded', NULL, cancel_requested, schedule_name, fire_at, fire_cell, expires_at FROM moved RETURNING id)
INSERT INTO attempts (job_id, number, owner, started_at, finished_at, outcome, output_truncated)
SELECT c.id, c.attempt, c.owner, c.started_at, now(), 'succeeded', false FROM c JOIN hist ON hist.id = c.id;
