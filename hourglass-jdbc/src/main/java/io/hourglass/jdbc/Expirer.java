package io.hourglass.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Ends the scheduled jobs whose expiry passed before anything started them: state {@code expired}, finished now,
 * dedup key freed, the reason in {@code last_error}. Claims already skip such jobs (see {@link Dialect#claimSelect}),
 * so this only moves them to their final state: a job is never both started and expired, since both statements
 * require {@code state = 'scheduled'} and the database settles who came first. The sweep works in batches off the
 * expiry index; the schedule firer expires one schedule's jobs in its own transaction so a {@code skipIfPending}
 * cell whose job expired is not held up until the next sweep.
 */
final class Expirer {
    static final String REASON = "expired: not started within its expiresAfter of its due time (by expiresAt)";

    private static final String SET = "UPDATE jobs SET state = 'expired', finished_at = ?, dedup_active = NULL,"
            + " last_error = ?";
    private static final String BATCH = SET + " WHERE id IN (SELECT id FROM jobs WHERE state = 'scheduled'"
            + " AND expires_at <= ? ORDER BY expires_at LIMIT ?) AND state = 'scheduled' AND expires_at <= ?";
    private static final String OF_SCHEDULE = SET + " WHERE schedule_name = ? AND state = 'scheduled'"
            + " AND expires_at <= ?";

    private final Tx tx;

    Expirer(Tx tx) {
        this.tx = tx;
    }

    /** Expires up to {@code limit} jobs whose expiry is at or before {@code now}; returns how many. */
    int expireJobs(Instant now, int limit) {
        if (limit <= 0) {
            return 0;
        }
        return tx.inTransaction(() -> "expiry of jobs not started by " + now, c -> {
            try (PreparedStatement ps = c.prepareStatement(BATCH)) {
                Sql.setInstant(ps, 1, now);
                ps.setString(2, REASON);
                Sql.setInstant(ps, 3, now);
                ps.setInt(4, limit);
                Sql.setInstant(ps, 5, now);
                return ps.executeUpdate();
            }
        });
    }

    /** Expires one schedule's jobs whose expiry passed, on the caller's transaction. */
    static void expireJobsOf(Connection c, String schedule, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OF_SCHEDULE)) {
            Sql.setInstant(ps, 1, now);
            ps.setString(2, REASON);
            ps.setString(3, schedule);
            Sql.setInstant(ps, 4, now);
            ps.executeUpdate();
        }
    }
}
