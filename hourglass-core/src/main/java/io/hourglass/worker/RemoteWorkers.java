package io.hourglass.worker;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Work handed to processes outside this JVM, in any language, that pull it (over HTTP in the server). A worker
 * pops jobs with a lease, heartbeats to keep the lease, and completes each job with an outcome. Every call after
 * the pop is fenced by the worker's name and the attempt number it was given: once a lease expired and the job
 * went to somebody else, the late worker's calls are refused (they return empty) and change nothing.
 *
 * <p>Jobs of a task defined with the {@link io.hourglass.task.TaskDefinition#REMOTE remote} executor are run by
 * workers only: their queue, ranker, retry policy and timeout apply as for any task, and no node claims them.
 */
public interface RemoteWorkers {

    /**
     * How long a worker is listed by {@link #workers()} after it was last seen; one holding a job is listed for
     * as long as it holds it.
     */
    Duration SHOWN_FOR = Duration.ofMinutes(10);

    /**
     * Claims up to {@code limit} due jobs of {@code queue} for {@code worker}, leased for {@code lease}. The lease
     * is remembered with each job: a heartbeat that names none extends by it. Each job's {@link Job#timeout()} is
     * its own, else its task's: the worker should give up by {@code startedAt + timeout}.
     */
    List<Job> pop(String queue, int limit, String worker, Duration lease);

    /**
     * Extends the lease of a popped job by {@code lease}, or when null by the lease of the pop (or of the last
     * heartbeat that named one). Empty when the worker lost the job.
     */
    Optional<LeaseRenewal> heartbeat(long jobId, String worker, int attempt, Duration lease);

    /**
     * Ends the worker's attempt with an outcome; retries follow the task's retry policy as for local work.
     * Output longer than the configured size is cut and flagged. Once the job's cancel was requested, any outcome
     * other than {@link Outcome#SUCCEEDED} is recorded as {@link Outcome#CANCELLED} (and not retried): the work
     * was stopped on request. A repeat of the completion that was recorded (same worker, attempt, outcome and
     * error) is answered with the recorded outcome and changes nothing.
     *
     * @return the outcome recorded for the attempt; empty when the worker lost the job (its lease expired, it was
     *         completed otherwise, or another worker holds it)
     */
    Optional<Outcome> complete(long jobId, String worker, int attempt, Outcome outcome, String error, String output);

    /**
     * The workers seen within {@link #SHOWN_FOR} or holding a job, by name, with the queues they popped from
     * (within that time) and how many jobs each holds, as recorded by every node of the cluster.
     */
    List<RemoteWorker> workers();
}
