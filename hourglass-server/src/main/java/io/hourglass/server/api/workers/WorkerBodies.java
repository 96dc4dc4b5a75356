package io.hourglass.server.api.workers;

import io.hourglass.InvalidRequestException;
import io.hourglass.worker.RemoteWorker;
import java.time.Instant;
import java.util.List;

/**
 * Request and answer bodies of the remote-worker calls. Every call after a pop names the worker and the attempt it
 * was given.
 */
final class WorkerBodies {
    private WorkerBodies() {
    }

    /**
     * {@code leaseSeconds} overrides the server's default lease for this pop (1 to 3600); each popped job
     * remembers the lease it got, for its heartbeats.
     */
    record Pop(String worker, Integer leaseSeconds) {
    }

    /**
     * {@code leaseSeconds} (1 to 3600), when given, is the new lease, remembered for later heartbeats; when left
     * out the lease is extended by the one the job was popped with (or the last one a heartbeat gave).
     */
    record Heartbeat(String worker, Integer attempt, Integer leaseSeconds) {
    }

    record Complete(String worker, Integer attempt, String output) {
    }

    /**
     * {@code outcome} is {@code failed} (the work's own fault), {@code infra_error} (could not run it) or
     * {@code cancelled} (stopped because the heartbeat said cancellation was requested).
     */
    record Fail(String worker, Integer attempt, String outcome, String message, String output) {
    }

    /** What a pop claimed (possibly nothing). */
    record Popped(List<PoppedJob> jobs) {
    }

    /**
     * A heartbeat's answer: the lease now runs until {@code leaseUntil}, and later heartbeats without a lease extend
     * it by {@code leaseSeconds}; {@code cancellationRequested} asks the worker to stop and report {@code fail}
     * with outcome {@code cancelled}.
     */
    record Lease(long id, Instant leaseUntil, long leaseSeconds, boolean cancellationRequested) {
    }

    /** The workers seen in the last {@code shownForSeconds}, or holding a job. */
    record Workers(List<RemoteWorker> items, long shownForSeconds) {
    }

    /** The outcome recorded for a completed or failed attempt. */
    record Ended(long id, String outcome) {
    }

    static String requireWorker(String worker) {
        InvalidRequestException.require(worker != null && !worker.isBlank() && worker.length() <= 200, "worker",
                "is required: 1 to 200 characters naming the worker");
        return worker;
    }

    static int requireAttempt(Integer attempt) {
        InvalidRequestException.require(attempt != null, "attempt", "is required: the attempt number the pop returned");
        InvalidRequestException.require(attempt >= 1, "attempt",
                "must be the attempt number the pop returned, 1 or more, was " + attempt);
        return attempt;
    }
}
