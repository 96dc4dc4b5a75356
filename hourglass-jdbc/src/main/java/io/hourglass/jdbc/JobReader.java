package io.hourglass.jdbc;

import io.hourglass.attempt.Attempt;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.job.Page;
import io.hourglass.store.Incarnation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads jobs and attempts: by id, by filter with cursor paging (newest first), overdue, expired leases. */
final class JobReader {
    private final Tx tx;
    private final Rows rows;

    JobReader(Tx tx, Rows rows) {
        this.tx = tx;
        this.rows = rows;
    }

    Optional<Job> findJob(long id) {
        return tx.inAutoCommit(() -> "read of job " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.JOB_COLUMNS + " FROM jobs WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rows.job(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Newest first; the cursor is the id of a page's last row and the next page holds smaller ids. Every filter but
     * the text search is a plain comparison on a column (no function over a column), so the indexes on task, queue,
     * dedup key, schedule and finish time serve it; the others narrow the id-ordered scan, which stops after one
     * page. A number as the text search is an id (or a dedup key): two index lookups. Other text is also looked for in
     * args and kwargs ({@code LIKE '%text%'}), which no index serves: it narrows that scan too, so a rare text
     * reads the history until it has a page. Each branch of {@link #stateBranches} reads its own newest page and
     * the union keeps the newest of those.
     */
    Page<Job> findJobs(JobQuery query) {
        List<Object> params = new ArrayList<>();
        List<String> branches = stateBranches(query.states());
        StringBuilder union = new StringBuilder();
        for (int b = 0; b < branches.size(); b++) {
            union.append(b == 0 ? "" : " UNION ALL ").append("SELECT ").append(Rows.JOB_COLUMNS)
                    .append(" FROM (SELECT ").append(Rows.JOB_COLUMNS).append(" FROM jobs WHERE ")
                    .append(branches.get(b)).append(filters(query, params))
                    .append(" ORDER BY id DESC LIMIT ?) branch").append(b);
            params.add(query.limit() + 1);
        }
        String sql = union + " ORDER BY id DESC LIMIT ?";
        params.add(query.limit() + 1);
        List<Job> found = tx.inAutoCommit(() -> "job query " + query, c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                try (ResultSet rs = ps.executeQuery()) {
                    return Rows.all(rs, rows::job);
                }
            }
        });
        if (found.size() <= query.limit()) {
            return new Page<>(found, null);
        }
        List<Job> page = found.subList(0, query.limit());
        return new Page<>(page, Long.toString(page.get(page.size() - 1).id()));
    }

    /**
     * Counts at most {@code cap} matching rows: the inner LIMIT stops the scan there, whatever the history. One
     * branch per state (see {@link #stateBranches}), so that on PostgreSQL the partial index of an unfinished state
     * serves its branch instead of a scan of the history.
     */
    long countJobs(JobQuery query, long cap) {
        List<Object> params = new ArrayList<>();
        StringBuilder matching = new StringBuilder();
        for (String branch : stateBranches(query.states())) {
            matching.append(matching.length() == 0 ? "" : " UNION ALL ").append("SELECT id FROM jobs WHERE ")
                    .append(branch).append(filters(query, params));
        }
        String sql = "SELECT COUNT(*) FROM (" + matching + " LIMIT ?) matching";
        params.add(cap);
        return tx.inAutoCommit(() -> "count of jobs matching " + query, c -> {
            try (PreparedStatement ps = prepare(c, sql, params)) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * The state conditions a query reads under, each written with literals (an enum's wire name): one per asked
     * state, or running jobs and all others when no state is asked. On PostgreSQL the task and queue indexes leave
     * running jobs out (the owner index holds them), and a partial index serves only a query whose own literals
     * imply its predicate: a bound state, or none, would send a filter on task or queue through the history.
     */
    private static List<String> stateBranches(Set<JobState> states) {
        if (states.isEmpty()) {
            return List.of("state <> '" + JobState.RUNNING.wireName() + "'",
                    "state = '" + JobState.RUNNING.wireName() + "'");
        }
        return new TreeSet<>(states).stream().map(state -> "state = '" + state.wireName() + "'").toList();
    }

    /** The query's conditions other than its states, each starting with AND, their values added to params. */
    private static String filters(JobQuery query, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        condition(sql, params, " AND queue = ?", query.queue());
        condition(sql, params, " AND task = ?", query.task());
        condition(sql, params, " AND dedup_key = ?", query.dedupKey());
        condition(sql, params, " AND schedule_name = ?", query.scheduleName());
        condition(sql, params, " AND last_outcome = ?", query.outcome() == null ? null : query.outcome().wireName());
        if (query.node() != null) { // a node name stands for each of its incarnations' owner strings (name#startid)
            sql.append(" AND (owner = ? OR owner LIKE ? ESCAPE '!')");
            params.add(query.node());
            params.add(Sql.likePrefix(query.node() + Incarnation.SEPARATOR));
        }
        condition(sql, params, " AND due_at >= ?", Sql.utc(query.dueFrom()));
        condition(sql, params, " AND due_at < ?", Sql.utc(query.dueTo()));
        condition(sql, params, " AND created_at >= ?", Sql.utc(query.createdFrom()));
        condition(sql, params, " AND created_at < ?", Sql.utc(query.createdTo()));
        condition(sql, params, " AND finished_at >= ?", Sql.utc(query.finishedFrom()));
        condition(sql, params, " AND finished_at < ?", Sql.utc(query.finishedTo()));
        if (query.text() != null && query.text().matches(JobQuery.ID_TEXT)) { // the primary key and the dedup key index
            sql.append(" AND (id = ? OR dedup_key = ?)");
            params.add(Long.parseLong(query.text()));
            params.add(query.text());
        } else if (query.text() != null) {
            sql.append(" AND (dedup_key = ? OR args LIKE ? ESCAPE '!' OR kwargs LIKE ? ESCAPE '!')");
            params.add(query.text());
            params.add(Sql.likeContains(query.text()));
            params.add(Sql.likeContains(query.text()));
        }
        condition(sql, params, " AND id < ?", query.cursor() == null ? null : Long.parseLong(query.cursor()));
        return sql.toString();
    }

    private static PreparedStatement prepare(java.sql.Connection c, String sql, List<Object> params)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            params.add(value);
        }
    }

    List<Job> findOverdue(Instant now, int limit) {
        return jobs("overdue jobs before " + now, "SELECT " + Rows.JOB_COLUMNS + " FROM jobs"
                + " WHERE state = 'scheduled' AND due_at < ? ORDER BY state, due_at, id LIMIT ?", now, limit);
    }

    List<Job> findExpiredLeases(Instant now, int limit) {
        return jobs("expired leases before " + now, "SELECT " + Rows.JOB_COLUMNS + " FROM jobs"
                + " WHERE state = 'running' AND lease_until < ? ORDER BY state, lease_until, id LIMIT ?", now, limit);
    }

    private List<Job> jobs(String operation, String sql, Instant before, int limit) {
        return tx.inAutoCommit(() -> "read of " + operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.setInstant(ps, 1, before);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    return Rows.all(rs, rows::job);
                }
            }
        });
    }

    List<Attempt> findAttempts(long jobId) {
        return tx.inAutoCommit(() -> "read of attempts of job " + jobId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.ATTEMPT_COLUMNS + " FROM attempts"
                    + " WHERE job_id = ? ORDER BY number")) {
                ps.setLong(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    return Rows.all(rs, Rows::attempt);
                }
            }
        });
    }

    Optional<Instant> lastSuccess(String dedupKey) {
        return tx.inAutoCommit(() -> "last success of dedup key '" + dedupKey + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(finished_at) AS finished_at FROM jobs"
                    + " WHERE dedup_key = ? AND state = 'succeeded'")) {
                ps.setString(1, dedupKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(Sql.instant(rs, "finished_at")) : Optional.empty();
                }
            }
        });
    }

    long countScheduled(String queue) {
        return tx.inAutoCommit(() -> "count of scheduled jobs in queue '" + queue + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM jobs WHERE queue = ? AND state = 'scheduled'")) {
                ps.setString(1, queue);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Reads one entry of the task index (on PostgreSQL keyed by task and state, without running jobs) or of the
     * running jobs, not the task's history.
     */
    boolean hasUnfinishedJobs(String task) {
        return tx.inAutoCommit(() -> "check for unfinished jobs of task '" + task + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM jobs WHERE task = ? AND state = 'scheduled'"
                            + " UNION ALL SELECT 1 FROM jobs WHERE task = ? AND state = 'running' LIMIT 1")) {
                ps.setString(1, task);
                ps.setString(2, task);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
