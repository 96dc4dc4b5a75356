package io.hourglass.engine;

import io.hourglass.store.Store;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends jobs nobody started before their expiry (a paused queue, no node running the task, a backlog): they become
 * {@code expired}. Expiry itself is enforced at claim time, where the store never returns an expired job, so a job
 * is never started late whether or not this sweep ran; the sweep only gives such jobs their final state (freeing
 * their dedup keys and counting them) within one housekeeping period. Runs with the lease reaper on every node;
 * batches are independent transactions, so two nodes sweeping at once only share the work.
 */
final class JobExpiry {
    private static final Logger log = LoggerFactory.getLogger(JobExpiry.class);
    static final int BATCH = 1000;
    static final int MAX_BATCHES_PER_RUN = 20;

    private final EngineConfig config;
    private final Store store;

    JobExpiry(EngineConfig config) {
        this.config = config;
        this.store = config.store();
    }

    int sweep() {
        Instant now = config.clock().instant();
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int expired = store.expireJobs(now, BATCH);
            total += expired;
            if (expired < BATCH) {
                break;
            }
        }
        if (total > 0) {
            log.info("{}: {} jobs expired, not started by their expiry", config.nodeName(), total);
        }
        return total;
    }
}
