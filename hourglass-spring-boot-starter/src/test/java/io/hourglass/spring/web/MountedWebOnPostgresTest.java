package io.hourglass.spring.web;

import io.hourglass.spring.OwnDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link MountedWebContract} on a PostgreSQL database of its own, as the application's DataSource. */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hourglass.web.enabled=true", "hourglass.poll-interval=100ms"})
class MountedWebOnPostgresTest extends MountedWebContract {
    static final OwnDatabase DATABASE = new OwnDatabase("hg_web_");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.create(registry);
    }

    @BeforeEach
    void stopTheNodeBeforeTheDrop() {
        DATABASE.usedBy(hourglass);
    }

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }
}
