package io.hourglass.it;

import io.hourglass.jdbc.JdbcStore;
import io.hourglass.store.Store;
import io.hourglass.testsupport.Requirements;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** The real stores the integration tests run against: an H2 file per test class, a fresh PostgreSQL schema per class. */
final class TestStores {
    static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String PG_USER = "postgres";

    private TestStores() {
    }

    static Store h2(Path directory) {
        Store store = JdbcStore.embedded(directory);
        store.migrate();
        return store;
    }

    /** A store on an existing schema, migrated. */
    static Store postgres(String schema) {
        Store store = postgresSchema(schema);
        store.migrate();
        return store;
    }

    /** Creates an empty schema; tests sharing it open one store per node on it with {@link #postgresSchema}. */
    static String freshSchema(Class<?> testClass) {
        String schema = ("it_" + testClass.getSimpleName() + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            Requirements.require("postgres", false, "no PostgreSQL at " + PG_URL + " as " + PG_USER + ": "
                    + e.getMessage());
        }
        return schema;
    }

    static Store postgresSchema(String schema) {
        return JdbcStore.connect(PG_URL + "?currentSchema=" + schema, PG_USER, "");
    }

    static void dropSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }
}
