package io.hourglass.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh, empty database for one run: an H2 file in a new temp folder (the embedded default, as a user gets it),
 * or a PostgreSQL schema dropped and created anew, so runs never see each other's jobs.
 */
final class BenchDatabase implements AutoCloseable {
    static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String PG_SCHEMA = "hourglass_bench";

    private final String description;
    private final Store store;
    private final HikariDataSource pool;

    private BenchDatabase(String description, Store store, HikariDataSource pool) {
        this.description = description;
        this.store = store;
        this.pool = pool;
    }

    static BenchDatabase open(Options options, int poolSize) throws IOException, SQLException {
        String kind = options.string("db", "h2");
        return switch (kind) {
            case "h2" -> {
                Path dir = Files.createTempDirectory("hourglass-bench-");
                yield new BenchDatabase("H2 file database in " + dir, JdbcStore.embedded(dir), null);
            }
            case "postgres" -> openPostgres(options.string("url", DEFAULT_PG_URL), poolSize);
            default -> throw new IllegalArgumentException("--db must be h2 or postgres, was '" + kind + "'");
        };
    }

    private static BenchDatabase openPostgres(String url, int poolSize) throws SQLException {
        freshPostgresSchema(url);
        return attachPostgres(url, poolSize);
    }

    /** Drops and creates the bench schema; returns the URL that uses it. */
    static String freshPostgresSchema(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
            s.execute("CREATE SCHEMA " + PG_SCHEMA);
        }
        return schemaUrl(url);
    }

    private static String schemaUrl(String url) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + PG_SCHEMA;
    }

    /**
     * The bench schema as another process of the same run left it (nothing dropped), with a pool of its own: a
     * second node of a cluster run ({@link BurnDownNodes}).
     */
    static BenchDatabase attachPostgres(String url, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(schemaUrl(url) + "&reWriteBatchedInserts=true");
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("bench");
        HikariDataSource pool = new HikariDataSource(config);
        return new BenchDatabase("PostgreSQL at " + url + " (schema " + PG_SCHEMA + ")", JdbcStore.create(pool), pool);
    }

    /** A connection of the pool, for filling tables straight in SQL (PostgreSQL only). */
    Connection connection() throws SQLException {
        if (pool == null) {
            throw new IllegalArgumentException("filling tables in SQL needs --db=postgres");
        }
        return pool.getConnection();
    }

    boolean isPostgres() {
        return pool != null;
    }

    Store store() {
        return store;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        store.close();
        if (pool != null) {
            pool.close();
        }
    }
}
