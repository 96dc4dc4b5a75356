package io.hourglass.server.api.workers;

import io.hourglass.InvalidRequestException;
import java.time.Instant;
import java.util.List;

/**
 * Request and answer bodies of the remote-worker calls. Every call after a pop names the worker and the attempt it
 * was given.
 */
final class WorkerBodies {
    private WorkerBodies() {
    }

    /** {@code leaseSeconds} overrides the server's default lease for this pop (1 to 3600). */
    record Pop(String worker, Integer leaseSeconds) {
    }

    record Heartbeat(String worker, Integer attempt, Integer leaseSeconds) {
    }

    record Complete(String worker, Integer attempt, String output) {
    }

    /** {@code outcome} is {@code failed} (the work's own fault) or {@code infra_error} (could not run it). */
    record Fail(String worker, Integer attempt, String outcome, String message, String output) {
    }

    /** What a pop claimed (possibly nothing). */
    record Popped(List<PoppedJob> jobs) {
    }

    /** A heartbeat's answer: the lease now runs until {@code leaseUntil}. */
    record Lease(long id, Instant leaseUntil) {
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
        InvalidRequestException.require(attempt != null && attempt >= 1, "attempt",
                "is required: the attempt number the pop returned, was " + attempt);
        return attempt;
    }
}
