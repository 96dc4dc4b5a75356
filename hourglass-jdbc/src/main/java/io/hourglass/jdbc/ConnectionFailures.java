package io.hourglass.jdbc;

import io.hourglass.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a database that is unreachable from a statement that failed, so that an outage surfaces as a
 * {@link StoreUnavailableException} (retry later) and not as a {@link StoreException} (a bug or bad data).
 *
 * <p>Connection failures are: SQLState class 08 (connection exception: refused, dropped, I/O error on the socket),
 * PostgreSQL's 57P01 (terminated by an administrator: a restart or {@code pg_terminate_backend}), 57P02 (crash of
 * another backend) and 57P03 (the server is starting or stopping), and the pool's own timeout waiting for a
 * connection (HikariCP throws {@link SQLTransientConnectionException}). The whole cause chain is looked at: the
 * pool wraps the driver's error.
 */
final class ConnectionFailures {
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03");

    private ConnectionFailures() {
    }

    /** The exception to throw for {@code operation} failing with {@code e}. */
    static RuntimeException of(String operation, SQLException e) {
        String message = operation + " failed: " + e.getMessage();
        return isConnectionFailure(e) ? new StoreUnavailableException(message, e) : new StoreException(message, e);
    }

    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
