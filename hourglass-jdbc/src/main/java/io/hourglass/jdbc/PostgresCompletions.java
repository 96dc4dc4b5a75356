package io.hourglass.jdbc;

import io.hourglass.store.Completion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's completion of a batch: the fenced updates and the attempt rows of the accepted ones in one
 * statement over column arrays, so a batch is one round trip whatever the pool's driver settings (a JDBC batch of
 * inserts is one round trip per row unless the connection has {@code reWriteBatchedInserts}). The attempt insert
 * joins on the update's {@code RETURNING}, so a completion the fence refused writes no attempt. Needs each job at
 * most once in the batch (the join is on the job id); {@link PostgresDialect} sends other batches to
 * {@link BatchCompletions}.
 *
 * <p>The fence on state is written {@code state || ''} on purpose: as a plain {@code state = 'running'} the planner
 * matches it to the partial index on running jobs and, when its statistics hold few running rows (as right after a
 * bulk enqueue), drives the join from it and rescans the arrays once per row (quadratic: 130 ms for 500 jobs);
 * this way the arrays drive a primary-key lookup per job.
 */
final class PostgresCompletions {
    private static final String COMPLETE = """
            WITH c AS MATERIALIZED (
                SELECT * FROM unnest(?::bigint[], ?::text[], ?::int[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                                     ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[],
                                     ?::int[])
                    AS c(id, owner, attempt, state, retry_at, started_at, finished_at, outcome, error, output,
                         output_truncated, reported_outcome, outcome_rule)
            ), done AS (
                UPDATE jobs SET state = c.state,
                       due_at = COALESCE(c.retry_at, jobs.due_at),
                       owner = CASE WHEN c.retry_at IS NULL THEN jobs.owner END,
                       lease_until = NULL,
                       finished_at = CASE WHEN c.retry_at IS NULL THEN c.finished_at END,
                       dedup_active = CASE WHEN c.retry_at IS NULL THEN NULL ELSE jobs.dedup_active END,
                       last_outcome = c.outcome,
                       last_error = c.error
                FROM c
                WHERE jobs.id = c.id AND jobs.state || '' = 'running' AND jobs.owner = c.owner
                  AND jobs.attempts = c.attempt
                RETURNING jobs.id
            ), attempt_rows AS (
                INSERT INTO attempts (%s)
                SELECT c.id, c.attempt, c.owner, c.started_at, c.finished_at, c.outcome, c.error, c.output,
                       c.output_truncated, c.reported_outcome, c.outcome_rule
                FROM c JOIN done ON done.id = c.id
            )
            SELECT id FROM done""".formatted(Rows.ATTEMPT_COLUMNS);

    private PostgresCompletions() {
    }

    /** Ends the attempts of distinct jobs; returns, per completion in order, whether its fence let it through. */
    static boolean[] complete(Connection c, List<Completion> completions) throws SQLException {
        int n = completions.size();
        Long[] ids = new Long[n];
        String[] owners = new String[n];
        Integer[] attempts = new Integer[n];
        String[] states = new String[n];
        String[] retryAt = new String[n];
        String[] startedAt = new String[n];
        String[] finishedAt = new String[n];
        String[] outcomes = new String[n];
        String[] errors = new String[n];
        String[] outputs = new String[n];
        Boolean[] truncated = new Boolean[n];
        String[] reported = new String[n];
        Integer[] rules = new Integer[n];
        for (int i = 0; i < n; i++) {
            Completion done = completions.get(i);
            ids[i] = done.jobId();
            owners[i] = done.owner();
            attempts[i] = done.attempt();
            states[i] = done.nextState().wireName();
            retryAt[i] = PostgresDialect.iso(done.retryAt());
            startedAt[i] = PostgresDialect.iso(done.startedAt());
            finishedAt[i] = PostgresDialect.iso(done.finishedAt());
            outcomes[i] = done.outcome().wireName();
            errors[i] = done.error();
            outputs[i] = done.output();
            truncated[i] = done.outputTruncated();
            reported[i] = done.reportedOutcome() == null ? null : done.reportedOutcome().wireName();
            rules[i] = done.outcomeRule();
        }
        Set<Long> updated = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(COMPLETE)) {
            ps.setArray(1, c.createArrayOf("int8", ids));
            ps.setArray(2, c.createArrayOf("text", owners));
            ps.setArray(3, c.createArrayOf("int4", attempts));
            ps.setArray(4, c.createArrayOf("text", states));
            ps.setArray(5, c.createArrayOf("text", retryAt));
            ps.setArray(6, c.createArrayOf("text", startedAt));
            ps.setArray(7, c.createArrayOf("text", finishedAt));
            ps.setArray(8, c.createArrayOf("text", outcomes));
            ps.setArray(9, c.createArrayOf("text", errors));
            ps.setArray(10, c.createArrayOf("text", outputs));
            ps.setArray(11, c.createArrayOf("bool", truncated));
            ps.setArray(12, c.createArrayOf("text", reported));
            ps.setArray(13, c.createArrayOf("int4", rules));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    updated.add(rs.getLong(1));
                }
            }
        }
        boolean[] accepted = new boolean[n];
        for (int i = 0; i < n; i++) {
            accepted[i] = updated.contains(completions.get(i).jobId());
        }
        return accepted;
    }
}
