package io.hourglass.engine;

import io.hourglass.InvalidRequestException;
import io.hourglass.NotFoundException;
import io.hourglass.attempt.Outcome;
import io.hourglass.internal.Names;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.store.Completion;
import io.hourglass.store.Store;
import io.hourglass.worker.RemoteWorkers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Work for processes outside this JVM. Each call is one synchronous store statement: a worker's pop is a claim
 * limited to one queue, its heartbeat renews one lease, its completion is a single fenced completion with the
 * same retry decision and output cut as local attempts. Nothing is kept in memory here, so any node (or a
 * client-only server) can serve any worker.
 */
final class RemoteWorkerGateway implements RemoteWorkers {
    static final int MAX_POP = 100;

    private final EngineConfig config;
    private final Store store;
    private final RetryDecision retry;
    private final Runnable jobsReleased;
    private final EngineEvents events;

    RemoteWorkerGateway(EngineConfig config, RetryDecision retry, Runnable jobsReleased, EngineEvents events) {
        this.config = config;
        this.store = config.store();
        this.retry = retry;
        this.jobsReleased = jobsReleased;
        this.events = events;
    }

    @Override
    public List<Job> pop(String queue, int limit, String worker, Duration lease) {
        Names.require("queue", queue, JobRequest.MAX_NAME_LENGTH);
        InvalidRequestException.require(limit >= 1 && limit <= MAX_POP, "limit",
                "must be between 1 and " + MAX_POP + ", was " + limit);
        requireWorker(worker);
        requireLease(lease);
        Instant now = config.clock().instant();
        List<Job> claimed = store.claim(worker, now, now.plus(lease), limit, null, queue);
        events.jobsClaimed(claimed);
        return claimed;
    }

    @Override
    public boolean heartbeat(long jobId, String worker, int attempt, Duration lease) {
        requireWorker(worker);
        requireLease(lease);
        return store.renewLease(jobId, worker, attempt, config.clock().instant().plus(lease));
    }

    @Override
    public boolean complete(long jobId, String worker, int attempt, Outcome outcome, String error, String output) {
        requireWorker(worker);
        InvalidRequestException.require(outcome != null, "outcome", "must be one of succeeded, failed, infra_error,"
                + " timed_out, cancelled");
        Job job = store.findJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
        if (!worker.equals(job.owner()) || job.attempts() != attempt) {
            events.completionRefused(job, outcome);
            return false; // lost the lease; the store's fence would refuse it as well
        }
        Instant now = config.clock().instant();
        Completion completion = retry.completion(job, worker, outcome,
                job.startedAt() != null ? job.startedAt() : now, now, error,
                OutputBuffer.of(output, config.maxOutputChars()));
        boolean accepted = store.complete(List.of(completion))[0];
        if (accepted) {
            events.attemptEnded(job, outcome, completion.startedAt(), completion.finishedAt());
        } else {
            events.completionRefused(job, outcome);
        }
        if (accepted && completion.retryAt() != null) {
            jobsReleased.run();
        }
        return accepted;
    }

    private static void requireWorker(String worker) {
        Names.require("worker", worker, 200);
    }

    private static void requireLease(Duration lease) {
        InvalidRequestException.require(lease != null && lease.toMillis() >= 1000 && lease.compareTo(Duration.ofHours(24)) <= 0,
                "lease", "must be between 1 second and 24 hours, was " + lease);
    }
}
