package io.hourglass.jdbc;

import io.hourglass.worker.RemoteWorker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When remote workers were last seen, one row per (worker, queue) in the workers table, so every node of a
 * cluster lists the same workers. A pop writes its queue's row; a heartbeat or completion (which name no queue)
 * refreshes every row of the worker. The jobs a worker holds are not copied here: they are counted from the jobs
 * it owns, so the count cannot drift from the leases. A row is rewritten only when it is {@link #PRECISION} or more
 * out of date: a worker polling an empty queue many times a second costs no write per poll.
 */
final class WorkerRepository {
    /** How far behind a shown last-seen time may be. */
    static final Duration PRECISION = Duration.ofSeconds(1);

    private final Tx tx;
    private final Dialect dialect;

    WorkerRepository(Tx tx, Dialect dialect) {
        this.tx = tx;
        this.dialect = dialect;
    }

    void recordSeen(String worker, String queue, Instant now) {
        tx.inAutoCommit(() -> "record of worker '" + worker + "' seen", c -> {
            if (queue != null) {
                try (PreparedStatement ps = c.prepareStatement(dialect.upsertWorkerSql())) {
                    ps.setString(1, worker);
                    ps.setString(2, queue);
                    Sql.setInstant(ps, 3, now);
                    Sql.setInstant(ps, 4, now);
                    Sql.setInstant(ps, 5, now.minus(PRECISION));
                    return ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE workers SET last_seen_at = ? WHERE name = ? AND last_seen_at <= ?")) {
                Sql.setInstant(ps, 1, now);
                ps.setString(2, worker);
                Sql.setInstant(ps, 3, now.minus(PRECISION));
                return ps.executeUpdate();
            }
        });
    }

    /** One worker while it is being put together from its rows and the jobs it holds. */
    private static final class Seen {
        Instant lastSeenAt;
        final TreeSet<String> queues = new TreeSet<>();
        int jobsHeld;
    }

    List<RemoteWorker> find(Instant seenSince) {
        return tx.inAutoCommit(() -> "read of workers seen since " + seenSince, c -> {
            Map<String, Seen> seen = new TreeMap<>();
            readRows(c, seenSince, seen);
            countHeld(c, seen);
            List<RemoteWorker> workers = new ArrayList<>();
            seen.forEach((name, worker) -> {
                if (!worker.queues.isEmpty() || worker.jobsHeld > 0) {
                    workers.add(new RemoteWorker(name, worker.lastSeenAt, List.copyOf(worker.queues),
                            worker.jobsHeld));
                }
            });
            return workers;
        });
    }

    /** Rows seen since the cutoff, and every row of a worker that holds a running job (for its last seen time). */
    private static void readRows(Connection c, Instant seenSince, Map<String, Seen> seen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, queue, last_seen_at FROM workers"
                + " WHERE last_seen_at >= ? OR name IN (SELECT owner FROM jobs WHERE state = 'running')")) {
            Sql.setInstant(ps, 1, seenSince);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Seen worker = seen.computeIfAbsent(rs.getString("name"), name -> new Seen());
                    Instant at = Sql.instant(rs, "last_seen_at");
                    if (worker.lastSeenAt == null || at.isAfter(worker.lastSeenAt)) {
                        worker.lastSeenAt = at;
                    }
                    if (!at.isBefore(seenSince)) {
                        worker.queues.add(rs.getString("queue"));
                    }
                }
            }
        }
    }

    private static void countHeld(Connection c, Map<String, Seen> seen) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT owner, queue, COUNT(*) AS held FROM jobs"
                + " WHERE state = 'running' AND owner IN (SELECT name FROM workers) GROUP BY owner, queue");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Seen worker = seen.get(rs.getString("owner"));
                if (worker != null) {
                    worker.jobsHeld += rs.getInt("held");
                    worker.queues.add(rs.getString("queue"));
                }
            }
        }
    }

    int forgetSeenBefore(Instant cutoff) {
        return tx.inAutoCommit(() -> "deletion of workers not seen since " + cutoff, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM workers WHERE last_seen_at < ?"
                    + " AND name NOT IN (SELECT owner FROM jobs WHERE state = 'running' AND owner IS NOT NULL)")) {
                Sql.setInstant(ps, 1, cutoff);
                return ps.executeUpdate();
            }
        });
    }
}
