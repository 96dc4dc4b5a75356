package io.hourglass.jdbc;

import io.hourglass.store.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * PostgreSQL: a batch of jobs goes in by {@link PostgresJobInsert} (ids drawn first, {@code COPY} for the jobs no
 * unique key can refuse, {@code ON CONFLICT DO NOTHING} over column arrays for the others); the claim is one
 * {@code UPDATE ... RETURNING} over a {@code FOR UPDATE SKIP LOCKED} subquery; changes go out with
 * {@code pg_notify} on commit.
 */
final class PostgresDialect extends Dialect {
    static final String CHANNEL = "hourglass";

    /**
     * Completion of many jobs in one statement. The fence on state is written {@code state || ''} on purpose: as a
     * plain {@code state = 'running'} the planner matches it to the partial indexes on running jobs and, when its
     * statistics hold few running rows (as right after a bulk enqueue), drives the join from them and rescans the
     * arrays once per row (quadratic: 130 ms for 500 jobs); this way the arrays drive a primary-key lookup per job.
     */
    private static final String COMPLETE = """
            UPDATE jobs SET state = c.state,
                   due_at = COALESCE(c.retry_at, jobs.due_at),
                   owner = CASE WHEN c.retry_at IS NULL THEN jobs.owner END,
                   lease_until = NULL,
                   finished_at = CASE WHEN c.retry_at IS NULL THEN c.finished_at END,
                   dedup_active = CASE WHEN c.retry_at IS NULL THEN NULL ELSE jobs.dedup_active END,
                   last_outcome = c.outcome,
                   last_error = c.error
            FROM unnest(?::bigint[], ?::text[], ?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[],
                        ?::text[]) AS c(id, owner, attempt, state, retry_at, finished_at, outcome, error)
            WHERE jobs.id = c.id AND jobs.state || '' = 'running' AND jobs.owner = c.owner AND jobs.attempts = c.attempt
            RETURNING jobs.id""";

    @Override
    String name() {
        return "postgresql";
    }

    /** Four: a transaction here is mostly round trips, and one writer would serve the callers one group at a time. */
    @Override
    int insertWriters() {
        return 4;
    }

    @Override
    long[] insertSkippingConflicts(Connection connection, List<NewJob> jobs, JsonCodec json) throws SQLException {
        return PostgresJobInsert.insert(connection, jobs, json);
    }

    static String iso(Instant value) {
        return value == null ? null : Sql.micros(value).toString();
    }

    @Override
    String claimSql(String filters) {
        return claimSet() + " WHERE id IN (" + claimSelect(filters) + " FOR UPDATE SKIP LOCKED) RETURNING "
                + Rows.JOB_COLUMNS;
    }

    @Override
    String completeFromArraysSql() {
        return COMPLETE;
    }

    @Override
    String insertAttemptsFromArraysSql() {
        return "INSERT INTO attempts (" + Rows.ATTEMPT_COLUMNS + ") SELECT * FROM unnest(?::bigint[], ?::int[],"
                + " ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],"
                + " ?::int[])";
    }

    @Override
    String refreshStatisticsSql() {
        return "ANALYZE jobs";
    }

    @Override
    boolean claimsTakeTurns() {
        return false;
    }

    @Override
    String upsertQueueSql() {
        return "INSERT INTO queues (" + Rows.QUEUE_COLUMNS + ") VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE"
                + " SET concurrency = EXCLUDED.concurrency, paused = EXCLUDED.paused, max_size = EXCLUDED.max_size,"
                + " bypass_priority = EXCLUDED.bypass_priority";
    }

    @Override
    String upsertNodeSql() {
        return "INSERT INTO nodes (name, incarnation, started_at, last_heartbeat_at, tasks) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (name) DO UPDATE SET last_heartbeat_at = EXCLUDED.last_heartbeat_at,"
                + " tasks = EXCLUDED.tasks, started_at = CASE WHEN nodes.incarnation = EXCLUDED.incarnation"
                + " THEN nodes.started_at ELSE EXCLUDED.started_at END, incarnation = EXCLUDED.incarnation";
    }

    @Override
    String upsertWorkerSql() {
        return "INSERT INTO workers (name, queue, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (name, queue) DO UPDATE SET last_seen_at = EXCLUDED.last_seen_at"
                + " WHERE workers.last_seen_at <= ?";
    }

    @Override
    void notifyChange(Connection connection, String payload) throws SQLException {
        tell(connection, payload);
    }

    static void tell(Connection connection, String payload) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            ps.setString(1, payload);
            ps.execute();
        }
    }
}
