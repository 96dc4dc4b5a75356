package io.hourglass.server;

import io.hourglass.testing.Requirements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Databases of their own for server tests on the PostgreSQL at 127.0.0.1:5432 (skipped or failed without one). */
public final class PostgresDatabases {
    public static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private PostgresDatabases() {
    }

    /** Drops {@code name} if it exists and creates it empty; returns its JDBC URL on port {@code port}. */
    public static String recreate(String name, int port) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            Requirements.require("postgres", false, "PostgreSQL at " + ADMIN_URL + ": " + e.getMessage());
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }
}
