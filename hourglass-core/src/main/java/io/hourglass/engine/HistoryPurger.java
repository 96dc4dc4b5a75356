package io.hourglass.engine;

import io.hourglass.store.Store;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished jobs (with their attempts) older than the history retention. It works in small batches, each
 * its own short transaction, so a large backlog never holds locks for long or competes with claims; a run stops
 * after {@link #MAX_BATCHES_PER_RUN} and leaves the rest for the next.
 */
final class HistoryPurger {
    private static final Logger log = LoggerFactory.getLogger(HistoryPurger.class);
    static final int BATCH = 500;
    static final int MAX_BATCHES_PER_RUN = 20;

    private final EngineConfig config;
    private final Store store;

    HistoryPurger(EngineConfig config) {
        this.config = config;
        this.store = config.store();
    }

    int purge() {
        Instant cutoff = config.clock().instant().minus(config.historyRetention());
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int deleted = store.deleteFinishedBefore(cutoff, BATCH);
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        if (total > 0) {
            log.info("{}: deleted {} finished jobs older than {}", config.nodeName(), total, cutoff);
        }
        return total;
    }
}
