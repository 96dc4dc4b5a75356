package io.hourglass.server.api.workers;

import io.hourglass.InvalidRequestException;

/** Request bodies of the remote-worker calls. Every call after a pop names the worker and the attempt it was given. */
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
