package io.hourglass.jdbc;

import io.hourglass.ConflictException;
import io.hourglass.task.TaskDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Optional;

/**
 * Task definitions defined at runtime. Every write tells the other nodes ("tasks") so they build or drop the task
 * at once rather than at their next periodic sync.
 *
 * <p>A save is race-safe across nodes without any lock beyond the row's own: in one transaction it locks the row
 * ({@code SELECT ... FOR UPDATE}, so a concurrent save of the same name waits and then reads the version this one
 * wrote), checks the expected version, and writes either the next version fenced by {@code WHERE version = ?} or,
 * when there is no row, version 1. Two nodes inserting the same new name at once collide on the primary key; the
 * loser rolls back to a savepoint (PostgreSQL would otherwise abort the whole transaction) and goes round again,
 * now finding the winner's row: a replace, or a {@link ConflictException} when it expected the task to be new.
 */
final class TaskDefinitionRepository {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String TABLE = "hourglass_task_definitions";
    /** Each round only repeats after another transaction committed a write of this name in between. */
    private static final int MAX_ROUNDS = 10;

    private final Tx tx;
    private final Dialect dialect;
    private final JsonCodec json;

    TaskDefinitionRepository(Tx tx, Dialect dialect, JsonCodec json) {
        this.tx = tx;
        this.dialect = dialect;
        this.json = json;
    }

    TaskDefinition save(TaskDefinition definition, Long expectedVersion) {
        String name = definition.name();
        return tx.inTransaction(() -> "save of task definition '" + name + "'", c -> {
            for (int round = 0; round < MAX_ROUNDS; round++) {
                long stored = lockedVersion(c, name);
                requireExpected(name, stored, expectedVersion);
                long next = stored + 1;
                if (stored == 0 ? inserted(c, definition) : replaced(c, definition, stored)) {
                    dialect.notifyChange(c, ChangePayload.TASKS);
                    return definition.saved(next, Sql.micros(definition.updatedAt()));
                }
            }
            throw new StoreException("save of task definition '" + name + "' gave up: other saves or deletes of it"
                    + " came in between " + MAX_ROUNDS + " times in a row");
        });
    }

    /** The stored version, with the row locked for this transaction; 0 when there is none. */
    private static long lockedVersion(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version FROM " + TABLE + " WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void requireExpected(String name, long stored, Long expected) {
        if (expected == null || expected == stored) {
            return;
        }
        if (stored == 0) {
            throw new ConflictException("task '" + name + "' is not defined (stored version 0), but version "
                    + expected + " was expected; it was deleted, or never saved");
        }
        if (expected == 0) {
            throw new ConflictException("task '" + name + "' is already defined (stored version " + stored
                    + "), but expected version 0 asked for a new one");
        }
        throw new ConflictException("task '" + name + "' is at stored version " + stored + ", not the expected version "
                + expected + "; somebody saved it since it was read");
    }

    /** Inserts version 1; false when another transaction inserted the name first (to go round again). */
    private boolean inserted(Connection c, TaskDefinition definition) throws SQLException {
        Savepoint beforeInsert = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (executor, settings, queue,"
                + " retry, timeout_ms, ranker, version, updated_at, outcome_rules, expires_after_ms, created_at, name)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int p = TaskDefinitionColumns.bindDefinition(ps, 1, definition, 1, json);
            Sql.setInstant(ps, p++, definition.updatedAt());
            ps.setString(p, definition.name());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                c.rollback(beforeInsert);
                return false;
            }
            throw e;
        }
        c.releaseSavepoint(beforeInsert);
        return true;
    }

    /** Writes the next version over {@code stored}; false when the row changed or went since it was read. */
    private boolean replaced(Connection c, TaskDefinition definition, long stored) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE + " SET executor = ?, settings = ?,"
                + " queue = ?, retry = ?, timeout_ms = ?, ranker = ?, version = ?, updated_at = ?, outcome_rules = ?,"
                + " expires_after_ms = ? WHERE name = ? AND version = ?")) {
            int p = TaskDefinitionColumns.bindDefinition(ps, 1, definition, stored + 1, json);
            ps.setString(p++, definition.name());
            ps.setLong(p, stored);
            return ps.executeUpdate() == 1;
        }
    }

    boolean delete(String name) {
        return tx.inTransaction(() -> "deletion of task definition '" + name + "'", c -> {
            int deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE name = ?")) {
                ps.setString(1, name);
                deleted = ps.executeUpdate();
            }
            if (deleted == 1) {
                dialect.notifyChange(c, ChangePayload.TASKS);
            }
            return deleted == 1;
        });
    }

    Optional<TaskDefinition> find(String name) {
        return tx.inAutoCommit(() -> "read of task definition '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + TaskDefinitionColumns.COLUMNS + " FROM " + TABLE + " WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(TaskDefinitionColumns.read(rs, json)) : Optional.empty();
                }
            }
        });
    }

    List<TaskDefinition> findAll() {
        return tx.inAutoCommit(() -> "read of task definitions", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + TaskDefinitionColumns.COLUMNS + " FROM " + TABLE + " ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                return Rows.all(rs, rs2 -> TaskDefinitionColumns.read(rs2, json));
            }
        });
    }
}
