-- Tasks defined at runtime (io.hourglass.task.TaskDefinition), shared by every node of a cluster. settings, retry and
-- ranker are JSON text written from explicit maps (see TaskDefinitionColumns), so renaming a Java field never
-- changes what is stored. version is the optimistic lock every save is fenced by (WHERE version = ?).
-- Durations are whole milliseconds.

CREATE TABLE hourglass_task_definitions (
    name             varchar(200) PRIMARY KEY,
    executor         varchar(200) NOT NULL,
    settings         text         NOT NULL,
    queue            varchar(200) NOT NULL,
    retry            text         NOT NULL,
    timeout_ms       bigint,
    ranker           text         NOT NULL,
    version          bigint       NOT NULL,
    created_at       timestamptz,
    updated_at       timestamptz
);

-- Deleting a task asks whether it still has a scheduled or running job. With state in the task index that is one
-- index probe, not a walk over the task's finished history (kept for 30 days by default). It costs no extra write:
-- every state change already writes a new entry into each index of the row (state is indexed elsewhere, so such
-- updates are never HOT). H2 keeps the plain task index: there an index whose key does not change is not written.
DROP INDEX jobs_task_ix;
CREATE INDEX jobs_task_ix ON jobs (task, state);
