package io.hourglass.executor;

import io.hourglass.attempt.Outcome;
import io.hourglass.task.JobContext;
import java.time.Duration;
import java.util.Objects;

/**
 * What an executor says of one attempt: an outcome and, unless it succeeded, an error for the operator.
 *
 * @param exitCode   a process's or container's exit code, when there was one (outcome rules may match it)
 * @param status     an HTTP response's status, when there was one (outcome rules may match it)
 * @param retryAfter the least wait before a retry, when the other side asked for one (an HTTP {@code Retry-After});
 *                   null for the retry policy's backoff alone
 */
public record ExecutionResult(Outcome outcome, String error, Integer exitCode, Integer status, Duration retryAfter) {

    private static final ExecutionResult SUCCEEDED = new ExecutionResult(Outcome.SUCCEEDED, null);

    public ExecutionResult {
        Objects.requireNonNull(outcome, "outcome");
        retryAfter = retryAfter == null || retryAfter.isNegative() || retryAfter.isZero() ? null : retryAfter;
    }

    public ExecutionResult(Outcome outcome, String error) {
        this(outcome, error, null, null, null);
    }

    /** This result with the exit code of the process or container that produced it. */
    public ExecutionResult withExitCode(int value) {
        return new ExecutionResult(outcome, error, value, status, retryAfter);
    }

    /** This result with the HTTP status of the response that produced it. */
    public ExecutionResult withStatus(int value) {
        return new ExecutionResult(outcome, error, exitCode, value, retryAfter);
    }

    /** An infra_error whose retry waits at least {@code retryAfter} (and at least the policy's backoff). */
    public static ExecutionResult infraError(String error, Duration retryAfter) {
        return new ExecutionResult(Outcome.INFRA_ERROR, error, null, null, retryAfter);
    }

    public static ExecutionResult succeeded() {
        return SUCCEEDED;
    }

    public static ExecutionResult failed(String error) {
        return new ExecutionResult(Outcome.FAILED, error);
    }

    public static ExecutionResult infraError(String error) {
        return new ExecutionResult(Outcome.INFRA_ERROR, error);
    }

    public static ExecutionResult timedOut(String error) {
        return new ExecutionResult(Outcome.TIMED_OUT, error);
    }

    public static ExecutionResult cancelled(String error) {
        return new ExecutionResult(Outcome.CANCELLED, error);
    }

    /**
     * The result of work stopped through {@link JobContext#onStop}: cancelled when somebody cancelled the job,
     * else timed out at its deadline. {@code whatWasDone} says how the work was stopped, e.g. "container killed".
     */
    public static ExecutionResult stopped(JobContext context, String whatWasDone) {
        if (context.isCancellationRequested()) {
            return cancelled("cancelled; " + whatWasDone);
        }
        String at = context.deadline() == null ? "" : " at " + context.deadline();
        return timedOut("timed out" + at + "; " + whatWasDone);
    }
}
