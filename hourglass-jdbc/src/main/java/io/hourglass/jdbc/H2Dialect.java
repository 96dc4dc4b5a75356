package io.hourglass.jdbc;

import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.store.NewJob;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * H2 2.x. Jobs go in as JDBC batches of 1,000: H2 runs every row of a batch, fails only the rows that hit a unique key
 * (the failed row alone is rolled back, not the transaction) and returns the generated ids of the rows it
 * inserted, in order.
 *
 * <p>Claims do <em>not</em> use {@code FOR UPDATE SKIP LOCKED}: H2 locks every row its locking query reads before
 * it sorts and applies the limit, so one claimer would lock all due jobs and the others would skip them all (and
 * locking 100,000 rows to take 500 is slow). Nor one {@code UPDATE ... WHERE id IN (subquery)}: H2 evaluates it by
 * scanning every scheduled job (200+ ms for 100,000). Instead claims from one process take turns in the JVM and
 * each reads the best ids off the claim index, then updates those ids that are still scheduled in
 * {@code FINAL TABLE (UPDATE ...)}. Against another process on the same database (an H2 server), the update waits
 * for a row that process holds and re-checks its state once it commits, so each job is still claimed once.
 *
 * <p>Bulk inserts take turns in the JVM too ({@link #inInsertTurn}; small calls share the one group-commit writer). A row whose dedup key
 * another open transaction has just inserted waits for that transaction; two batches holding each other's keys
 * (concurrent bulk calls with overlapping keys) wait until H2's lock timeout fails one, and the retry can meet the
 * same again: four callers of 200 jobs each did not finish in 60 s. H2 is one process's database, and its inserts
 * gain little from running side by side; PostgreSQL avoids the same cycle by inserting keyed rows in key order.
 */
final class H2Dialect extends Dialect {
    private static final String UNIQUE_VIOLATION = "23505";
    /** Rows per JDBC batch, as before the insert became the dialect's whole operation. */
    static final int BATCH = 1000;

    private static final String INSERT = "INSERT INTO jobs (" + Rows.NEW_JOB_COLUMNS + ") VALUES ("
            + Rows.NEW_JOB_VALUES + ")";

    /** Claims the given ids that are still scheduled. Parameters: owner, lease until, lease in ms, started at, ids. */
    private static final String CLAIM_BY_IDS = "SELECT " + Rows.JOB_COLUMNS + " FROM FINAL TABLE (" + claimSet()
            + " WHERE id = ANY(?) AND state = 'scheduled')";

    private final ReentrantLock turns = new ReentrantLock(true);
    private final ReentrantLock insertTurns = new ReentrantLock(true);

    /** The driver class whose presence means H2 is on the classpath. */
    static final String DRIVER = "org.h2.Driver";

    @Override
    String name() {
        return "h2";
    }

    /**
     * Fails with a message saying what to add when H2 is not on {@code loader}'s classpath: hourglass-jdbc leaves
     * it out (an optional dependency) so that applications on PostgreSQL do not carry it.
     */
    static void requireDriver(ClassLoader loader) {
        try {
            Class.forName(DRIVER, false, loader);
        } catch (ClassNotFoundException e) {
            throw new StoreException("the embedded store (JdbcStore.embedded, or a jdbc:h2: URL) needs H2 on the"
                    + " classpath, which hourglass-jdbc does not bring: add the dependency com.h2database:h2 (the"
                    + " version Hourglass is tested with is managed by hourglass-bom), or use PostgreSQL", e);
        }
    }

    /**
     * One: transactions in this process gain little from running side by side, and H2's batch answer for rows
     * refused by another transaction's uncommitted keys was seen to pair ids with the wrong rows (four writers
     * of 400 single enqueues over 100 keys).
     */
    @Override
    int insertWriters() {
        return 1;
    }

    /** In batches of {@link #BATCH} rows, each its own JDBC batch, on the caller's transaction. */
    @Override
    long[] insertSkippingConflicts(Connection connection, List<NewJob> jobs, JsonCodec json, boolean tell)
            throws SQLException {
        long[] ids = new long[jobs.size()];
        for (int from = 0; from < jobs.size(); from += BATCH) {
            List<NewJob> batch = jobs.subList(from, Math.min(jobs.size(), from + BATCH));
            System.arraycopy(insertBatch(connection, batch, json), 0, ids, from, batch.size());
        }
        return ids;
    }

    private static long[] insertBatch(Connection connection, List<NewJob> jobs, JsonCodec json) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT, new String[] {"ID"})) {
            for (NewJob job : jobs) {
                Rows.bindNewJob(ps, job, json);
                ps.addBatch();
            }
            int[] counts;
            try {
                counts = ps.executeBatch();
            } catch (BatchUpdateException e) {
                requireOnlyUniqueViolations(e);
                counts = e.getUpdateCounts();
            }
            return ids(ps, counts, jobs.size());
        }
    }

    private static long[] ids(PreparedStatement ps, int[] counts, int size) throws SQLException {
        if (counts.length != size) {
            throw new StoreException("bug: H2 reported " + counts.length + " results for a batch of " + size);
        }
        long[] ids = new long[size];
        try (ResultSet keys = ps.getGeneratedKeys()) {
            for (int i = 0; i < size; i++) {
                if (counts[i] == Statement.EXECUTE_FAILED) {
                    ids[i] = SKIPPED;
                } else if (keys.next()) {
                    ids[i] = keys.getLong(1);
                } else {
                    throw new StoreException("bug: H2 returned fewer generated ids than inserted rows");
                }
            }
        }
        return ids;
    }

    private static void requireOnlyUniqueViolations(BatchUpdateException batch) throws SQLException {
        for (SQLException e = batch.getNextException(); e != null; e = e.getNextException()) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
        if (batch.getNextException() == null && !UNIQUE_VIOLATION.equals(batch.getSQLState())) {
            throw batch;
        }
    }

    /**
     * Two statements in the caller's transaction: the candidates' ids off the claim index ({@link #claimSelect}),
     * then {@link #CLAIM_BY_IDS}, whose {@code state = 'scheduled'} re-check (after any row-lock wait) leaves out
     * a job another process took in between.
     */
    @Override
    List<Job> claim(Connection connection, Claim claim, Rows rows) throws SQLException {
        List<Long> ids = candidates(connection, claim);
        if (ids.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement ps = connection.prepareStatement(CLAIM_BY_IDS)) {
            int p = claim.bindClaimant(ps);
            ps.setArray(p, Sql.idArray(connection, ids));
            try (ResultSet rs = ps.executeQuery()) {
                return Rows.all(rs, rows::job);
            }
        }
    }

    private static List<Long> candidates(Connection connection, Claim claim) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(claimSelect(claim.filters()))) {
            Sql.setInstant(ps, 1, claim.dueBy());
            Sql.setInstant(ps, 2, claim.now());
            int p = claim.bindFilters(connection, ps, 3);
            ps.setInt(p, claim.limit());
            try (ResultSet rs = ps.executeQuery()) {
                return Rows.all(rs, r -> r.getLong(1));
            }
        }
    }

    /** Bulk inserts take turns, first come first served (see the class comment). */
    @Override
    <T> T inInsertTurn(Supplier<T> insertTransaction) {
        insertTurns.lock();
        try {
            return insertTransaction.get();
        } finally {
            insertTurns.unlock();
        }
    }

    /** Claims from this store take turns, first come first served (see the class comment). */
    @Override
    <T> T inClaimTurn(Supplier<T> claimTransaction) {
        turns.lock();
        try {
            return claimTransaction.get();
        } finally {
            turns.unlock();
        }
    }

    @Override
    boolean[] complete(Connection connection, List<Completion> completions) throws SQLException {
        return BatchCompletions.complete(connection, completions);
    }

    @Override
    String refreshStatisticsSql() {
        return null;
    }

    @Override
    String upsertQueueSql() {
        return "MERGE INTO queues (" + Rows.QUEUE_COLUMNS + ") KEY (name) VALUES (?, ?, ?, ?, ?)";
    }

    @Override
    String upsertNodeSql() {
        return "MERGE INTO nodes USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(250)),"
                + " CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CAST(? AS TIMESTAMP(6) WITH TIME ZONE),"
                + " CAST(? AS CHARACTER VARYING(1000000))))"
                + " AS beat(name, incarnation, started_at, heartbeat_at, tasks)"
                + " ON nodes.name = beat.name"
                + " WHEN MATCHED THEN UPDATE SET last_heartbeat_at = beat.heartbeat_at, tasks = beat.tasks,"
                + " started_at = CASE WHEN nodes.incarnation = beat.incarnation THEN nodes.started_at"
                + " ELSE beat.started_at END, incarnation = beat.incarnation"
                + " WHEN NOT MATCHED THEN INSERT (name, incarnation, started_at, last_heartbeat_at, tasks)"
                + " VALUES (beat.name, beat.incarnation, beat.started_at, beat.heartbeat_at, beat.tasks)";
    }

    @Override
    String upsertWorkerSql() {
        return "MERGE INTO workers USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(200)),"
                + " CAST(? AS TIMESTAMP(6) WITH TIME ZONE), CAST(? AS TIMESTAMP(6) WITH TIME ZONE)))"
                + " AS seen(name, queue, first_seen_at, last_seen_at)"
                + " ON workers.name = seen.name AND workers.queue = seen.queue"
                + " WHEN MATCHED AND workers.last_seen_at <= CAST(? AS TIMESTAMP(6) WITH TIME ZONE)"
                + " THEN UPDATE SET last_seen_at = seen.last_seen_at"
                + " WHEN NOT MATCHED THEN INSERT (name, queue, first_seen_at, last_seen_at)"
                + " VALUES (seen.name, seen.queue, seen.first_seen_at, seen.last_seen_at)";
    }

    /** None: one process owns an H2 database. */
    @Override
    PgChangeListener changeListener(PgChangeListener.ConnectionFactory connections) {
        return null;
    }

    /** None: one process owns an H2 database. */
    @Override
    JobNotices notifier(javax.sql.DataSource dataSource) {
        return JobNotices.NONE;
    }

    @Override
    void notifyChange(Connection connection, String payload) {
        // One process owns an H2 database: there is nobody to tell.
    }
}
