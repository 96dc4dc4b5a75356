package io.hourglass.jdbc;

import io.hourglass.store.Node;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Nodes and their heartbeats. A heartbeat also extends the leases of the node's running jobs. */
final class NodeRepository {
    private final Tx tx;
    private final Dialect dialect;

    NodeRepository(Tx tx, Dialect dialect) {
        this.tx = tx;
        this.dialect = dialect;
    }

    Set<Long> heartbeat(String owner, Instant now, Instant leaseUntil) {
        return tx.inTransaction(() -> "heartbeat of owner '" + owner + "'", c -> {
            try (PreparedStatement node = c.prepareStatement(dialect.upsertNodeSql())) {
                node.setString(1, owner);
                Sql.setInstant(node, 2, now);
                Sql.setInstant(node, 3, now);
                node.executeUpdate();
            }
            try (PreparedStatement leases = c.prepareStatement(
                    "UPDATE jobs SET lease_until = ? WHERE owner = ? AND state = 'running'")) {
                Sql.setInstant(leases, 1, leaseUntil);
                leases.setString(2, owner);
                leases.executeUpdate();
            }
            Set<Long> cancelRequested = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM jobs WHERE owner = ? AND state = 'running' AND cancel_requested")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cancelRequested.add(rs.getLong(1));
                    }
                }
            }
            return Set.copyOf(cancelRequested);
        });
    }

    List<Node> findNodes() {
        return tx.read(() -> "read of nodes", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, started_at, last_heartbeat_at FROM nodes ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                return Rows.all(rs, Rows::node);
            }
        });
    }

    void removeNode(String name) {
        tx.read(() -> "removal of node '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM nodes WHERE name = ?")) {
                ps.setString(1, name);
                return ps.executeUpdate();
            }
        });
    }
}
