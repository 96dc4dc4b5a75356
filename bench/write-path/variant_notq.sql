-- Without the task and queue indexes: the floor for one table, not a proposal (the lists need them).
DROP INDEX jobs_task_ix; DROP INDEX jobs_queue_ix;
