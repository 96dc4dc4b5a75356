package io.hourglass.task;

/**
 * Java code that does a task's work in this JVM. Returning normally means succeeded; throwing means failed
 * (or infra_error for {@link io.hourglass.executor.InfrastructureException}). Long handlers should check
 * {@link JobContext#isStopRequested()} or honour interrupts.
 */
@FunctionalInterface
public interface TaskHandler {
    void handle(JobContext context) throws Exception;
}
