package io.hourglass.store;

import io.hourglass.attempt.Outcome;
import java.time.Instant;

/**
 * The end of one attempt, to be written by {@link Store#complete}. The write is fenced: it applies only while the
 * job is still running under {@code owner} with attempt number {@code attempt}, so a zombie owner whose lease
 * was taken over cannot overwrite the new owner's work.
 *
 * @param retryAt when non-null the job goes back to scheduled, due then; when null it ends in the state that
 *                matches {@code outcome} (succeeded, cancelled, or failed for every other outcome)
 */
public record Completion(
        long jobId,
        String owner,
        int attempt,
        Outcome outcome,
        Instant startedAt,
        Instant finishedAt,
        String error,
        String output,
        boolean outputTruncated,
        Instant retryAt) {
}
