-- A hot table of unfinished jobs and an insert-only history with today's list indexes on both; complete_d.sql moves a row.
DROP INDEX jobs_finished_ix;
CREATE TABLE jobs_done (LIKE jobs INCLUDING DEFAULTS);
ALTER TABLE jobs_done ADD PRIMARY KEY (id);
CREATE INDEX jobs_done_task_ix ON jobs_done (task, state, id);
CREATE INDEX jobs_done_queue_ix ON jobs_done (queue, state, id);
CREATE INDEX jobs_done_finished_ix ON jobs_done (finished_at);
CREATE INDEX jobs_done_dedup_key_ix ON jobs_done (dedup_key) WHERE dedup_key IS NOT NULL;
