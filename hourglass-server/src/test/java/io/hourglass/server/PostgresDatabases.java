package io.hourglass.server;

import io.hourglass.testsupport.Requirements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Databases of their own for server tests on the PostgreSQL at 127.0.0.1:5432 (skipped or failed without one).
 * Each name gets a suffix of this test run's own, so two builds on one machine (two trees, or CI beside a developer)
 * never drop each other's database mid-test; the databases a run made are dropped when its JVM exits.
 */
public final class PostgresDatabases {
    public static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8)
            .toLowerCase(Locale.ROOT);
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(PostgresDatabases::dropCreated, "drop-test-databases"));
    }

    private PostgresDatabases() {
    }

    /**
     * Drops this run's database {@code name} if it exists and creates it empty; returns its JDBC URL on port
     * {@code port} (a proxy's, or 5432).
     */
    public static String recreate(String name, int port) {
        String database = name + "_" + RUN;
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
            CREATED.add(database);
        } catch (SQLException e) {
            Requirements.require("postgres", false, "PostgreSQL at " + ADMIN_URL + ": " + e.getMessage());
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static void dropCreated() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", null);
             Statement s = c.createStatement()) {
            for (String database : CREATED) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test databases " + CREATED + ": " + e.getMessage());
        }
    }
}
