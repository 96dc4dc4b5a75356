package io.hourglass.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The queue settings a claim must respect, read in the claim's own transaction (the queues table is tiny), so a
 * pause or a new limit takes effect with the very next claim on every node, without any cache to invalidate.
 *
 * @param paused names of paused queues
 * @param limits concurrency limit by queue name, for limited queues that are not paused; sorted by name, the
 *               order in which their rows are locked
 */
record QueueRules(Set<String> paused, SortedMap<String, Integer> limits) {

    static QueueRules read(Connection connection) throws SQLException {
        Set<String> paused = new TreeSet<>();
        SortedMap<String, Integer> limits = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name, concurrency, paused FROM queues WHERE paused OR concurrency IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getBoolean("paused")) {
                    paused.add(rs.getString("name"));
                } else {
                    limits.put(rs.getString("name"), rs.getInt("concurrency"));
                }
            }
        }
        return new QueueRules(Collections.unmodifiableSet(paused), Collections.unmodifiableSortedMap(limits));
    }

    /** Queues the single unlimited claim statement must leave alone. */
    Set<String> excludedFromUnlimited() {
        Set<String> excluded = new TreeSet<>(paused);
        excluded.addAll(limits.keySet());
        return excluded;
    }
}
