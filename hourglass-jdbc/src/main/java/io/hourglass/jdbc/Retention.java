package io.hourglass.jdbc;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Deletes old history in bounded slices: the oldest finished jobs first, with their attempts, in one transaction. */
final class Retention {
    private final Tx tx;

    Retention(Tx tx) {
        this.tx = tx;
    }

    int deleteFinishedBefore(Instant cutoff, int limit) {
        if (limit <= 0) {
            return 0;
        }
        return tx.inTransaction(() -> "deletion of up to " + limit + " jobs finished before " + cutoff, c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM jobs WHERE finished_at < ? ORDER BY finished_at, id LIMIT ?")) {
                Sql.setInstant(ps, 1, cutoff);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                return 0;
            }
            Array idArray = Sql.idArray(c, ids);
            try (PreparedStatement attempts = c.prepareStatement("DELETE FROM attempts WHERE job_id = ANY(?)");
                 PreparedStatement jobs = c.prepareStatement(
                         "DELETE FROM jobs WHERE id = ANY(?) AND finished_at IS NOT NULL")) {
                attempts.setArray(1, idArray);
                attempts.executeUpdate();
                jobs.setArray(1, idArray);
                return jobs.executeUpdate();
            }
        });
    }
}
