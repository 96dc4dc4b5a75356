package io.hourglass.jdbc;

import io.hourglass.store.Completion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Completions as portable JDBC batches: one fenced update per completion (retries and finishes are two batches,
 * as they set different columns), then one attempt row per accepted completion. H2's way, and PostgreSQL's when a
 * batch names a job twice (its one-statement form joins on the job id). The new state is the one core decided
 * ({@link Completion#nextState()}); a retry keeps the dedup key, a finish frees it.
 */
final class BatchCompletions {
    private static final String RETRY = "UPDATE jobs SET state = 'scheduled', due_at = ?, owner = NULL,"
            + " lease_until = NULL, last_outcome = ?, last_error = ?" + CompletionWriter.FENCE;

    private static final String FINISH = "UPDATE jobs SET state = ?, finished_at = ?, lease_until = NULL,"
            + " dedup_active = NULL, last_outcome = ?, last_error = ?" + CompletionWriter.FENCE;

    private static final String ATTEMPT = "INSERT INTO attempts (" + Rows.ATTEMPT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private BatchCompletions() {
    }

    /** Ends the attempts; returns, per completion in order, whether its fence let it through. */
    static boolean[] complete(Connection c, List<Completion> completions) throws SQLException {
        boolean[] accepted = new boolean[completions.size()];
        List<Integer> retries = new ArrayList<>();
        List<Integer> finishes = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            (completions.get(i).retryAt() != null ? retries : finishes).add(i);
        }
        update(c, RETRY, completions, retries, accepted);
        update(c, FINISH, completions, finishes, accepted);
        insertAttempts(c, CompletionWriter.accepted(completions, accepted));
        return accepted;
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
                    ps.setString(p++, done.nextState().wireName());
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

    private static void insertAttempts(Connection c, List<Completion> rows) throws SQLException {
        if (rows.isEmpty()) {
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
}
