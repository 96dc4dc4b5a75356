package io.hourglass.engine;

import io.hourglass.InvalidRequestException;
import io.hourglass.NotFoundException;
import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.internal.Names;
import io.hourglass.job.Job;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.store.Completion;
import io.hourglass.store.Store;
import io.hourglass.worker.LeaseRenewal;
import io.hourglass.worker.RemoteWorker;
import io.hourglass.worker.RemoteWorkers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Work for processes outside this JVM. Each call is a few synchronous store statements: a worker's pop is a claim
 * limited to one queue, its heartbeat renews one lease (by the lease the claim remembered unless it names
 * another), its completion is a single fenced completion with the same retry decision and output cut as local
 * attempts. Every call also records the worker as seen. Nothing is kept in memory here, so any node (or a
 * client-only server) can serve any worker, and a worker may move between nodes freely.
 *
 * <p>Cancellation: the heartbeat answer says when the job's cancel was requested. A completion after that is
 * recorded as {@code cancelled} (and not retried) unless it reports success: work that did finish is kept as
 * succeeded. A completion that repeats the recorded one (same worker, attempt, outcome and error) is answered
 * with it and changes nothing, so a worker may retry a completion whose answer it did not get.
 */
final class RemoteWorkerGateway implements RemoteWorkers {
    static final int MAX_POP = 100;

    private final EngineConfig config;
    private final Store store;
    private final TaskRegistry tasks;
    private final RetryDecision retry;
    private final Runnable currentRules;
    private final Runnable jobsReleased;
    private final EngineEvents events;

    /**
     * @param currentRules brings the task definitions up to date where no sync runs (a node not started), so
     *                     timeouts and retry policies of tasks defined elsewhere apply
     */
    RemoteWorkerGateway(EngineConfig config, TaskRegistry tasks, RetryDecision retry, Runnable currentRules,
                        Runnable jobsReleased, EngineEvents events) {
        this.config = config;
        this.store = config.store();
        this.tasks = tasks;
        this.retry = retry;
        this.currentRules = currentRules;
        this.jobsReleased = jobsReleased;
        this.events = events;
    }

    /** Each popped job carries its timeout: its own, else its task's (null when neither has one). */
    @Override
    public List<Job> pop(String queue, int limit, String worker, Duration lease) {
        Names.require("queue", queue, JobRequest.MAX_NAME_LENGTH);
        InvalidRequestException.require(limit >= 1 && limit <= MAX_POP, "limit",
                "must be between 1 and " + MAX_POP + ", was " + limit);
        requireWorker(worker);
        requireLease(lease);
        Instant now = config.clock().instant();
        store.recordWorkerSeen(worker, queue, now);
        List<Job> claimed = store.claim(worker, now, now.plus(lease), limit, null, queue);
        events.jobsClaimed(claimed);
        if (!claimed.isEmpty()) {
            currentRules.run();
        }
        return claimed.stream().map(this::withTaskTimeout).toList();
    }

    @Override
    public Optional<LeaseRenewal> heartbeat(long jobId, String worker, int attempt, Duration lease) {
        requireWorker(worker);
        if (lease != null) {
            requireLease(lease);
        }
        Instant now = config.clock().instant();
        store.recordWorkerSeen(worker, null, now);
        return store.renewLease(jobId, worker, attempt, now, lease);
    }

    @Override
    public Optional<Outcome> complete(long jobId, String worker, int attempt, Outcome outcome, String error,
                                      String output) {
        requireWorker(worker);
        InvalidRequestException.require(outcome != null, "outcome", "must be one of succeeded, failed, infra_error,"
                + " timed_out, cancelled");
        Job job = store.findJob(jobId).orElseThrow(() -> new NotFoundException("job", jobId));
        Instant now = config.clock().instant();
        store.recordWorkerSeen(worker, null, now);
        boolean stoppedOnRequest = job.cancelRequested() && outcome != Outcome.SUCCEEDED;
        Outcome recorded = stoppedOnRequest ? Outcome.CANCELLED : outcome;
        String reason = !stoppedOnRequest || outcome == Outcome.CANCELLED ? error
                : "cancelled on request; the worker reported " + outcome.wireName()
                        + (error == null ? "" : ": " + error);
        if (job.state() != JobState.RUNNING || !worker.equals(job.owner()) || job.attempts() != attempt) {
            return repeated(job, worker, attempt, outcome, recorded, reason);
        }
        currentRules.run();
        Completion completion = retry.completion(job, worker, new ExecutionResult(recorded, reason),
                job.startedAt() != null ? job.startedAt() : now, now, OutputBuffer.of(output, config.maxOutputChars()));
        if (!store.complete(List.of(completion))[0]) {
            return repeated(job, worker, attempt, outcome, recorded, reason);
        }
        events.attemptEnded(job, completion.outcome(), completion.startedAt(), completion.finishedAt());
        if (completion.retryAt() != null) {
            jobsReleased.run();
        }
        return Optional.of(completion.outcome());
    }

    /**
     * The answer to a completion the fence refused: the recorded outcome when this worker's attempt already ended
     * the same way (same outcome and error: a repeat of the call that was recorded, not the reaper's infra_error
     * after its lease expired), else empty (it lost the job).
     */
    private Optional<Outcome> repeated(Job job, String worker, int attempt, Outcome asked, Outcome recorded,
                                       String reason) {
        String error = Failures.trim(reason);
        // an attempt an outcome rule reclassified keeps what was reported; a repeat answers what was recorded
        Optional<io.hourglass.attempt.Attempt> same = store.findAttempts(job.id()).stream().filter(a -> a.number() == attempt
                && worker.equals(a.owner()) && (a.reportedOutcome() == null ? a.outcome() : a.reportedOutcome()) == recorded
                && (a.reportedOutcome() != null || Objects.equals(a.error(), error))).findFirst();
        if (same.isPresent()) {
            return Optional.of(same.get().outcome());
        }
        events.completionRefused(job, asked);
        return Optional.empty();
    }

    @Override
    public List<RemoteWorker> workers() {
        return store.findWorkers(config.clock().instant().minus(SHOWN_FOR));
    }

    private Job withTaskTimeout(Job job) {
        TaskRegistry.Rules rules = job.timeout() != null ? null : tasks.rules(job.task());
        if (rules == null || rules.timeout() == null) {
            return job;
        }
        return new Job(job.id(), job.task(), job.queue(), job.priority(), job.args(), job.kwargs(), job.dedupKey(),
                job.state(), job.dueAt(), job.createdAt(), job.attempts(), job.maxAttempts(), rules.timeout(),
                job.owner(), job.leaseUntil(), job.startedAt(), job.finishedAt(), job.lastOutcome(), job.lastError(),
                job.cancelRequested(), job.scheduleName(), job.fireAt(), job.expiresAt(), job.cell());
    }

    private static void requireWorker(String worker) {
        Names.require("worker", worker, 200);
    }

    private static void requireLease(Duration lease) {
        InvalidRequestException.require(lease != null && lease.toMillis() >= 1000 && lease.compareTo(Duration.ofHours(24)) <= 0,
                "lease", "must be between 1 second and 24 hours, was " + lease);
    }
}
