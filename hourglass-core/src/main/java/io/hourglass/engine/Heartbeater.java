package io.hourglass.engine;

import io.hourglass.store.Incarnation;
import io.hourglass.store.Store;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node alive in the store, on one thread ("hourglass-heartbeat"): every heartbeat interval it records
 * the node (its incarnation and the tasks it runs) and extends the lease of every job this incarnation owns, in
 * one transaction. Leases are fenced on the incarnation, so a previous process of the same name is never renewed.
 * The first beat runs in {@link #start()}, so a started node is in the nodes table (and its tasks known to
 * enqueues on other nodes) when start returns. The answer carries the jobs somebody
 * asked to cancel, which are stopped here; a cancel notification from another node triggers a beat at once so a
 * cancel takes effect in milliseconds, not a heartbeat interval.
 *
 * <p>A failed beat is logged and the next one tried on schedule; if beats keep failing for a whole lease, other
 * nodes take this node's jobs over, and this node's late completions are refused by the store's fence.
 */
final class Heartbeater {
    private static final Logger log = LoggerFactory.getLogger(Heartbeater.class);

    private final EngineConfig config;
    private final Store store;
    private final Incarnation incarnation;
    private final Supplier<Set<String>> tasks;
    private final WorkerPool pool;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.single("hourglass-heartbeat"));

    /**
     * @param tasks the names of the tasks this node runs now (none on a node that runs no work)
     * @param pool  the jobs running here, or null on a node that runs none
     */
    Heartbeater(EngineConfig config, Incarnation incarnation, Supplier<Set<String>> tasks, WorkerPool pool) {
        this.config = config;
        this.store = config.store();
        this.incarnation = incarnation;
        this.tasks = tasks;
        this.pool = pool;
    }

    void start() {
        beat();
        long every = config.heartbeatInterval().toNanos();
        thread.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.NANOSECONDS);
    }

    /** Beats as soon as possible (somebody asked for a cancel). */
    void beatNow() {
        try {
            thread.execute(this::beat);
        } catch (RejectedExecutionException stopped) {
            // shutting down: nothing runs here any more
        }
    }

    void stop() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void beat() {
        try {
            Instant now = config.clock().instant();
            Set<Long> cancelRequested = store.heartbeat(incarnation, tasks.get(), now,
                    now.plus(config.leaseDuration()));
            if (pool != null) {
                for (long jobId : cancelRequested) {
                    if (pool.cancel(jobId)) {
                        log.info("{}: stopping job {}: cancellation requested", config.nodeName(), jobId);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("{}: heartbeat failed; its leases expire {} after the last good beat", incarnation,
                    config.leaseDuration(), e);
        }
    }
}
