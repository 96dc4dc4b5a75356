package io.hourglass.jdbc;

import io.hourglass.job.Job;
import io.hourglass.store.Incarnation;
import io.hourglass.store.Node;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nodes and their heartbeats. A node's row is keyed by its name and holds its current incarnation: a heartbeat of
 * a new incarnation replaces the previous one's row (and its start time). A heartbeat also extends the leases of
 * the running jobs owned by that incarnation, never those of another incarnation of the same name.
 */
final class NodeRepository {
    /** Running jobs whose leases one heartbeat transaction renews. */
    static final int LEASE_CHUNK = 128;

    private final Tx tx;
    private final Dialect dialect;
    private final JsonCodec json;
    private final Rows rows;

    NodeRepository(Tx tx, Dialect dialect, JsonCodec json, Rows rows) {
        this.tx = tx;
        this.dialect = dialect;
        this.json = json;
        this.rows = rows;
    }

    /**
     * Records the node and extends its running jobs' leases, {@value #LEASE_CHUNK} jobs per transaction: a beat
     * holds the row locks of at most one chunk, so a completion batch waits for one chunk, not for every running
     * job's renewal (on a loaded machine one H2 transaction over a few hundred jobs, each UPDATE rewriting the
     * row's entry in every jobs index, outlasted H2's lock timeout and failed the completion batch it blocked).
     * A job claimed after the beat read the ids has a fresh lease of its own; one finished in between is skipped
     * by the state check.
     */
    Set<Long> heartbeat(Incarnation node, Collection<String> tasks, Instant now, Instant leaseUntil) {
        String owner = node.owner();
        List<Long> running = tx.inTransaction(() -> "heartbeat of node " + owner, c -> {
            try (PreparedStatement upsert = c.prepareStatement(dialect.upsertNodeSql())) {
                upsert.setString(1, node.name());
                upsert.setString(2, owner);
                Sql.setInstant(upsert, 3, now);
                Sql.setInstant(upsert, 4, now);
                upsert.setString(5, json.args(new ArrayList<>(new TreeSet<>(tasks))));
                upsert.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM jobs WHERE owner = ? AND state = 'running' ORDER BY id")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    return Rows.all(rs, r -> r.getLong(1));
                }
            }
        });
        Set<Long> cancelRequested = new HashSet<>();
        for (int from = 0; from < running.size(); from += LEASE_CHUNK) {
            List<Long> chunk = running.subList(from, Math.min(running.size(), from + LEASE_CHUNK));
            cancelRequested.addAll(renewLeases(owner, chunk.get(0), chunk.get(chunk.size() - 1), leaseUntil));
        }
        return Set.copyOf(cancelRequested);
    }

    /**
     * Extends the leases of the owner's running jobs with ids in {@code [first, last]} that no other transaction
     * holds; returns those of them whose cancel was requested. A heartbeat never waits for a row lock: the jobs
     * are locked {@code FOR UPDATE SKIP LOCKED}, and only the jobs it locked are renewed, by id. A job it skips is
     * being written by someone else (its completion, as a rule, which ends the lease anyway; or a cancel request,
     * which the next beat reads), and its lease, several beats long, is renewed by the next beat. A beat that
     * waited, even in id order, still met completion batches in soaks (PostgreSQL's {@code deadlock detected}): a
     * batch locks in the order its plan reads the rows, the batch's own for a primary-key lookup per job but the
     * table's when the plan scans a small table; a beat that never waits cannot close such a cycle. (Renewing by
     * {@code owner} with {@code id = ANY(ids)} made H2 compare every row of the index it read with the whole
     * array; by id alone it looks each one up in the primary key, as its claims do.)
     */
    private Set<Long> renewLeases(String owner, long first, long last, Instant leaseUntil) {
        return tx.inTransaction(() -> "lease renewal of node " + owner + " jobs " + first + ".." + last, c -> {
            List<Long> locked = new ArrayList<>();
            Set<Long> cancelRequested = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, cancel_requested FROM jobs"
                    + " WHERE owner = ? AND state = 'running' AND id BETWEEN ? AND ? ORDER BY id"
                    + " FOR UPDATE SKIP LOCKED")) {
                ps.setString(1, owner);
                ps.setLong(2, first);
                ps.setLong(3, last);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        locked.add(rs.getLong(1));
                        if (rs.getBoolean(2)) {
                            cancelRequested.add(rs.getLong(1));
                        }
                    }
                }
            }
            if (!locked.isEmpty()) {
                try (PreparedStatement leases = c.prepareStatement(
                        "UPDATE jobs SET lease_until = ? WHERE id = ANY(?)")) {
                    Sql.setInstant(leases, 1, leaseUntil);
                    leases.setArray(2, Sql.idArray(c, locked));
                    leases.executeUpdate();
                }
            }
            return cancelRequested;
        });
    }

    /**
     * Running jobs of previous incarnations of the node's name: owners {@code name#<start id>} of the same length
     * as the current owner, other than it (the LIKE prefix is escaped, so a name with '%' or '_' matches only
     * itself; {@link Incarnation#isPrevious} checks the start id).
     */
    List<Job> findRunningOfPreviousIncarnations(Incarnation current, int limit) {
        return tx.inAutoCommit(() -> "read of running jobs of previous incarnations of node " + current.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.JOB_COLUMNS + " FROM jobs"
                    + " WHERE state = 'running' AND owner LIKE ? ESCAPE '!' AND owner <> ?"
                    + " AND CHAR_LENGTH(owner) = ? ORDER BY id LIMIT ?")) {
                ps.setString(1, Sql.likePrefix(current.ownerPrefix()));
                ps.setString(2, current.owner());
                ps.setInt(3, current.owner().length());
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Job> found = new ArrayList<>();
                    for (Job job : Rows.all(rs, rows::job)) {
                        if (current.isPrevious(job.owner())) {
                            found.add(job);
                        }
                    }
                    return found;
                }
            }
        });
    }

    List<Node> findNodes() {
        return tx.inAutoCommit(() -> "read of nodes", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, incarnation, started_at, last_heartbeat_at, tasks FROM nodes ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                return Rows.all(rs, this::node);
            }
        });
    }

    private Node node(ResultSet rs) throws SQLException {
        String tasks = rs.getString("tasks");
        Set<String> names = new TreeSet<>();
        if (tasks != null) {
            json.readArgs(tasks).forEach(name -> names.add(String.valueOf(name)));
        }
        return new Node(rs.getString("name"), rs.getString("incarnation"), Sql.instant(rs, "started_at"),
                Sql.instant(rs, "last_heartbeat_at"), names);
    }

    /** Deletes the node's row if it still belongs to this incarnation (a restart may have taken it over). */
    void removeNode(Incarnation node) {
        tx.inAutoCommit(() -> "removal of node " + node.owner(), c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM nodes WHERE name = ? AND incarnation = ?")) {
                ps.setString(1, node.name());
                ps.setString(2, node.owner());
                return ps.executeUpdate();
            }
        });
    }
}
