package io.hourglass.jdbc;

import io.hourglass.job.Job;
import io.hourglass.store.Completion;
import io.hourglass.store.NewJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * PostgreSQL: a batch of jobs goes in by {@link PostgresJobInsert} (ids drawn first, {@code COPY} for the jobs no
 * unique key can refuse, {@code ON CONFLICT DO NOTHING} over column arrays for the others); the claim is one
 * {@code UPDATE ... RETURNING} over a {@code FOR UPDATE SKIP LOCKED} subquery; a batch of completions and its
 * attempt rows are one statement ({@link PostgresCompletions}); changes go out with {@code pg_notify} on commit.
 */
final class PostgresDialect extends Dialect {
    static final String CHANNEL = "hourglass";

    @Override
    String name() {
        return "postgresql";
    }

    /**
     * Says so when autovacuum is off. Every job leaves dead row versions, and dead entries at the low end of the
     * claim and next-due indexes, where every claim and next-due read starts; until a vacuum removes them each of
     * those reads walks past them all (docs/architecture.md, "Vacuum").
     */
    @Override
    String maintenanceWarning(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW autovacuum")) {
            if (rs.next() && "off".equals(rs.getString(1))) {
                return "PostgreSQL's autovacuum is off on this server: nothing removes the dead rows every job leaves"
                        + " in the jobs table, so every claim reads more of them as jobs run; turn autovacuum on (the"
                        + " default), or run VACUUM on the jobs table every minute or so";
            }
            return null;
        }
    }

    /**
     * Two: one transaction's round trips never hold up the next group, and fewer writers make bigger groups (one
     * commit for more calls). Measured (REST enqueues a second at 8 and at 32 connections): four 5,700-6,400 and
     * 9,200, two 7,100-7,200 and 16,000, one 7,500-7,700 and 15,000, where four kept groups at one or two jobs and
     * cost PostgreSQL the most per job (docs/benchmarks.md, "Issue 11, session 9").
     */
    @Override
    int insertWriters() {
        return 2;
    }

    @Override
    long[] insertSkippingConflicts(Connection connection, List<NewJob> jobs, JsonCodec json, boolean tell)
            throws SQLException {
        return PostgresJobInsert.insert(connection, jobs, json, tell);
    }

    /** Also a batch that goes in by one statement and nothing after it ({@link PostgresJobInsert#isOneStatement}). */
    @Override
    boolean insertIsAtomicAlone(List<NewJob> jobs) {
        return jobs.size() == 1 || PostgresJobInsert.isOneStatement(jobs);
    }

    @Override
    JobNotices notifier(javax.sql.DataSource dataSource) {
        return PgNotifier.on(dataSource);
    }

    static String iso(Instant value) {
        return value == null ? null : Sql.micros(value).toString();
    }

    /**
     * One statement: {@code UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT n) RETURNING}, so
     * concurrent claimants skip each other's rows instead of waiting. Parameters: the claimant, due by, now (not
     * expired by), the filters, the limit.
     */
    @Override
    List<Job> claim(Connection connection, Claim claim, Rows rows) throws SQLException {
        String filters = claim.filters();
        String sql = claimSet() + " WHERE id IN (" + claimSelect(filters) + " FOR UPDATE SKIP LOCKED) RETURNING "
                + Rows.JOB_COLUMNS;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int p = claim.bindClaimant(ps);
            Sql.setInstant(ps, p++, claim.dueBy());
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
        tell(connection, payload);
    }

    static void tell(Connection connection, String payload) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            ps.setString(1, payload);
            ps.execute();
        }
    }
}
