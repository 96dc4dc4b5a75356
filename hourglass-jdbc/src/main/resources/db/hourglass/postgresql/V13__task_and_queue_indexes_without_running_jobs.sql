-- A claim turns a scheduled job into a running one; state is in the partial indexes' predicates, so the update is
-- never HOT and writes a new entry into every index whose predicate the running row matches. The task and queue
-- indexes held running jobs only for reads that the owner index (which holds exactly the running jobs) serves as
-- well: the reads of running jobs by task or queue name state = 'running' as a literal and filter the few running
-- rows. Without them a claim writes 5 WAL records per job instead of 7 (20 per job's life instead of 24). Every
-- read of these indexes names its states as literals (a bound state proves nothing to the planner, so a generic
-- plan could not use a partial index). Measured in docs/benchmarks.md (issue 11). Numbered past H2's V12 so that a
-- version number means one change on both databases.
DROP INDEX jobs_task_ix;
CREATE INDEX jobs_task_ix ON jobs (task, state, id) WHERE state <> 'running';
DROP INDEX jobs_queue_ix;
CREATE INDEX jobs_queue_ix ON jobs (queue, state, id) WHERE state <> 'running';
