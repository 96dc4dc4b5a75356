package io.hourglass.engine;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.job.BulkAction;
import io.hourglass.job.BulkResult;
import io.hourglass.job.EnqueueResult;
import io.hourglass.job.Job;
import io.hourglass.job.JobCount;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.job.Page;
import io.hourglass.store.BulkCancel;
import io.hourglass.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Bulk actions on "all jobs matching a filter": a bounded count, cancel and retry. Each walks the matching jobs
 * newest first with the query's own cursor paging, one batch of {@link #BATCH} at a time (a batch is one read and
 * one write), and stops at its limit, so neither the count nor the action is ever unbounded. The rules per job are
 * the single-job ones: cancel as {@code Store.cancel}, retry as {@link #retryCopy}; which jobs each takes is
 * {@link BulkAction#scope}.
 */
final class MatchingJobs {
    static final int BATCH = 500;

    private final Store store;
    private final Clock clock;
    private final Function<List<JobRequest>, List<EnqueueResult>> enqueueAll;
    private final Consumer<Long> cancelRequested;

    /**
     * @param enqueueAll      the client's bulk enqueue (its events and wake-ups included)
     * @param cancelRequested told of each running job that was asked to stop, to stop it at once if it runs here
     */
    MatchingJobs(Store store, Clock clock, Function<List<JobRequest>, List<EnqueueResult>> enqueueAll,
                 Consumer<Long> cancelRequested) {
        this.store = store;
        this.clock = clock;
        this.enqueueAll = enqueueAll;
        this.cancelRequested = cancelRequested;
    }

    JobCount count(JobQuery query, int cap) {
        requireQuery(query);
        requireLimit("cap", cap);
        long counted = store.countJobs(query, cap + 1L);
        return new JobCount(Math.min(counted, cap), counted > cap);
    }

    BulkResult cancel(JobQuery query, int limit) {
        requireQuery(query);
        requireLimit("limit", limit);
        return walk(BulkAction.CANCEL.scope(query), limit, jobs -> {
            BulkCancel done = store.cancelJobs(jobs.stream().map(Job::id).toList(), clock.instant());
            jobs.stream().filter(j -> j.state() == JobState.RUNNING).forEach(j -> cancelRequested.accept(j.id()));
            return done.cancelled() + done.requested();
        });
    }

    BulkResult retry(JobQuery query, int limit) {
        requireQuery(query);
        requireLimit("limit", limit);
        return walk(BulkAction.RETRY.scope(query), limit, jobs ->
                (int) enqueueAll.apply(jobs.stream().map(MatchingJobs::retryCopy).toList()).stream()
                        .filter(EnqueueResult::created).count());
    }

    /**
     * What "retry now" enqueues for a finished job: same task, arguments, queue, priority, limits, dedup key, matrix
     * cell, and as long to expire in as the job had. Not its schedule and fire time: those are the fire's key (the
     * copy would collide with the job it copies), and a schedule's skip-if-pending and expiry act on its own fires.
     */
    static JobRequest retryCopy(Job job) {
        JobRequest.Builder copy = JobRequest.of(job.task()).args(job.args()).kwargs(job.kwargs()).queue(job.queue())
                .priority(job.priority()).dedupKey(job.dedupKey()).cell(job.cell())
                .allowUnknownTask(true); // the job was accepted once: a retry repeats it, as asked
        if (job.maxAttempts() != null) {
            copy.maxAttempts(job.maxAttempts());
        }
        if (job.timeout() != null) {
            copy.timeout(job.timeout());
        }
        if (job.expiresAt() != null && job.expiresAt().isAfter(job.dueAt())) {
            copy.expiresAfter(Duration.between(job.dueAt(), job.expiresAt())); // as long, from now
        }
        return copy.build();
    }

    private interface Batch {
        int apply(List<Job> jobs);
    }

    private BulkResult walk(Optional<JobQuery> scope, int limit, Batch action) {
        if (scope.isEmpty()) {
            return new BulkResult(0, 0, false);
        }
        JobQuery page = scope.get();
        int matched = 0;
        int applied = 0;
        while (true) {
            Page<Job> jobs = store.findJobs(page.withLimit(Math.min(BATCH, limit - matched)));
            if (!jobs.items().isEmpty()) {
                matched += jobs.items().size();
                applied += action.apply(jobs.items());
            }
            if (jobs.nextCursor() == null) {
                return new BulkResult(matched, applied, false);
            }
            if (matched >= limit) {
                return new BulkResult(matched, applied, true);
            }
            page = page.withCursor(jobs.nextCursor());
        }
    }

    private static void requireQuery(JobQuery query) {
        InvalidRequestException.require(query != null, "query", "must not be null");
    }

    private static void requireLimit(String field, int value) {
        InvalidRequestException.require(value >= 1 && value <= HourglassClient.MAX_BULK, field,
                "must be between 1 and " + HourglassClient.MAX_BULK + ", was " + value);
    }
}
