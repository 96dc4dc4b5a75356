-- The jobs list reads newest first (ORDER BY id DESC) under filters. With the task and queue indexes ending in id,
-- a filter on task or queue (and state) walks its own index backward in list order and stops at the page size,
-- also when nothing matches; before, the planner walked the primary key through the whole history looking for
-- matches (seconds at a million jobs, none found). Same names, one more column.
DROP INDEX jobs_task_ix;
CREATE INDEX jobs_task_ix ON jobs (task, state, id);
DROP INDEX jobs_queue_ix;
CREATE INDEX jobs_queue_ix ON jobs (queue, state, id);
