package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

    @Test
    void connectionFailuresBecomeStoreUnavailableOthersStayStoreErrors() {
        assertThat(ConnectionFailures.of("claim", new SQLException("I/O error", "08006")))
                .isInstanceOf(StoreUnavailableException.class).hasMessage("claim failed: I/O error");
        assertThat(ConnectionFailures.of("claim", new SQLException("terminating connection", "57P01")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(ConnectionFailures.of("claim", new SQLException("the database system is starting up", "57P03")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(ConnectionFailures.of("read", new SQLTransientConnectionException(
                "hourglass - Connection is not available, request timed out after 5000ms.")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(ConnectionFailures.of("read", new SQLException("wrapped", null,
                new SQLException("refused", "08001")))).isInstanceOf(StoreUnavailableException.class);
        assertThat(ConnectionFailures.of("insert", new SQLException("value too long", "22001")))
                .isInstanceOf(StoreException.class).isNotInstanceOf(StoreUnavailableException.class);
        assertThat(ConnectionFailures.of("insert", new SQLException("no state")))
                .isInstanceOf(StoreException.class);
    }
}
