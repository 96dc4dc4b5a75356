package io.hourglass.spring;

import io.hourglass.Hourglass;
import io.hourglass.testsupport.Requirements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL database of one test class's own, as its Boot application's DataSource, dropped after the class.
 * Spring caches the class's context and closes it only at the JVM's exit, long after the drop, so the node is
 * stopped first: left running, it claimed from the dropped database and logged the failures into later classes'
 * output, and at the exit its stop waited out the pool's connection timeout.
 */
public final class OwnDatabase {
    public static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String name;
    private volatile Hourglass node;

    public OwnDatabase(String prefix) {
        name = prefix + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    /** Creates the database and points the application's DataSource at it; call from a DynamicPropertySource. */
    public void create(DynamicPropertyRegistry registry) {
        admin("CREATE DATABASE " + name);
        registry.add("spring.datasource.url", this::url);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    /** The node to stop before the drop; call from a BeforeEach with the injected node. */
    public void usedBy(Hourglass node) {
        this.node = node;
    }

    /** Stops the node, then drops the database; call from an AfterAll. */
    public void drop() {
        if (node != null) {
            node.stop(Duration.ZERO);
        }
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Runs one statement on the admin database; PostgreSQL unreachable fails or skips per Requirements. */
    public static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            Requirements.require("postgres", false, "PostgreSQL at " + ADMIN_URL + ": " + e.getMessage());
        }
    }
}
