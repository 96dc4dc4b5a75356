package io.hourglass.jdbc;

import io.hourglass.schedule.ScheduleChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Schedules' change history ({@code schedule_changes}). {@link #record(Connection, ScheduleChange)} runs on the
 * connection of the change it records, so both commit or neither does; definitions are stored as JSON objects.
 */
final class ScheduleChangeRepository {
    private static final String COLUMNS = "id, schedule_name, changed_at, actor, action, before_json, after_json";

    private final Tx tx;
    private final JsonCodec json;

    ScheduleChangeRepository(Tx tx, JsonCodec json) {
        this.tx = tx;
        this.json = json;
    }

    /** Inserts {@code change} inside the caller's transaction. */
    void record(Connection c, ScheduleChange change) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO schedule_changes (schedule_name, changed_at,"
                + " actor, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, change.scheduleName());
            Sql.setInstant(ps, 2, change.changedAt());
            ps.setString(3, change.actor());
            ps.setString(4, change.action().wireName());
            setJson(ps, 5, "before", change.before());
            setJson(ps, 6, "after", change.after());
            ps.executeUpdate();
        }
    }

    void record(ScheduleChange change) {
        tx.inTransaction(() -> "record of a change to schedule '" + change.scheduleName() + "'", c -> {
            record(c, change);
            return null;
        });
    }

    List<ScheduleChange> find(String name, int limit) {
        return tx.inAutoCommit(() -> "read of schedule '" + name + "''s history", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM schedule_changes WHERE schedule_name = ? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, name);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    return Rows.all(rs, this::change);
                }
            }
        });
    }

    int deleteBefore(Instant cutoff, int limit) {
        if (limit <= 0) {
            return 0;
        }
        return tx.inTransaction(() -> "deletion of up to " + limit + " schedule changes before " + cutoff, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM schedule_changes WHERE id IN (SELECT id FROM"
                    + " schedule_changes WHERE changed_at < ? ORDER BY id LIMIT ?)")) {
                Sql.setInstant(ps, 1, cutoff);
                ps.setInt(2, limit);
                return ps.executeUpdate();
            }
        });
    }

    private ScheduleChange change(ResultSet rs) throws SQLException {
        String name = rs.getString("schedule_name");
        return new ScheduleChange(rs.getLong("id"), name, Sql.instant(rs, "changed_at"), rs.getString("actor"),
                ScheduleChange.Action.fromWireName(rs.getString("action")),
                readJson(rs.getString("before_json"), name), readJson(rs.getString("after_json"), name));
    }

    private void setJson(PreparedStatement ps, int index, String field, Map<String, Object> value)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, json.object(field, value));
        }
    }

    private Map<String, Object> readJson(String text, String name) {
        return text == null ? null : json.readObject(text, () -> "definition in the history of schedule '" + name
                + "'");
    }
}
