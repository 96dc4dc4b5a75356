-- Matrix schedules: a schedule's jobs are keyed by (schedule, fire time, cell), the cell being the job's matrix
-- combination as JSON with sorted keys ('' for a schedule without a matrix, and for jobs of no schedule). NOT NULL
-- on purpose: NULLs never collide in a unique key, so a NULL cell would let two nodes both create a fire's job.
-- The key leads with (schedule_name, fire_cell) so "the latest job of this cell" (skipIfPending) reads one entry.
-- schedules.matrix is the matrix as JSON (NULL: none).
-- Outcome rules: a task's rules as JSON; an attempt an outcome rule reclassified keeps what was reported
-- (reported_outcome) and the index of the rule (outcome_rule), both NULL when the reported outcome stands.
-- Expiry: a job not started by expires_at (due time + expiresAfter) is never claimed and ends 'expired'; the
-- sweep reads the scheduled jobs that can expire off a partial index.
ALTER TABLE jobs ADD COLUMN fire_cell varchar(1000) NOT NULL DEFAULT '';
DROP INDEX jobs_schedule_fire_uk;
CREATE UNIQUE INDEX jobs_schedule_fire_uk ON jobs (schedule_name, fire_cell, fire_at) WHERE schedule_name IS NOT NULL;
ALTER TABLE jobs ADD COLUMN expires_at timestamptz;
CREATE INDEX jobs_expiry_ix ON jobs (expires_at) WHERE state = 'scheduled' AND expires_at IS NOT NULL;
ALTER TABLE attempts ADD COLUMN reported_outcome varchar(16);
ALTER TABLE attempts ADD COLUMN outcome_rule integer;
ALTER TABLE schedules ADD COLUMN matrix text;
ALTER TABLE schedules ADD COLUMN expires_after_ms bigint;
ALTER TABLE hourglass_task_definitions ADD COLUMN outcome_rules text;
ALTER TABLE hourglass_task_definitions ADD COLUMN expires_after_ms bigint;
