package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.store.Change;
import io.hourglass.testing.Requirements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a real PostgreSQL ({@code test} database at 127.0.0.1:5432, user postgres), in a fresh
 * schema of its own that is dropped afterwards; plus LISTEN/NOTIFY between two store instances.
 */
class PostgresStoreTest extends StoreContractTest {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private final String schema = "hg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);

    String url() {
        return SERVER + "?currentSchema=" + schema;
    }

    @Override
    JdbcStore openStore() {
        try (Connection c = DriverManager.getConnection(SERVER, USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            Requirements.require("postgres", false, "no PostgreSQL at " + SERVER + " as " + USER + ": " + e.getMessage());
        }
        return JdbcStore.connect(url(), USER, "");
    }

    @Override
    Connection openConnection() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    @Override
    void dropDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void describeNamesPostgresAndUrlWithoutPassword() {
        assertThat(store.describe()).startsWith("PostgreSQL 15").contains("jdbc:postgresql://127.0.0.1:5432/test");
    }

    @Test
    void secondStoreReceivesJobsChangeAfterFirstInserts() {
        List<Change> received = new CopyOnWriteArrayList<>();
        try (JdbcStore other = JdbcStore.connect(url(), USER, "")) {
            other.addChangeListener(received::add);
            store.insertJobs(List.of(job("notified", T0.plusSeconds(5))));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(
                    new Change(Change.Kind.JOBS, T0.plusSeconds(5))));
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals("hourglass-pg-listener"));

            store.saveQueue(io.hourglass.queue.QueueConfig.unlimited("announced"));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(
                    new Change(Change.Kind.QUEUES, null)));
        }
    }

    @Test
    void listenerReconnectsAfterItsConnectionIsKilled() throws SQLException {
        String application = "hg-reconnect-" + schema;
        List<Change> received = new CopyOnWriteArrayList<>();
        try (JdbcStore other = JdbcStore.connect(url() + "&ApplicationName=" + application, USER, "")) {
            other.addChangeListener(received::add);
            try (Connection c = DriverManager.getConnection(SERVER, USER, "");
                 Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                        + application + "' AND query LIKE 'LISTEN%'");
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                store.insertJobs(List.of(job("after-reconnect", T0.plusSeconds(7))));
                assertThat(received).contains(new Change(Change.Kind.JOBS, T0.plusSeconds(7)));
            });
        }
    }
}
