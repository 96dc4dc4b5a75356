package io.hourglass.jdbc;

import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.store.NewJob;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What differs between H2 and PostgreSQL, as whole operations that keep each statement and its binding together:
 * inserting a batch of jobs while skipping dedup conflicts, claiming, completing, upserts and change
 * notification. Callers never branch on the dialect. Everything else is portable SQL in the repositories.
 */
abstract class Dialect {
    /** Marks a row of {@link #insertSkippingConflicts} that was not inserted because a unique key was taken. */
    static final long SKIPPED = 0;

    /** Ordering of claimable jobs; it starts with state so H2 reads it straight off the claim index. */
    static final String CLAIM_ORDER = "ORDER BY state, priority DESC, due_at, id";

    static Dialect detect(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return new PostgresDialect();
        }
        if (name.equals("h2")) {
            return new H2Dialect();
        }
        throw new StoreException("unsupported database '" + productName + "': Hourglass runs on H2 2.x and PostgreSQL");
    }

    /** The Flyway folder under db/hourglass and the name used in logs. */
    abstract String name();

    /**
     * Inserts the jobs as scheduled and returns, per job in order, its new id or {@link #SKIPPED} when its dedup
     * key or its (schedule, fire time, cell) was taken. With {@code tell}, it also tells other nodes (on commit)
     * the earliest due time it created; without, the caller tells them after the commit ({@link #notifier}).
     * Any other failure throws; the caller's transaction then rolls back whatever the call wrote.
     */
    abstract long[] insertSkippingConflicts(Connection connection, List<NewJob> jobs, JsonCodec json, boolean tell)
            throws SQLException;

    /**
     * Whether inserting {@code jobs} is all or nothing without a transaction, so that it can run in auto-commit
     * mode and save the commit's round trip: here for one job, whose insert writes one row or none (a holder
     * lookup and a retry after it write nothing more). A dialect that inserts more jobs in one statement says so.
     */
    boolean insertIsAtomicAlone(List<NewJob> jobs) {
        return jobs.size() == 1;
    }

    /**
     * Tells other nodes of committed jobs outside the transactions that wrote them ({@link PgNotifier}), or
     * {@link JobNotices#NONE} where one process owns the database and nobody else needs telling (H2).
     */
    abstract JobNotices notifier(javax.sql.DataSource dataSource);

    /**
     * How many group-commit transactions of small inserts may run at once ({@link GroupCommit}): several where
     * a transaction is mostly round trips to a server, one on an embedded database in this process.
     */
    abstract int insertWriters();

    /**
     * Claims up to {@code claim.limit()} due jobs for {@code claim.owner()} on {@code connection}, inside the
     * caller's transaction, and returns them. A job is claimed by one claimant only, however many claim at once.
     */
    abstract List<Job> claim(Connection connection, Claim claim, Rows rows) throws SQLException;

    /**
     * Runs one claim transaction. Here claims run side by side; a dialect whose claims from one process must take
     * turns (H2, see there) overrides this.
     */
    <T> T inClaimTurn(Supplier<T> claimTransaction) {
        return claimTransaction.get();
    }

    /**
     * Runs one bulk call's transaction, which only inserts jobs (small calls go through {@link GroupCommit}, whose
     * writers the dialect counts). Here they run side by side; a dialect whose concurrent inserts can hold each
     * other's dedup keys until a lock timeout (H2, see there) overrides this.
     */
    <T> T inInsertTurn(Supplier<T> insertTransaction) {
        return insertTransaction.get();
    }

    /** Creates or replaces a queue row; parameters in the order of {@link Rows#QUEUE_COLUMNS}. */
    abstract String upsertQueueSql();

    /**
     * Creates a node row or refreshes its heartbeat; parameters: name, incarnation, started at, heartbeat at, tasks
     * (JSON). A new incarnation under the same name replaces the row's incarnation and its start time.
     */
    abstract String upsertNodeSql();

    /**
     * Creates a (worker, queue) row, or refreshes when it was last seen if that was at or before a given time (so
     * never backwards); parameters: name, queue, first seen at, last seen at, refresh if seen at or before.
     */
    abstract String upsertWorkerSql();

    /**
     * Ends the attempts inside the caller's transaction: a fenced update per completion (applied only while the job
     * runs under the completion's owner and attempt, see {@link CompletionWriter#FENCE}) to the state core decided
     * ({@link Completion#nextState()}), and an attempt row for each completion let through. Returns, per
     * completion in order, whether it was let through.
     */
    abstract boolean[] complete(Connection connection, List<Completion> completions) throws SQLException;

    /**
     * Refreshes the planner's statistics of the jobs table, or null when not needed; {@link TableStatistics} says
     * when and why.
     */
    abstract String refreshStatisticsSql();

    /**
     * What the database's own maintenance setup will cost the store, to be logged once at start, or null when
     * nothing (see {@link PostgresDialect}).
     */
    String maintenanceWarning(Connection connection) throws SQLException {
        return null;
    }

    /**
     * Hears other nodes' changes on a connection of its own (opened by {@code connections}, not started until a
     * listener is added), or null where one process owns the database and nobody else writes (H2).
     */
    abstract PgChangeListener changeListener(PgChangeListener.ConnectionFactory connections);

    /** Tells other nodes about a change, delivered when the transaction commits. A no-op for single-node stores. */
    abstract void notifyChange(Connection connection, String payload) throws SQLException;

    /**
     * The ids of claimable jobs, best first. Parameters: due by (now, or later when claiming ahead), now (not
     * expired by now), those of {@code filters}, the limit. An expired job is never claimed, even before the sweep
     * ends it, nor one that expires by its due time: claimed ahead, it would start after its expiry.
     */
    static String claimSelect(String filters) {
        return "SELECT id FROM jobs WHERE state = 'scheduled' AND due_at <= ?"
                + " AND (expires_at IS NULL OR (expires_at > ? AND expires_at > due_at))" + filters + " "
                + CLAIM_ORDER + " LIMIT ?";
    }

    /** The claim's SET; parameters as {@link Claim#bindClaimant} binds them. */
    static String claimSet() {
        return "UPDATE jobs SET state = 'running', owner = ?, lease_until = ?, lease_ms = ?, started_at = ?,"
                + " attempts = attempts + 1";
    }
}
