package io.hourglass.jdbc;

import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.store.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * PostgreSQL: a batch of jobs goes in as one statement over {@code unnest} of column arrays, with ids drawn from
 * the identity sequence first so each input row knows its id, and {@code ON CONFLICT DO NOTHING} leaving taken
 * dedup keys and (schedule, fire time) pairs alone; the claim is one {@code UPDATE ... RETURNING} over a
 * {@code FOR UPDATE SKIP LOCKED} subquery; a batch of completions and its attempt rows are one statement
 * ({@link PostgresCompletions}); changes go out with {@code pg_notify} on commit.
 */
final class PostgresDialect extends Dialect {
    static final String CHANNEL = "hourglass";

    private static final String INSERT = """
            WITH input AS MATERIALIZED (
                SELECT nextval(pg_get_serial_sequence('jobs', 'id')) AS id, t.*
                FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                            ?::timestamptz[], ?::int[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[],
                            ?::timestamptz[])
                     WITH ORDINALITY AS t(task, queue, priority, args, kwargs, dedup_key, due_at, created_at,
                                          max_attempts, timeout_ms, schedule_name, fire_at, fire_cell, expires_at,
                                          ord)
            ), inserted AS (
                INSERT INTO jobs (id, task, queue, priority, args, kwargs, dedup_key, dedup_active, state, due_at,
                                  created_at, attempts, max_attempts, timeout_ms, schedule_name, fire_at, fire_cell,
                                  expires_at)
                SELECT id, task, queue, priority, args, kwargs, dedup_key, dedup_key, 'scheduled', due_at,
                       created_at, 0, max_attempts, timeout_ms, schedule_name, fire_at, fire_cell, expires_at
                FROM input ORDER BY ord
                ON CONFLICT DO NOTHING
                RETURNING id
            )
            SELECT input.ord, input.id, inserted.id IS NOT NULL AS created
            FROM input LEFT JOIN inserted ON inserted.id = input.id
            ORDER BY input.ord""";

    @Override
    String name() {
        return "postgresql";
    }

    @Override
    long[] insertSkippingConflicts(Connection connection, List<NewJob> jobs, JsonCodec json) throws SQLException {
        int n = jobs.size();
        String[] task = new String[n];
        String[] queue = new String[n];
        Integer[] priority = new Integer[n];
        String[] args = new String[n];
        String[] kwargs = new String[n];
        String[] dedupKey = new String[n];
        String[] dueAt = new String[n];
        String[] createdAt = new String[n];
        Integer[] maxAttempts = new Integer[n];
        Long[] timeoutMs = new Long[n];
        String[] scheduleName = new String[n];
        String[] fireAt = new String[n];
        String[] cell = new String[n];
        String[] expiresAt = new String[n];
        for (int i = 0; i < n; i++) {
            NewJob job = jobs.get(i);
            task[i] = job.task();
            queue[i] = job.queue();
            priority[i] = job.priority();
            args[i] = json.args(job.args());
            kwargs[i] = json.kwargs(job.kwargs());
            dedupKey[i] = job.dedupKey();
            dueAt[i] = iso(job.dueAt());
            createdAt[i] = iso(job.createdAt());
            maxAttempts[i] = job.maxAttempts();
            timeoutMs[i] = Sql.millis(job.timeout());
            scheduleName[i] = job.scheduleName();
            fireAt[i] = iso(job.fireAt());
            cell[i] = job.cell();
            expiresAt[i] = iso(job.expiresAt());
        }
        long[] ids = new long[n];
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            ps.setArray(1, connection.createArrayOf("text", task));
            ps.setArray(2, connection.createArrayOf("text", queue));
            ps.setArray(3, connection.createArrayOf("int4", priority));
            ps.setArray(4, connection.createArrayOf("text", args));
            ps.setArray(5, connection.createArrayOf("text", kwargs));
            ps.setArray(6, connection.createArrayOf("text", dedupKey));
            ps.setArray(7, connection.createArrayOf("text", dueAt));
            ps.setArray(8, connection.createArrayOf("text", createdAt));
            ps.setArray(9, connection.createArrayOf("int4", maxAttempts));
            ps.setArray(10, connection.createArrayOf("int8", timeoutMs));
            ps.setArray(11, connection.createArrayOf("text", scheduleName));
            ps.setArray(12, connection.createArrayOf("text", fireAt));
            ps.setArray(13, connection.createArrayOf("text", cell));
            ps.setArray(14, connection.createArrayOf("text", expiresAt));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int index = rs.getInt(1) - 1;
                    ids[index] = rs.getBoolean(3) ? rs.getLong(2) : SKIPPED;
                }
            }
        }
        return ids;
    }

    static String iso(Instant value) {
        return value == null ? null : Sql.micros(value).toString();
    }

    /**
     * One statement: {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT n) RETURNING}, so
     * concurrent claimants skip each other's rows instead of waiting. Parameters: the claimant, now twice (due by,
     * not expired by), the filters, the limit.
     */
    @Override
    List<Job> claim(Connection connection, Claim claim, Rows rows) throws SQLException {
        String filters = claim.filters();
        String sql = claimSet() + " WHERE id IN (" + claimSelect(filters) + " FOR UPDATE SKIP LOCKED) RETURNING "
                + Rows.JOB_COLUMNS;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int p = claim.bindClaimant(ps);
            Sql.setInstant(ps, p++, claim.now());
            Sql.setInstant(ps, p++, claim.now());
            p = claim.bindFilters(connection, ps, p);
            ps.setInt(p, claim.limit());
            try (ResultSet rs = ps.executeQuery()) {
                return Rows.all(rs, rows::job);
            }
        }
    }

    /** One statement per batch ({@link PostgresCompletions}) unless a job is in it twice. */
    @Override
    boolean[] complete(Connection connection, List<Completion> completions) throws SQLException {
        boolean distinct = completions.stream().map(Completion::jobId).distinct().count() == completions.size();
        return distinct
                ? PostgresCompletions.complete(connection, completions)
                : BatchCompletions.complete(connection, completions);
    }

    @Override
    String refreshStatisticsSql() {
        return "ANALYZE jobs";
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
    PgChangeListener changeListener(PgChangeListener.ConnectionFactory connections) {
        return new PgChangeListener(connections);
    }

    @Override
    void notifyChange(Connection connection, String payload) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            ps.setString(1, payload);
            ps.execute();
        }
    }
}
