package io.hourglass.jdbc;

import java.sql.PreparedStatement;
import java.time.Instant;

/**
 * "Run now": makes a scheduled job due at once by moving its due time forward, one guarded update. Nothing else
 * about the job changes (queue, priority, attempts), and nothing caches whether a job is due: the claim, the
 * wake-up timer and the overdue list all read {@code due_at} (with {@code state}) directly, and the partial
 * indexes on PostgreSQL are keyed by state, which stays {@code scheduled}. Other nodes are told the new due
 * time, as after an enqueue, so a sleeping dispatcher wakes.
 */
final class Expediter {
    private final Tx tx;
    private final Dialect dialect;

    Expediter(Tx tx, Dialect dialect) {
        this.tx = tx;
        this.dialect = dialect;
    }

    /** True when the job is scheduled: moved to {@code now}, or already due by then. */
    boolean makeDue(long jobId, Instant now) {
        return tx.inTransaction(() -> "run now of job " + jobId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE jobs SET due_at = ? WHERE id = ? AND state = 'scheduled' AND due_at > ?")) {
                Sql.setInstant(ps, 1, now);
                ps.setLong(2, jobId);
                Sql.setInstant(ps, 3, now);
                if (ps.executeUpdate() == 1) {
                    dialect.notifyChange(c, ChangePayload.jobs(now));
                    return true;
                }
            }
            return "scheduled".equals(Canceller.state(c, jobId));
        });
    }
}
