package io.hourglass.jdbc;

import io.hourglass.store.NewJob;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * H2 2.x. Jobs go in as one JDBC batch: H2 runs every row of a batch, fails only the rows that hit a unique key
 * (the failed row alone is rolled back, not the transaction) and returns the generated ids of the rows it
 * inserted, in order.
 *
 * <p>The claim is {@code SELECT ... FROM FINAL TABLE (UPDATE ...)} <em>without</em> {@code FOR UPDATE SKIP
 * LOCKED}: H2 locks every row its locking subquery reads before it sorts and applies the limit, so one claimer
 * would lock all due jobs and the others would skip them all (and locking 100,000 rows to take 500 is slow).
 * Without it, a claimer that meets a row another transaction is claiming waits for that transaction, and H2 then
 * re-runs the statement against the committed rows, so each job is still claimed exactly once (see the
 * concurrent claim tests); claimers on one H2 database take turns on contended rows instead of skipping them.
 * As waiting and re-running costs more than queueing, claims from one process take turns in the JVM first
 * ({@link #claimsTakeTurns()}); the database still settles races between processes.
 */
final class H2Dialect extends Dialect {
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String INSERT = "INSERT INTO jobs (task, queue, priority, args, kwargs, dedup_key,"
            + " dedup_active, state, due_at, created_at, attempts, max_attempts, timeout_ms, schedule_name, fire_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, 0, ?, ?, ?, ?)";

    @Override
    String name() {
        return "h2";
    }

    @Override
    long[] insertSkippingConflicts(Connection connection, List<NewJob> jobs, JsonCodec json) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(INSERT, new String[] {"ID"})) {
            for (NewJob job : jobs) {
                ps.setString(1, job.task());
                ps.setString(2, job.queue());
                ps.setInt(3, job.priority());
                ps.setString(4, json.args(job.args()));
                ps.setString(5, json.kwargs(job.kwargs()));
                ps.setString(6, job.dedupKey());
                ps.setString(7, job.dedupKey());
                Sql.setInstant(ps, 8, job.dueAt());
                Sql.setInstant(ps, 9, job.createdAt());
                Sql.setInteger(ps, 10, job.maxAttempts());
                Sql.setLong(ps, 11, Sql.millis(job.timeout()));
                ps.setString(12, job.scheduleName());
                Sql.setInstant(ps, 13, job.fireAt());
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

    @Override
    String claimSql(String filters) {
        return "SELECT " + Rows.JOB_COLUMNS + " FROM FINAL TABLE (" + claimSet()
                + " WHERE state = 'scheduled' AND id IN (" + claimSelect(filters) + "))";
    }

    @Override
    String completeFromArraysSql() {
        return null;
    }

    @Override
    String refreshStatisticsSql() {
        return null;
    }

    @Override
    boolean claimsTakeTurns() {
        return true;
    }

    @Override
    String upsertQueueSql() {
        return "MERGE INTO queues (" + Rows.QUEUE_COLUMNS + ") KEY (name) VALUES (?, ?, ?, ?, ?)";
    }

    @Override
    String upsertNodeSql() {
        return "MERGE INTO nodes USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS TIMESTAMP(6) WITH TIME ZONE),"
                + " CAST(? AS TIMESTAMP(6) WITH TIME ZONE))) AS beat(name, started_at, heartbeat_at)"
                + " ON nodes.name = beat.name"
                + " WHEN MATCHED THEN UPDATE SET last_heartbeat_at = beat.heartbeat_at"
                + " WHEN NOT MATCHED THEN INSERT (name, started_at, last_heartbeat_at)"
                + " VALUES (beat.name, beat.started_at, beat.heartbeat_at)";
    }

    @Override
    void notifyChange(Connection connection, String payload) {
        // One process owns an H2 database: there is nobody to tell.
    }
}
