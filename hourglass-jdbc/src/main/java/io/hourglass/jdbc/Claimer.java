package io.hourglass.jdbc;

import io.hourglass.job.Job;
import io.hourglass.worker.LeaseRenewal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Claims due jobs. One transaction per claim: queues with a concurrency limit are served first, each by locking
 * its own queues row ({@code FOR UPDATE}, in name order), counting its running jobs and claiming at most the free
 * slots, so the limit holds across nodes while other queues are not blocked; then every other non-paused queue
 * is served by the dialect's claim ({@link Dialect#claim}), taking jobs due by {@code dueBy} (a node claiming
 * ahead); limited queues take only jobs due now, since a job held ahead would count against the limit early. There is no global lock in the database (on H2 claims
 * from one process take turns in the JVM, see {@link H2Dialect}).
 */
final class Claimer {
    private static final Comparator<Job> BEST_FIRST = Comparator.comparingInt(Job::priority).reversed()
            .thenComparing(Job::dueAt).thenComparingLong(Job::id);

    private final Tx tx;
    private final Dialect dialect;
    private final Rows rows;
    private final TableStatistics statistics;

    Claimer(Tx tx, Dialect dialect, Rows rows, TableStatistics statistics) {
        this.tx = tx;
        this.dialect = dialect;
        this.rows = rows;
        this.statistics = statistics;
    }

    List<Job> claim(String owner, Instant now, Instant dueBy, Instant leaseUntil, int limit, Collection<String> tasks,
                    String queue) {
        if (limit <= 0 || (tasks != null && tasks.isEmpty())) {
            return List.of();
        }
        List<Job> claimed = dialect.inClaimTurn(() -> claimInTransaction(owner, now, dueBy, leaseUntil, limit, tasks, queue));
        if (claimed.size() < limit) {
            statistics.claimedAllDue();
        } else {
            statistics.claimedFull();
        }
        return claimed;
    }

    private List<Job> claimInTransaction(String owner, Instant now, Instant dueBy, Instant leaseUntil, int limit,
                                         Collection<String> tasks, String queue) {
        return tx.inTransaction(() -> "claim for owner '" + owner + "'", c -> {
            QueueRules rules = QueueRules.read(c);
            if (queue != null && rules.paused().contains(queue)) {
                return List.of();
            }
            List<Job> claimed = new ArrayList<>();
            for (Map.Entry<String, Integer> limited : rules.limits().entrySet()) {
                if (claimed.size() < limit && (queue == null || queue.equals(limited.getKey()))) {
                    int free = limited.getValue() - lockAndCountRunning(c, limited.getKey());
                    int want = Math.min(free, limit - claimed.size());
                    if (want > 0) {
                        claimed.addAll(dialect.claim(c,
                                new Claim(owner, now, now, leaseUntil, want, tasks, limited.getKey(), null), rows));
                    }
                }
            }
            boolean unlimitedQueue = queue == null || !rules.limits().containsKey(queue);
            if (claimed.size() < limit && unlimitedQueue) {
                Collection<String> excluded = queue == null ? rules.excludedFromUnlimited() : null;
                claimed.addAll(dialect.claim(c,
                        new Claim(owner, now, dueBy, leaseUntil, limit - claimed.size(), tasks, queue, excluded), rows));
            }
            claimed.sort(BEST_FIRST);
            return claimed;
        });
    }

    private static int lockAndCountRunning(Connection c, String queue) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT name FROM queues WHERE name = ? FOR UPDATE")) {
            lock.setString(1, queue);
            lock.executeQuery().close();
        }
        try (PreparedStatement count = c.prepareStatement(
                "SELECT COUNT(*) FROM jobs WHERE queue = ? AND state = 'running'")) {
            count.setString(1, queue);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The earliest due time of scheduled jobs outside paused queues; reads the due index in order. */
    Optional<Instant> nextDueAt(Collection<String> tasks) {
        if (tasks != null && tasks.isEmpty()) {
            return Optional.empty();
        }
        return tx.inAutoCommit(() -> "next due time" + (tasks == null ? "" : " of tasks " + tasks), c -> {
            QueueRules rules = QueueRules.read(c);
            String sql = "SELECT due_at FROM jobs WHERE state = 'scheduled'"
                    + (tasks == null ? "" : " AND task = ANY(?)")
                    + (rules.paused().isEmpty() ? "" : " AND NOT (queue = ANY(?))")
                    + " ORDER BY state, due_at LIMIT 1";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 1;
                if (tasks != null) {
                    ps.setArray(p++, Sql.textArray(c, tasks));
                }
                if (!rules.paused().isEmpty()) {
                    ps.setArray(p, Sql.textArray(c, rules.paused()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Sql.instant(rs, "due_at")) : Optional.empty();
                }
            }
        });
    }

    /**
     * Extends one job's lease, fenced by owner and attempt: by {@code lease}, which is then remembered, or when null
     * by the remembered one. Read and update go in one transaction, the read locking the row, so a concurrent
     * renewal cannot pair one call's lease with the other's expiry.
     */
    Optional<LeaseRenewal> renewLease(long jobId, String owner, int attempt, Instant now, Duration lease) {
        return tx.inTransaction(() -> "lease renewal of job " + jobId + " for owner '" + owner + "' attempt "
                + attempt, c -> {
            Duration renewBy;
            boolean cancelRequested;
            try (PreparedStatement ps = c.prepareStatement("SELECT lease_ms, cancel_requested FROM jobs"
                    + CompletionWriter.FENCE + " FOR UPDATE")) {
                bindFence(ps, 1, jobId, owner, attempt);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Duration remembered = Sql.millis(rs, "lease_ms");
                    renewBy = lease != null ? lease : remembered;
                    cancelRequested = rs.getBoolean("cancel_requested");
                }
            }
            if (renewBy == null) {
                throw new StoreException("bug: running job " + jobId + " has no remembered lease (lease_ms)");
            }
            Instant leaseUntil = Sql.micros(now.plus(renewBy)); // as stored, so the answer matches later reads
            try (PreparedStatement ps = c.prepareStatement("UPDATE jobs SET lease_until = ?, lease_ms = ?"
                    + CompletionWriter.FENCE)) {
                Sql.setInstant(ps, 1, leaseUntil);
                ps.setLong(2, renewBy.toMillis());
                bindFence(ps, 3, jobId, owner, attempt);
                ps.executeUpdate();
            }
            return Optional.of(new LeaseRenewal(leaseUntil, renewBy, cancelRequested));
        });
    }

    private static void bindFence(PreparedStatement ps, int first, long jobId, String owner, int attempt)
            throws SQLException {
        ps.setLong(first, jobId);
        ps.setString(first + 1, owner);
        ps.setInt(first + 2, attempt);
    }
}
