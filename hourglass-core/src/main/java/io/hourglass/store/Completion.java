package io.hourglass.store;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.JobState;
import java.time.Instant;

/**
 * The end of one attempt, to be written by {@link Store#complete}. The write is fenced: it applies only while the
 * job is still running under {@code owner} with attempt number {@code attempt}, so a zombie owner whose lease
 * was taken over cannot overwrite the new owner's work.
 *
 * @param retryAt when non-null the job goes back to scheduled, due then; when null it ends in the state that
 *                matches {@code outcome} (see {@link #nextState()})
 * @param reportedOutcome what the executor or worker reported when a task's outcome rule changed it into
 *                {@code outcome}; null when the reported outcome stands
 * @param outcomeRule the index of that rule in the task's outcome rules; null with {@code reportedOutcome}
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
        Instant retryAt,
        Outcome reportedOutcome,
        Integer outcomeRule) {

    /** An attempt's end as reported, no outcome rule involved. */
    public Completion(long jobId, String owner, int attempt, Outcome outcome, Instant startedAt, Instant finishedAt,
                      String error, String output, boolean outputTruncated, Instant retryAt) {
        this(jobId, owner, attempt, outcome, startedAt, finishedAt, error, output, outputTruncated, retryAt, null,
                null);
    }

    /**
     * The state the job takes when this completion is accepted: scheduled again when it is retried, else the final
     * state of its outcome ({@link JobState#endedBy}). The store writes this state; it decides none of its own.
     */
    public JobState nextState() {
        return retryAt != null ? JobState.SCHEDULED : JobState.endedBy(outcome);
    }
}
