package io.hourglass.jdbc;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.JobState;
import io.hourglass.store.Completion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ends attempts in one transaction: a fenced update per completion (it applies only while the job runs under the
 * same owner and attempt number, so a zombie changes nothing), then an attempt row for each completion that was
 * accepted. On PostgreSQL the updates and the attempt rows are one statement each over column arrays (the same
 * write path whatever pool the store runs on); on H2 JDBC batches. A job with a retry time goes back to scheduled
 * keeping its dedup key; any other ends in its final state and frees its dedup key.
 */
final class Completer {
    /** The fence of every write by a job's owner: it still runs the job, under this owner and attempt number. */
    static final String FENCE = " WHERE id = ? AND state = 'running' AND owner = ? AND attempts = ?";

    private static final String RETRY = "UPDATE jobs SET state = 'scheduled', due_at = ?, owner = NULL,"
            + " lease_until = NULL, last_outcome = ?, last_error = ?" + FENCE;

    private static final String FINISH = "UPDATE jobs SET state = ?, finished_at = ?, lease_until = NULL,"
            + " dedup_active = NULL, last_outcome = ?, last_error = ?" + FENCE;

    private static final String ATTEMPT = "INSERT INTO attempts (" + Rows.ATTEMPT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Tx tx;
    private final Dialect dialect;

    Completer(Tx tx, Dialect dialect) {
        this.tx = tx;
        this.dialect = dialect;
    }

    boolean[] complete(List<Completion> completions) {
        if (completions.isEmpty()) {
            return new boolean[0];
        }
        return tx.inTransaction(() -> "completion of " + describe(completions), c -> {
            boolean[] accepted = new boolean[completions.size()];
            List<Integer> retries = new ArrayList<>();
            List<Integer> finishes = new ArrayList<>();
            for (int i = 0; i < completions.size(); i++) {
                (completions.get(i).retryAt() != null ? retries : finishes).add(i);
            }
            String fromArrays = dialect.completeFromArraysSql();
            if (fromArrays != null && distinctJobs(completions)) {
                updateFromArrays(c, fromArrays, completions, accepted);
            } else {
                update(c, RETRY, completions, retries, accepted);
                update(c, FINISH, completions, finishes, accepted);
            }
            insertAttempts(c, completions, accepted);
            notifyRetries(c, completions, accepted);
            return accepted;
        });
    }

    private static boolean distinctJobs(List<Completion> completions) {
        return completions.stream().map(Completion::jobId).distinct().count() == completions.size();
    }

    /**
     * One statement for the whole list. Parameters, as arrays in list order: job id, owner, attempt, new state,
     * retry at, finished at, outcome, error.
     */
    private static void updateFromArrays(Connection c, String sql, List<Completion> completions, boolean[] accepted)
            throws SQLException {
        int n = completions.size();
        Long[] ids = new Long[n];
        String[] owners = new String[n];
        Integer[] attempts = new Integer[n];
        String[] states = new String[n];
        String[] retryAt = new String[n];
        String[] finishedAt = new String[n];
        String[] outcomes = new String[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            Completion done = completions.get(i);
            ids[i] = done.jobId();
            owners[i] = done.owner();
            attempts[i] = done.attempt();
            states[i] = (done.retryAt() != null ? JobState.SCHEDULED : finalState(done.outcome())).wireName();
            retryAt[i] = PostgresDialect.iso(done.retryAt());
            finishedAt[i] = PostgresDialect.iso(done.finishedAt());
            outcomes[i] = done.outcome().wireName();
            errors[i] = done.error();
        }
        Set<Long> updated = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("int8", ids));
            ps.setArray(2, c.createArrayOf("text", owners));
            ps.setArray(3, c.createArrayOf("int4", attempts));
            ps.setArray(4, c.createArrayOf("text", states));
            ps.setArray(5, c.createArrayOf("text", retryAt));
            ps.setArray(6, c.createArrayOf("text", finishedAt));
            ps.setArray(7, c.createArrayOf("text", outcomes));
            ps.setArray(8, c.createArrayOf("text", errors));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    updated.add(rs.getLong(1));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            accepted[i] = updated.contains(completions.get(i).jobId());
        }
    }

    private static void update(Connection c, String sql, List<Completion> completions, List<Integer> indexes,
                               boolean[] accepted) throws SQLException {
        if (indexes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int index : indexes) {
                Completion done = completions.get(index);
                int p = 1;
                if (done.retryAt() != null) {
                    Sql.setInstant(ps, p++, done.retryAt());
                } else {
                    ps.setString(p++, finalState(done.outcome()).wireName());
                    Sql.setInstant(ps, p++, done.finishedAt());
                }
                ps.setString(p++, done.outcome().wireName());
                ps.setString(p++, done.error());
                ps.setLong(p++, done.jobId());
                ps.setString(p++, done.owner());
                ps.setInt(p, done.attempt());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int k = 0; k < indexes.size(); k++) {
                if (counts[k] > 1) {
                    throw new StoreException("bug: completion of job " + completions.get(indexes.get(k)).jobId()
                            + " updated " + counts[k] + " rows");
                }
                accepted[indexes.get(k)] = counts[k] == 1;
            }
        }
    }

    static JobState finalState(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> JobState.SUCCEEDED;
            case CANCELLED -> JobState.CANCELLED;
            case FAILED, INFRA_ERROR, TIMED_OUT -> JobState.FAILED;
        };
    }

    private void insertAttempts(Connection c, List<Completion> completions, boolean[] accepted)
            throws SQLException {
        List<Completion> rows = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            if (accepted[i]) {
                rows.add(completions.get(i));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        String fromArrays = dialect.insertAttemptsFromArraysSql();
        if (fromArrays != null) {
            insertAttemptsFromArrays(c, fromArrays, rows);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(ATTEMPT)) {
            for (Completion done : rows) {
                ps.setLong(1, done.jobId());
                ps.setInt(2, done.attempt());
                ps.setString(3, done.owner());
                Sql.setInstant(ps, 4, done.startedAt());
                Sql.setInstant(ps, 5, done.finishedAt());
                ps.setString(6, done.outcome().wireName());
                ps.setString(7, done.error());
                ps.setString(8, done.output());
                ps.setBoolean(9, done.outputTruncated());
                ps.setString(10, done.reportedOutcome() == null ? null : done.reportedOutcome().wireName());
                Sql.setInteger(ps, 11, done.outcomeRule());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * All attempt rows in one statement, whatever the driver's settings: a JDBC batch of inserts is one round trip
     * per row on PostgreSQL unless the connection was opened with {@code reWriteBatchedInserts}, which a pool the
     * caller configured may not have. Parameters, as arrays: the attempt columns in {@link Rows#ATTEMPT_COLUMNS}
     * order.
     */
    private static void insertAttemptsFromArrays(Connection c, String sql, List<Completion> rows)
            throws SQLException {
        int n = rows.size();
        Long[] jobIds = new Long[n];
        Integer[] numbers = new Integer[n];
        String[] owners = new String[n];
        String[] startedAt = new String[n];
        String[] finishedAt = new String[n];
        String[] outcomes = new String[n];
        String[] errors = new String[n];
        String[] outputs = new String[n];
        Boolean[] truncated = new Boolean[n];
        String[] reported = new String[n];
        Integer[] rules = new Integer[n];
        for (int i = 0; i < n; i++) {
            Completion done = rows.get(i);
            jobIds[i] = done.jobId();
            numbers[i] = done.attempt();
            owners[i] = done.owner();
            startedAt[i] = PostgresDialect.iso(done.startedAt());
            finishedAt[i] = PostgresDialect.iso(done.finishedAt());
            outcomes[i] = done.outcome().wireName();
            errors[i] = done.error();
            outputs[i] = done.output();
            truncated[i] = done.outputTruncated();
            reported[i] = done.reportedOutcome() == null ? null : done.reportedOutcome().wireName();
            rules[i] = done.outcomeRule();
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("int8", jobIds));
            ps.setArray(2, c.createArrayOf("int4", numbers));
            ps.setArray(3, c.createArrayOf("text", owners));
            ps.setArray(4, c.createArrayOf("text", startedAt));
            ps.setArray(5, c.createArrayOf("text", finishedAt));
            ps.setArray(6, c.createArrayOf("text", outcomes));
            ps.setArray(7, c.createArrayOf("text", errors));
            ps.setArray(8, c.createArrayOf("text", outputs));
            ps.setArray(9, c.createArrayOf("bool", truncated));
            ps.setArray(10, c.createArrayOf("text", reported));
            ps.setArray(11, c.createArrayOf("int4", rules));
            ps.executeUpdate();
        }
    }

    private void notifyRetries(Connection c, List<Completion> completions, boolean[] accepted) throws SQLException {
        Instant earliest = null;
        for (int i = 0; i < completions.size(); i++) {
            Instant retryAt = completions.get(i).retryAt();
            if (accepted[i] && retryAt != null && (earliest == null || retryAt.isBefore(earliest))) {
                earliest = retryAt;
            }
        }
        if (earliest != null) {
            dialect.notifyChange(c, ChangePayload.jobs(earliest));
        }
    }

    private static String describe(List<Completion> completions) {
        Completion first = completions.get(0);
        return completions.size() == 1
                ? "job " + first.jobId() + " attempt " + first.attempt() + " by owner '" + first.owner() + "'"
                : completions.size() + " jobs (first: job " + first.jobId() + " by owner '" + first.owner() + "')";
    }
}
