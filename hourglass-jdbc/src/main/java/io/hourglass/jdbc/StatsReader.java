package io.hourglass.jdbc;

import io.hourglass.attempt.Outcome;
import io.hourglass.job.FinishedCounts;
import io.hourglass.job.JobActivity;
import io.hourglass.job.JobState;
import io.hourglass.store.OutcomeCount;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts for dashboards and metrics, done by the database so nothing is capped by a page size. Jobs of given
 * states are counted by queue one branch per state, off the state's partial index (the owner index for running
 * jobs). Attempts are bucketed by {@code FLOOR(epoch seconds of finished_at / bucket size)}, which PostgreSQL and
 * H2 both compute the same way, over a range read through
 * {@code attempts_finished_ix}; the bucket size is a validated whole number of seconds and goes in as a literal so
 * the grouped expression is the selected one on both databases. The {@link JobActivity} summary is one statement
 * of five index reads (the primary key, the running jobs' state index, the two {@code finished_at} indexes),
 * the same text on both databases.
 */
final class StatsReader {
    private final Tx tx;

    StatsReader(Tx tx) {
        this.tx = tx;
    }

    Map<String, Map<JobState, Long>> countJobsByQueueAndState() {
        return byQueueAndState("count of jobs by queue and state",
                "SELECT queue, state, COUNT(*) FROM jobs GROUP BY queue, state");
    }

    /**
     * One grouped count per state, the state written as a literal (an enum's wire name), so that on PostgreSQL the
     * partial index of an unfinished state ({@code state = 'scheduled'}, {@code 'running'}) serves it: the count
     * reads the waiting and running jobs, not the history.
     */
    Map<String, Map<JobState, Long>> countJobsByQueueAndState(Set<JobState> states) {
        return byQueueAndState("count of " + states + " jobs by queue", states.stream().sorted()
                .map(state -> "SELECT queue, state, COUNT(*) FROM jobs WHERE state = '" + state.wireName()
                        + "' GROUP BY queue, state").collect(Collectors.joining(" UNION ALL ")));
    }

    /**
     * The newest {@code cap} jobs finished since the instant, counted by state: a range read of the finished-time
     * index ({@code jobs_finished_ix}) backward from its newest entry, stopped at the cap by the inner LIMIT, so
     * it reads at most {@code cap} entries and their rows whatever the history's length. The state filter is
     * belt and braces (a job that is retried loses its finished time).
     */
    FinishedCounts countFinishedSince(Instant since, int cap) {
        String sql = "SELECT state, COUNT(*), MIN(finished_at) FROM (SELECT state, finished_at FROM jobs"
                + " WHERE finished_at >= ? AND state IN ('succeeded', 'failed', 'cancelled', 'expired')"
                + " ORDER BY finished_at DESC LIMIT ?) recent GROUP BY state";
        return tx.inAutoCommit(() -> "count of the newest " + cap + " jobs finished since " + since, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.setInstant(ps, 1, since);
                ps.setInt(2, cap);
                try (ResultSet rs = ps.executeQuery()) {
                    Map<JobState, Long> byState = new EnumMap<>(JobState.class);
                    Instant oldest = null;
                    long total = 0;
                    while (rs.next()) {
                        byState.put(JobState.fromWireName(rs.getString(1)), rs.getLong(2));
                        total += rs.getLong(2);
                        Instant first = rs.getObject(3, OffsetDateTime.class).toInstant();
                        oldest = oldest == null || first.isBefore(oldest) ? first : oldest;
                    }
                    return new FinishedCounts(since, byState, total >= cap, oldest);
                }
            }
        });
    }

    /** Runs a count whose rows are (queue, state, count). */
    private Map<String, Map<JobState, Long>> byQueueAndState(String operation, String sql) {
        return tx.inAutoCommit(() -> operation, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql);
                 ResultSet rs = ps.executeQuery()) {
                Map<String, Map<JobState, Long>> counts = new TreeMap<>();
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), queue -> new EnumMap<>(JobState.class))
                            .put(JobState.fromWireName(rs.getString(2)), rs.getLong(3));
                }
                return counts;
            }
        });
    }

    List<OutcomeCount> countAttempts(Instant from, Instant to, Duration bucket) {
        if (bucket.getSeconds() < 1 || bucket.getNano() != 0) {
            throw new IllegalArgumentException("bucket must be a whole number of seconds, at least one, was " + bucket);
        }
        long size = bucket.getSeconds();
        String bucketOf = "FLOOR(EXTRACT(EPOCH FROM finished_at) / " + size + ")";
        String sql = "SELECT b, outcome, COUNT(*) FROM (SELECT " + bucketOf + " AS b, outcome FROM attempts"
                + " WHERE finished_at >= ? AND finished_at < ?) ranged GROUP BY b, outcome";
        List<OutcomeCount> counts = tx.inAutoCommit(
                () -> "count of attempts from " + from + " to " + to + " by " + bucket, c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        Sql.setInstant(ps, 1, from);
                        Sql.setInstant(ps, 2, to);
                        try (ResultSet rs = ps.executeQuery()) {
                            List<OutcomeCount> found = new ArrayList<>();
                            while (rs.next()) {
                                found.add(new OutcomeCount(Instant.ofEpochSecond(rs.getLong(1) * size),
                                        Outcome.fromWireName(rs.getString(2)), rs.getLong(3)));
                            }
                            return found;
                        }
                    }
                });
        counts.sort(Comparator.comparing(OutcomeCount::bucketStart).thenComparing(OutcomeCount::outcome));
        return counts;
    }

    JobActivity readJobActivity() {
        return tx.inAutoCommit(() -> "job activity summary", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT MAX(id) FROM jobs) AS newest_id,"
                    + " (SELECT COUNT(*) FROM jobs WHERE state = 'running') AS running,"
                    + " (SELECT MAX(started_at) FROM jobs WHERE state = 'running') AS newest_start,"
                    + " (SELECT MAX(finished_at) FROM jobs WHERE finished_at IS NOT NULL) AS newest_finish,"
                    + " (SELECT MAX(finished_at) FROM attempts) AS newest_attempt_end");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new JobActivity(rs.getLong("newest_id"), rs.getLong("running"), Sql.instant(rs, "newest_start"),
                        Sql.instant(rs, "newest_finish"), Sql.instant(rs, "newest_attempt_end"));
            }
        });
    }
}
