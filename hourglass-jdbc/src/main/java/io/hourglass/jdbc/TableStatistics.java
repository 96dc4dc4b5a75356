package io.hourglass.jdbc;

import java.sql.Statement;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the planner's statistics of the jobs table near the table as it is, by refreshing them
 * ({@link Dialect#refreshStatisticsSql()}) once {@link #THRESHOLD} jobs were inserted (at most once per
 * {@link #MIN_INTERVAL_NANOS} for inserts), or once a drain ends: a claim finds fewer due jobs than it asked for after
 * a claim since the last refresh found as many, with {@link #THRESHOLD} jobs written since.
 *
 * <p>Why both: the claim's plan depends on how many jobs the planner believes are due. After a bulk insert into a
 * near-empty table it would sort every due job on each claim instead of reading the claim index in order; after a
 * burst drains it still believes the drained jobs are due and reads the claim index, whose order is priority first,
 * through every job pending in the future (5,372 pages for 10 due jobs among a million pending, against 0.3 ms by
 * the due-time index once the statistics are fresh). Autovacuum catches up in about a minute; this in seconds.
 *
 * <p>Finished jobs wait for the drain's end because refreshing every 10,000 completions in the middle of a burn-down
 * cost a fifth of its rate (docs/benchmarks.md). Why not more often: a steady stream (jobs claimed a few at a time,
 * every claim short) wrote 10,000 jobs every 5 s at 1,000 jobs/s, and a refresh that often kept {@code ANALYZE}
 * holding the table's lock that autovacuum needs, so autovacuum skipped the table every minute ("lock not
 * available") and its dead rows piled up under every claim (docs/benchmarks.md, issue 11 session 8).
 *
 * <p>The refresh runs on the store's background thread, never in a writing caller's: requests while one is queued
 * or running are folded into it, so at most one runs at a time.
 */
final class TableStatistics {
    static final int THRESHOLD = 10_000;
    /** Inserts refresh the statistics at most this often, after the first time. */
    static final long MIN_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);

    private final Tx tx;
    private final String refreshSql;
    private final Executor background;
    private final AtomicLong writtenSinceRefresh = new AtomicLong();
    private final AtomicLong insertedSinceRefresh = new AtomicLong();
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private volatile boolean fullClaimSinceRefresh;
    private volatile long refreshedAtNanos;
    private volatile boolean refreshed;

    /** {@code background} runs the refresh; one thread, so refreshes never overlap. */
    TableStatistics(Tx tx, Dialect dialect, Executor background) {
        this.tx = tx;
        this.refreshSql = dialect.refreshStatisticsSql();
        this.background = background;
    }

    /** Counts {@code jobs} inserted, and hands a refresh to the background once enough were inserted. */
    void inserted(int jobs) {
        writtenSinceRefresh.addAndGet(jobs);
        if (insertedSinceRefresh.addAndGet(jobs) >= THRESHOLD
                && (!refreshed || System.nanoTime() - refreshedAtNanos >= MIN_INTERVAL_NANOS)) {
            refreshSoon();
        }
    }

    /** Counts {@code jobs} finished; they ask for a refresh when the drain ends ({@link #claimedAllDue}). */
    void finished(int jobs) {
        writtenSinceRefresh.addAndGet(jobs);
    }

    /** A claim found as many due jobs as it asked for: a backlog is being drained. */
    void claimedFull() {
        fullClaimSinceRefresh = true;
    }

    /** A claim found fewer due jobs than it asked for: if that ends a drain of enough jobs, refresh. */
    void claimedAllDue() {
        if (fullClaimSinceRefresh && writtenSinceRefresh.get() >= THRESHOLD) {
            refreshSoon();
        }
    }

    private void refreshSoon() {
        if (refreshSql == null || !refreshPending.compareAndSet(false, true)) {
            return;
        }
        long written = writtenSinceRefresh.getAndSet(0);
        insertedSinceRefresh.set(0);
        fullClaimSinceRefresh = false;
        refreshedAtNanos = System.nanoTime();
        refreshed = true;
        try {
            background.execute(() -> refresh(written));
        } catch (RejectedExecutionException closed) {
            refreshPending.set(false);
        }
    }

    private void refresh(long written) {
        try {
            tx.inAutoCommit(() -> "statistics refresh after " + written + " jobs written", c -> {
                try (Statement statement = c.createStatement()) {
                    return statement.execute(refreshSql);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Refreshing the jobs table's statistics failed (the next {} jobs written try again): {}",
                    THRESHOLD, e.getMessage());
        } finally {
            refreshPending.set(false);
        }
    }
}
