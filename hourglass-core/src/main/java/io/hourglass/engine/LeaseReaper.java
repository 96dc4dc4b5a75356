package io.hourglass.engine;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.store.Incarnation;
import io.hourglass.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over jobs whose owner is gone. Every node runs it: each expired lease is ended with the dead owner's name
 * and attempt number as an infra_error attempt ("lease expired"), and at start a node releases the running jobs
 * of a previous incarnation of its own name the same way ("released: previous incarnation ... restarted"): that
 * process is dead, since this one took its name, so its jobs need not wait for their leases.
 *
 * <p>A taken-over job keeps its place: when its retry policy allows another try it is due again at its original
 * due time with its priority unchanged (see {@link RetryDecision#retryInPlace}), so it is claimed ahead of
 * younger jobs and re-runs within one lease plus one reaper period of its owner's death. A job somebody asked to
 * cancel is not retried: its lost attempt is recorded {@code cancelled} and the job ends cancelled, since its owner
 * can no longer stop it (nor ever will: the previous incarnation is gone).
 *
 * <p>Because the completion is fenced like any other, two nodes reaping the same job (or the owner coming back and
 * completing first) cannot both win: the store accepts exactly one.
 */
final class LeaseReaper {
    private static final Logger log = LoggerFactory.getLogger(LeaseReaper.class);
    static final int BATCH = 100;

    private final EngineConfig config;
    private final Store store;
    private final RetryDecision retry;
    private final Runnable jobsReleased;
    private final EngineEvents events;

    LeaseReaper(EngineConfig config, RetryDecision retry, Runnable jobsReleased, EngineEvents events) {
        this.config = config;
        this.store = config.store();
        this.retry = retry;
        this.jobsReleased = jobsReleased;
        this.events = events;
    }

    /** Reaps every expired lease; returns how many this node took over. */
    int reap() {
        return takeOver(now -> store.findExpiredLeases(now, BATCH),
                job -> "lease expired: owner '" + job.owner() + "' stopped heartbeating", "lease expired at");
    }

    /** Releases the running jobs of previous incarnations of {@code current}'s name; returns how many. */
    int releasePreviousIncarnations(Incarnation current) {
        return takeOver(now -> store.findRunningOfPreviousIncarnations(current, BATCH),
                job -> "released: previous incarnation '" + job.owner() + "' of node " + current.name()
                        + " restarted (now " + current.owner() + ")", "its process restarted; lease was until");
    }

    private int takeOver(Function<Instant, List<Job>> find, Function<Job, String> reason, String logReason) {
        int total = 0;
        List<Job> found;
        do {
            Instant now = config.clock().instant();
            found = find.apply(now);
            if (found.isEmpty()) {
                break;
            }
            List<Completion> completions = new ArrayList<>(found.size());
            for (Job job : found) {
                boolean cancelled = job.cancelRequested();
                completions.add(new Completion(job.id(), job.owner(), job.attempts(),
                        cancelled ? Outcome.CANCELLED : Outcome.INFRA_ERROR,
                        job.startedAt() != null ? job.startedAt() : now, now,
                        reason.apply(job) + (cancelled ? "; cancellation was requested, so it is not retried" : ""),
                        null, false, cancelled ? null : retry.retryInPlace(job)));
            }
            boolean[] accepted = store.complete(completions);
            for (int i = 0; i < accepted.length; i++) {
                if (accepted[i]) {
                    total++;
                    Job job = found.get(i);
                    Completion completion = completions.get(i);
                    events.leaseExpired(job);
                    events.attemptEnded(job, completion.outcome(), completion.startedAt(), completion.finishedAt());
                    log.warn("{}: took over job {} (task '{}', attempt {}) of owner '{}': {} {}", config.nodeName(),
                            job.id(), job.task(), job.attempts(), job.owner(), logReason, job.leaseUntil());
                }
            }
        } while (found.size() == BATCH);
        if (total > 0) {
            jobsReleased.run();
        }
        return total;
    }
}
