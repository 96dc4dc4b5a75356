package io.hourglass.worker;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import java.time.Duration;
import java.util.List;

/**
 * Work handed to processes outside this JVM, in any language, that pull it (over HTTP in the server). A worker
 * pops jobs with a lease, heartbeats to keep the lease, and completes each job with an outcome. Every call after
 * the pop is fenced by the worker's name and the attempt number it was given: once a lease expired and the job
 * went to somebody else, the late worker's calls are refused (they return false) and change nothing.
 */
public interface RemoteWorkers {

    /** Claims up to {@code limit} due jobs of {@code queue} for {@code worker}, leased for {@code lease}. */
    List<Job> pop(String queue, int limit, String worker, Duration lease);

    /** Extends the lease of a popped job; false when the worker lost it. */
    boolean heartbeat(long jobId, String worker, int attempt, Duration lease);

    /**
     * Ends the worker's attempt with an outcome; retries follow the task's retry policy as for local work.
     * Output longer than the configured size is cut and flagged. False when the worker lost the job.
     */
    boolean complete(long jobId, String worker, int attempt, Outcome outcome, String error, String output);
}
