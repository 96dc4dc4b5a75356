package io.hourglass.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The inputs of one claim statement, and the filters they add to it: which tasks, which queue or which queues not.
 * A dialect's {@link Dialect#claim} builds its statement around {@link #filters()} and binds them with
 * {@link #bindFilters}, so the fragment and its parameters never drift apart.
 *
 * @param dueBy jobs due by this time are claimed (at or after {@code now}: later when the node claims ahead)
 * @param tasks the tasks this claimant runs, or null for any task
 * @param queue the one queue to claim from, or null for every queue not in {@code excludedQueues}
 * @param excludedQueues queues left out (paused, or served under their own limit); non-null only when
 *                       {@code queue} is null
 */
record Claim(String owner, Instant now, Instant dueBy, Instant leaseUntil, int limit, Collection<String> tasks, String queue,
             Collection<String> excludedQueues) {

    /** The lease the claim asked for, remembered for heartbeats that name none (a remote worker's). */
    long leaseMillis() {
        return Duration.between(now, leaseUntil).toMillis();
    }

    /** An SQL fragment starting with " AND" (or empty), with one parameter per filter in use. */
    String filters() {
        StringBuilder filters = new StringBuilder();
        if (tasks != null) {
            filters.append(" AND task = ANY(?)");
        }
        if (queue != null) {
            filters.append(" AND queue = ?");
        } else if (!excludedQueues.isEmpty()) {
            filters.append(" AND NOT (queue = ANY(?))");
        }
        return filters.toString();
    }

    /** Binds the parameters of {@link #filters()} from index {@code first}; returns the next index. */
    int bindFilters(Connection c, PreparedStatement ps, int first) throws SQLException {
        int p = first;
        if (tasks != null) {
            ps.setArray(p++, Sql.textArray(c, tasks));
        }
        if (queue != null) {
            ps.setString(p++, queue);
        } else if (!excludedQueues.isEmpty()) {
            ps.setArray(p++, Sql.textArray(c, excludedQueues));
        }
        return p;
    }

    /** Binds owner, lease until, lease in ms and started at (the claim's SET) from index 1; returns the next index. */
    int bindClaimant(PreparedStatement ps) throws SQLException {
        ps.setString(1, owner);
        Sql.setInstant(ps, 2, leaseUntil);
        ps.setLong(3, leaseMillis());
        Sql.setInstant(ps, 4, now);
        return 5;
    }
}
