package io.hourglass.spring.web;

import io.hourglass.spring.PostgresStarterTest;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link MountedWebContract} on a PostgreSQL database of its own, as the application's DataSource. */
@DirtiesContext // closed in drop(), so the context cache must not hand it to another class
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

    /** Closes the application before its database goes; see {@link PostgresStarterTest#drop}. */
    @AfterAll
    static void drop(ConfigurableApplicationContext application) {
        application.close();
        PostgresStarterTest.admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }
}
