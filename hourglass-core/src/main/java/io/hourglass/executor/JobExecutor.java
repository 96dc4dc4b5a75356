package io.hourglass.executor;

import io.hourglass.task.JobContext;

/**
 * Runs one attempt at a job: in this JVM, in a container, on a Celery worker, over HTTP, as a process.
 * Implementations live in their own modules; each maps what happened to an {@link ExecutionResult}.
 *
 * <p>Rules every executor follows:
 * <ul>
 *   <li>Captured output goes to {@link JobContext#appendOutput(CharSequence)}, which cuts it at the configured
 *       size and flags the cut.</li>
 *   <li>Work that could not be started or reached (engine down, broker unreachable) is
 *       {@link ExecutionResult#infraError(String)}, or a thrown {@link InfrastructureException}.</li>
 *   <li>Any other exception thrown counts as {@code failed}, with its message and stack trace as the error.</li>
 *   <li>External work is stopped through {@link JobContext#onStop(Runnable)}, which fires on cancellation and on
 *       timeout; the executor thread is also interrupted.</li>
 * </ul>
 */
@FunctionalInterface
public interface JobExecutor {
    ExecutionResult execute(JobContext context) throws Exception;
}
