package io.hourglass.engine;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over jobs whose owner stopped heartbeating. Every node runs it: each expired lease is ended with the dead
 * owner's name and attempt number as an infra_error attempt ("lease expired"), then retried by the task's policy.
 * Because the completion is fenced like any other, two nodes reaping the same job (or the owner coming back and
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
        int total = 0;
        List<Job> expired;
        do {
            Instant now = config.clock().instant();
            expired = store.findExpiredLeases(now, BATCH);
            if (expired.isEmpty()) {
                break;
            }
            List<Completion> completions = new ArrayList<>(expired.size());
            for (Job job : expired) {
                completions.add(new Completion(job.id(), job.owner(), job.attempts(), Outcome.INFRA_ERROR,
                        job.startedAt() != null ? job.startedAt() : now, now,
                        "lease expired: owner '" + job.owner() + "' stopped heartbeating", null, false,
                        retry.retryAt(job, Outcome.INFRA_ERROR, now)));
            }
            boolean[] accepted = store.complete(completions);
            for (int i = 0; i < accepted.length; i++) {
                if (accepted[i]) {
                    total++;
                    Job job = expired.get(i);
                    Completion completion = completions.get(i);
                    events.leaseExpired(job);
                    events.attemptEnded(job, Outcome.INFRA_ERROR, completion.startedAt(), completion.finishedAt());
                    log.warn("{}: took over job {} (task '{}', attempt {}): lease of owner '{}' expired at {}",
                            config.nodeName(), job.id(), job.task(), job.attempts(), job.owner(), job.leaseUntil());
                }
            }
        } while (expired.size() == BATCH);
        if (total > 0) {
            jobsReleased.run();
        }
        return total;
    }
}
