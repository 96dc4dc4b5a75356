-- The task and queue indexes on finished jobs only: written once per job, by the completion (as on d2's history
-- table), never by the insert or the claim. Unfinished jobs by task or queue are then read off the claim index
-- (scheduled) or the owner index (running) with a filter.
DROP INDEX jobs_task_ix; DROP INDEX jobs_queue_ix;
CREATE INDEX jobs_task_ix ON jobs (task, state, id) WHERE state IN ('succeeded', 'failed', 'cancelled', 'expired');
CREATE INDEX jobs_queue_ix ON jobs (queue, state, id) WHERE state IN ('succeeded', 'failed', 'cancelled', 'expired');
