package io.hourglass.engine;

import io.hourglass.store.Store;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished jobs (with their attempts) older than the history retention. It works in small batches, each
 * its own short transaction, so a large backlog never holds locks for long or competes with claims; a run stops
 * after {@link #MAX_BATCHES_PER_RUN} and leaves the rest for the next. Schedule change history older than the
 * retention goes the same way, in its own batches. It also forgets remote workers not seen for
 * {@link #WORKERS_FORGOTTEN_AFTER} (listing shows them for far less, see {@code RemoteWorkers.SHOWN_FOR}).
 */
final class HistoryPurger {
    private static final Logger log = LoggerFactory.getLogger(HistoryPurger.class);
    static final int BATCH = 500;
    static final int MAX_BATCHES_PER_RUN = 20;
    static final Duration WORKERS_FORGOTTEN_AFTER = Duration.ofDays(1);

    private final EngineConfig config;
    private final Store store;

    HistoryPurger(EngineConfig config) {
        this.config = config;
        this.store = config.store();
    }

    int purge() {
        Instant now = config.clock().instant();
        store.forgetWorkersSeenBefore(now.minus(WORKERS_FORGOTTEN_AFTER));
        Instant cutoff = now.minus(config.historyRetention());
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int deleted = store.deleteFinishedBefore(cutoff, BATCH);
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        int changes = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int deleted = store.deleteScheduleChangesBefore(cutoff, BATCH);
            changes += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        if (changes > 0) {
            log.info("{}: deleted {} schedule history entries older than {}", config.nodeName(), changes, cutoff);
        }
        if (total > 0) {
            log.info("{}: deleted {} finished jobs older than {}", config.nodeName(), total, cutoff);
        }
        return total;
    }
}
