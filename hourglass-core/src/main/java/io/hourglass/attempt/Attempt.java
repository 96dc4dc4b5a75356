package io.hourglass.attempt;

import java.time.Duration;
import java.time.Instant;

/**
 * One try at running a job, as kept in history.
 *
 * @param number          1 for the first attempt at the job, 2 for the first retry, and so on
 * @param owner           the node or worker that ran it
 * @param output          captured output, cut at the configured size
 * @param outputTruncated true when {@code output} was cut
 * @param reportedOutcome what the executor or worker reported, when one of the task's outcome rules made it
 *                        {@code outcome}; null when the reported outcome stands
 * @param outcomeRule     the index of that rule in the task's outcome rules, or null
 */
public record Attempt(
        long jobId,
        int number,
        String owner,
        Instant startedAt,
        Instant finishedAt,
        Outcome outcome,
        String error,
        String output,
        boolean outputTruncated,
        Outcome reportedOutcome,
        Integer outcomeRule) {

    /** An attempt whose reported outcome stands. */
    public Attempt(long jobId, int number, String owner, Instant startedAt, Instant finishedAt, Outcome outcome,
                   String error, String output, boolean outputTruncated) {
        this(jobId, number, owner, startedAt, finishedAt, outcome, error, output, outputTruncated, null, null);
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
