-- Tasks defined at runtime (io.hourglass.task.TaskDefinition), shared by every node of a cluster. settings, retry and
-- ranker are JSON text written from explicit maps (see TaskDefinitionColumns), so renaming a Java field never
-- changes what is stored. version is the optimistic lock every save is fenced by (WHERE version = ?).
-- Durations are whole milliseconds.

CREATE TABLE hourglass_task_definitions (
    name             varchar(200) PRIMARY KEY,
    executor         varchar(200) NOT NULL,
    settings         CHARACTER VARYING(1000000)  NOT NULL,
    queue            varchar(200) NOT NULL,
    retry            CHARACTER VARYING(10000)    NOT NULL,
    timeout_ms       bigint,
    ranker           CHARACTER VARYING(10000)    NOT NULL,
    version          bigint       NOT NULL,
    created_at       TIMESTAMP(6) WITH TIME ZONE,
    updated_at       TIMESTAMP(6) WITH TIME ZONE
);
