package io.hourglass.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Runs work on a pooled connection, in one transaction, and turns a failure into a {@link StoreException} whose
 * message names the operation, or a {@link io.hourglass.store.StoreUnavailableException} when the database could
 * not be reached ({@link ConnectionFailures}). Connections go back to the pool in auto-commit mode.
 */
final class Tx {
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;

    Tx(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one transaction; commits when it returns, rolls back when it throws. */
    <T> T inTransaction(Supplier<String> operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw ConnectionFailures.of(operation.get(), e);
        }
    }

    /** Runs {@code work} on one connection in auto-commit mode, for single statements and reads. */
    <T> T inAutoCommit(Supplier<String> operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw ConnectionFailures.of(operation.get(), e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
