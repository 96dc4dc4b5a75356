-- A completion of 250 running jobs and their attempt rows in one statement, as PostgresCompletions sends it
-- (the batch is the 250 lowest ids not yet completed, so no sort of the running jobs is measured).
WITH c AS MATERIALIZED (SELECT id, owner, attempts AS attempt, started_at FROM jobs WHERE id > (SELECT coalesce(max(job_id), 0) FROM attempts) ORDER BY id LIMIT 250),
done AS (UPDATE jobs SET state = 'succeeded', owner = jobs.owner, lease_until = NULL, finished_at = now(), dedup_active = NULL,
                last_outcome = 'succeeded', last_error = NULL
           FROM c WHERE jobs.id = c.id AND jobs.state || '' = 'running' AND jobs.owner = c.owner AND jobs.attempts = c.attempt RETURNING jobs.id)
INSERT INTO attempts (job_id, number, owner, started_at, finished_at, outcome, output_truncated)
SELECT c.id, c.attempt, c.owner, c.started_at, now(), 'succeeded', false FROM c JOIN done ON done.id = c.id;
