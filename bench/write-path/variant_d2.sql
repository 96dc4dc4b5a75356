-- As d, with the task and queue indexes on the history table only.
-- on top of variant_d.sql
DROP INDEX jobs_task_ix; DROP INDEX jobs_queue_ix;
