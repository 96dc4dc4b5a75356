package io.hourglass.jdbc;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one background thread, {@value #THREAD_NAME}, for work no caller should wait for (the statistics
 * refresh of {@link TableStatistics}); tasks run one at a time, in order. After {@link #close()} it takes no more.
 *
 * <p>Why closing waits: the store closes its pool right after, and a refresh still running then had its connection
 * aborted under it, so a stop soon after a bulk insert logged "An I/O error occurred while sending to the backend"
 * twice (the pool's and the refresh's warning, one with a stack trace). Closing lets the task in flight finish first,
 * for up to {@link #CLOSE_WAIT}: an {@code ANALYZE} samples a fixed number of rows and ends in well under a second
 * on a table of millions, so only one blocked behind another session's lock runs into the bound.
 */
final class StoreBackground implements Executor, AutoCloseable {
    static final String THREAD_NAME = "hourglass-store-background";
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(StoreBackground.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread named = new Thread(task, THREAD_NAME);
        named.setDaemon(true);
        return named;
    });

    /** Runs {@code task} after those before it; throws {@code RejectedExecutionException} once closed. */
    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** Takes no more tasks and waits up to {@link #CLOSE_WAIT} for the one in flight, then interrupts it. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("The store's background task (a statistics refresh) was still running {} s after the store"
                        + " began to close; closing without waiting for it", CLOSE_WAIT.toSeconds());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
