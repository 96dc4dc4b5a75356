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
        boolean outputTruncated) {

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }
}
