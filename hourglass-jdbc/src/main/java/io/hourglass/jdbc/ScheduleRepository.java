package io.hourglass.jdbc;

import io.hourglass.ConflictException;
import io.hourglass.schedule.Schedule;
import io.hourglass.schedule.ScheduleChange;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Schedule definitions and run state. Every write tells the other nodes ("schedules") so they re-plan at once, and
 * records its {@link ScheduleChange} in the same transaction ({@link ScheduleChangeRepository}). An update writes
 * the definition and the next fire time only: the counts are the firer's (see {@link ScheduleFirer}).
 */
final class ScheduleRepository {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Tx tx;
    private final Dialect dialect;
    private final JsonCodec json;
    private final Rows rows;
    private final ScheduleChangeRepository history;

    ScheduleRepository(Tx tx, Dialect dialect, JsonCodec json, Rows rows) {
        this.history = new ScheduleChangeRepository(tx, json);
        this.tx = tx;
        this.dialect = dialect;
        this.json = json;
        this.rows = rows;
    }

    void insertSchedule(Schedule schedule, ScheduleChange change) {
        tx.inTransaction(() -> "insert of schedule '" + schedule.name() + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO schedules (" + Rows.SCHEDULE_COLUMNS
                    + ") VALUES (" + String.join(", ", java.util.Collections.nCopies(ScheduleColumns.ALL.size(), "?"))
                    + ")")) {
                ScheduleColumns.bind(ps, schedule, json, ScheduleColumns.ALL);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new ConflictException("schedule '" + schedule.name() + "' already exists");
                }
                throw e;
            }
            history.record(c, change);
            dialect.notifyChange(c, ChangePayload.SCHEDULES);
            return null;
        });
    }

    boolean updateSchedule(Schedule schedule, ScheduleChange change) {
        return tx.inTransaction(() -> "update of schedule '" + schedule.name() + "'", c -> {
            int updated;
            // the definition and the next fire time; the firer's counts stay as stored (see ScheduleColumns)
            try (PreparedStatement ps = c.prepareStatement("UPDATE schedules SET " + ScheduleColumns.UPDATED.stream()
                    .map(column -> column + " = ?").collect(java.util.stream.Collectors.joining(", "))
                    + " WHERE name = ?")) {
                int p = ScheduleColumns.bind(ps, schedule, json, ScheduleColumns.UPDATED);
                ps.setString(p, schedule.name());
                updated = ps.executeUpdate();
            }
            if (updated == 1) {
                history.record(c, change);
                dialect.notifyChange(c, ChangePayload.SCHEDULES);
            }
            return updated == 1;
        });
    }

    boolean deleteSchedule(String name, ScheduleChange change) {
        return tx.inTransaction(() -> "deletion of schedule '" + name + "'", c -> {
            int deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM schedules WHERE name = ?")) {
                ps.setString(1, name);
                deleted = ps.executeUpdate();
            }
            if (deleted == 1) {
                history.record(c, change);
                dialect.notifyChange(c, ChangePayload.SCHEDULES);
            }
            return deleted == 1;
        });
    }

    ScheduleChangeRepository history() {
        return history;
    }

    Optional<Schedule> findSchedule(String name) {
        return tx.inAutoCommit(() -> "read of schedule '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + Rows.SCHEDULE_COLUMNS + " FROM schedules WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rows.schedule(rs)) : Optional.empty();
                }
            }
        });
    }

    List<Schedule> findSchedules() {
        return tx.inAutoCommit(() -> "read of schedules", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + Rows.SCHEDULE_COLUMNS + " FROM schedules ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                return Rows.all(rs, rows::schedule);
            }
        });
    }

    Optional<Instant> nextFireAt() {
        return tx.inAutoCommit(() -> "next fire time of schedules", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT MIN(next_fire_at) AS next_fire_at FROM schedules WHERE enabled");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(Sql.instant(rs, "next_fire_at")) : Optional.empty();
            }
        });
    }
}
