package io.hourglass.jdbc;

import io.hourglass.store.NewJob;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The SQL that differs between H2 and PostgreSQL: how a batch of jobs is inserted while skipping dedup conflicts,
 * the claim statement, upserts, and change notification. Everything else is portable SQL in the repositories.
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
     * key or its (schedule, fire time, cell) was taken, and tells other nodes (on commit) the earliest due time it
     * created. Any other failure throws; the caller's transaction then rolls back whatever the call wrote.
     */
    abstract long[] insertSkippingConflicts(Connection connection, List<NewJob> jobs, JsonCodec json)
            throws SQLException;

    /**
     * How many group-commit transactions of small inserts may run at once ({@link GroupCommit}): several where
     * a transaction is mostly round trips to a server, one on an embedded database in this process.
     */
    abstract int insertWriters();

    /**
     * One statement that claims due jobs and returns them with {@link Rows#JOB_COLUMNS}. Parameters: owner, lease
     * until, lease in ms, started at, now, then those of {@code filters} (an SQL fragment starting with " AND"), then the limit.
     * Null where claims go in two steps instead ({@link #claimsTakeTurns()}).
     */
    abstract String claimSql(String filters);

    /**
     * Whether claims from this process take turns in the JVM and run as two statements in one transaction: the
     * candidates' ids by {@link #claimSelect}, then {@link #CLAIM_BY_IDS}, whose {@code state = 'scheduled'}
     * re-check (after any row-lock wait) leaves out a job another process took in between (H2, see there).
     */
    abstract boolean claimsTakeTurns();

    /** Claims the given ids that are still scheduled. Parameters: owner, lease until, lease in ms, started at, ids. */
    static final String CLAIM_BY_IDS = "SELECT " + Rows.JOB_COLUMNS + " FROM FINAL TABLE (" + claimSet()
            + " WHERE id = ANY(?) AND state = 'scheduled')";

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
     * The completion of {@link Completer} as one statement over column arrays (see there for its parameters), or
     * null when this database has none and completions go as a JDBC batch.
     */
    abstract String completeFromArraysSql();

    /**
     * The attempt rows of {@link Completer} as one statement over column arrays (in {@link Rows#ATTEMPT_COLUMNS}
     * order), or null when they go as a JDBC batch.
     */
    String insertAttemptsFromArraysSql() {
        return null;
    }

    /**
     * Refreshes the planner's statistics of the jobs table after a bulk insert, or null when not needed. Without
     * it PostgreSQL keeps planning the claim for the table as it was before (say, empty) until autovacuum runs,
     * and sorts every due job on each claim instead of reading the claim index in order.
     */
    abstract String refreshStatisticsSql();

    /** Tells other nodes about a change, delivered when the transaction commits. A no-op for single-node stores. */
    abstract void notifyChange(Connection connection, String payload) throws SQLException;

    /**
     * The ids of claimable jobs, best first. Parameters: now (twice: due by now, and not expired by now), those of
     * {@code filters}, the limit. An expired job is never claimed, even before the sweep ends it.
     */
    static String claimSelect(String filters) {
        return "SELECT id FROM jobs WHERE state = 'scheduled' AND due_at <= ?"
                + " AND (expires_at IS NULL OR expires_at > ?)" + filters + " " + CLAIM_ORDER + " LIMIT ?";
    }

    static String claimSet() {
        return "UPDATE jobs SET state = 'running', owner = ?, lease_until = ?, lease_ms = ?, started_at = ?,"
                + " attempts = attempts + 1";
    }
}
