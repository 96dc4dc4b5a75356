package io.hourglass.spring.web;

import io.hourglass.Hourglass;
import io.hourglass.spring.PostgresStarterTest;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link MountedWebContract} on a PostgreSQL database of its own, as the application's DataSource. */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hourglass.web.enabled=true", "hourglass.poll-interval=100ms"})
class MountedWebOnPostgresTest extends MountedWebContract {
    static final String DATABASE = "hg_web_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresStarterTest.admin("CREATE DATABASE " + DATABASE);
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
    }

    /** This class's node: its context is cached and closes only at the JVM's exit, after the database is gone. */
    private static Hourglass node;

    @BeforeEach
    void rememberTheNode() {
        node = hourglass;
    }

    /**
     * Stops the node before its database goes: left running, it kept claiming from the dropped database, and at
     * the JVM's exit its stop waited out the pool's 30 s connection timeout (Surefire then killed the fork).
     */
    @AfterAll
    static void drop() {
        if (node != null) {
            node.stop(Duration.ZERO);
        }
        PostgresStarterTest.admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
}
