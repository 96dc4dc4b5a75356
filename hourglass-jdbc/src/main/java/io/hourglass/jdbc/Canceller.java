package io.hourglass.jdbc;

import io.hourglass.job.CancelResult;
import io.hourglass.store.BulkCancel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;

/**
 * Cancels a job by state, each step a guarded update: a scheduled job is cancelled outright; a running one is
 * flagged for its owner (who sees it in its next heartbeat, or at once through a "cancel" notification) and
 * records the outcome itself. If the job moves between the steps (a retry put it back), the steps run again.
 */
final class Canceller {
    private static final int MAX_ROUNDS = 5;

    private final Tx tx;
    private final Dialect dialect;

    Canceller(Tx tx, Dialect dialect) {
        this.tx = tx;
        this.dialect = dialect;
    }

    CancelResult cancel(long jobId, Instant now) {
        return tx.inTransaction(() -> "cancel of job " + jobId, c -> {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                if (cancelScheduled(c, jobId, now)) {
                    return CancelResult.CANCELLED;
                }
                if (flagRunning(c, jobId)) {
                    dialect.notifyChange(c, ChangePayload.CANCEL);
                    return CancelResult.CANCELLATION_REQUESTED;
                }
                String state = state(c, jobId);
                if (state == null) {
                    return CancelResult.NOT_FOUND;
                }
                if (!state.equals("scheduled") && !state.equals("running")) {
                    return CancelResult.ALREADY_FINISHED;
                }
            }
            throw new StoreException("cancel of job " + jobId + " gave up: its state changed " + MAX_ROUNDS
                    + " times while cancelling");
        });
    }

    /**
     * Cancels a batch as {@link #cancel} does each job, in one transaction: one update for the scheduled jobs
     * and one for the running ones (already flagged ones are not counted again), each guarded by its state.
     */
    BulkCancel cancelJobs(Collection<Long> jobIds, Instant now) {
        if (jobIds.isEmpty()) {
            return new BulkCancel(0, 0);
        }
        String in = " WHERE id IN (" + "?, ".repeat(jobIds.size() - 1) + "?)";
        return tx.inTransaction(() -> "cancel of " + jobIds.size() + " jobs", c -> {
            int cancelled;
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'cancelled', finished_at = ?,"
                    + " dedup_active = NULL, last_outcome = 'cancelled', owner = NULL, lease_until = NULL"
                    + in + " AND state = 'scheduled'")) {
                Sql.setInstant(ps, 1, now);
                bindIds(ps, 2, jobIds);
                cancelled = ps.executeUpdate();
            }
            int requested;
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET cancel_requested = TRUE"
                    + in + " AND state = 'running' AND cancel_requested = FALSE")) {
                bindIds(ps, 1, jobIds);
                requested = ps.executeUpdate();
            }
            if (requested > 0) {
                dialect.notifyChange(c, ChangePayload.CANCEL);
            }
            return new BulkCancel(cancelled, requested);
        });
    }

    private static void bindIds(PreparedStatement ps, int first, Collection<Long> jobIds) throws SQLException {
        int index = first;
        for (long id : jobIds) {
            ps.setLong(index++, id);
        }
    }

    private static boolean cancelScheduled(Connection c, long jobId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET state = 'cancelled', finished_at = ?,"
                + " dedup_active = NULL, last_outcome = 'cancelled', owner = NULL, lease_until = NULL"
                + " WHERE id = ? AND state = 'scheduled'")) {
            Sql.setInstant(ps, 1, now);
            ps.setLong(2, jobId);
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean flagRunning(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE jobs SET cancel_requested = TRUE WHERE id = ? AND state = 'running'")) {
            ps.setLong(1, jobId);
            return ps.executeUpdate() == 1;
        }
    }

    /** A job's state as stored (its wire name), or null when there is no such job. */
    static String state(Connection c, long jobId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM jobs WHERE id = ?")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
