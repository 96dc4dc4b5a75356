-- The task and queue indexes leave running jobs out: the claim writes neither.
DROP INDEX jobs_task_ix; DROP INDEX jobs_queue_ix;
CREATE INDEX jobs_task_ix ON jobs (task, state, id) WHERE state <> 'running';
CREATE INDEX jobs_queue_ix ON jobs (queue, state, id) WHERE state <> 'running';
