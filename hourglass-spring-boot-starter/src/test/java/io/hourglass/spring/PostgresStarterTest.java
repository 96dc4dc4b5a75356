package io.hourglass.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.job.JobRequest;
import io.hourglass.job.JobState;
import io.hourglass.task.JobContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Boot application (every auto-configuration on the classpath, Boot's own DataSource) on a real
 * PostgreSQL database of its own: task methods run, declared schedules fire, and health follows the database.
 */
@SpringBootTest(classes = PostgresStarterTest.App.class, properties = {
        "hourglass.poll-interval=100ms",
        "hourglass.schedules.pg-tick.task=pg-record",
        "hourglass.schedules.pg-tick.every=1s",
        "hourglass.schedules.pg-tick.kwargs.source=schedule",
        "spring.datasource.hikari.connection-timeout=1000",
        "management.endpoint.health.probes.enabled=true"})
public class PostgresStarterTest {
    static final OwnDatabase DATABASE = new OwnDatabase("hg_boot_");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.create(registry);
    }

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }

    @Autowired
    Hourglass hourglass;
    @Autowired
    Recorder recorder;
    @Autowired
    HealthEndpoint health;

    @BeforeEach
    void stopTheNodeBeforeTheDrop() {
        DATABASE.usedBy(hourglass);
    }

    @Test
    void aTaskMethodRunsAndADeclaredScheduleFiresOnPostgres() {
        assertThat(hourglass.settings().store()).startsWith("PostgreSQL").contains(DATABASE.name());
        long id = hourglass.enqueue(JobRequest.of("pg-record").kwargs(java.util.Map.of("source", "enqueue"))
                .build()).jobId();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> hourglass.job(id).orElseThrow().state() == JobState.SUCCEEDED);
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.sources.contains("schedule"));
        assertThat(recorder.sources).contains("enqueue");
    }

    @Test
    void theApplicationsOwnFlywayAndHourglassShareTheDatabaseWithoutSeeingEachOthersMigrations() throws Exception {
        try (Connection c = DriverManager.getConnection(DATABASE.url(), "postgres", null);
             Statement s = c.createStatement()) {
            var tables = s.executeQuery("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM"
                    + " information_schema.tables WHERE table_schema = 'public'");
            tables.next();
            assertThat(tables.getString(1).split(",")).contains("application_notes", "flyway_schema_history",
                    "hourglass_schema_history", "jobs", "attempts", "schedules");
            var applied = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success");
            applied.next();
            assertThat(applied.getInt(1)).as("the application's history holds only its own migration").isEqualTo(1);
        }
    }

    @Test
    void healthGoesDownWhileTheDatabaseRefusesConnectionsAndUpAfter() {
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        try {
            OwnDatabase.admin("ALTER DATABASE " + DATABASE.name() + " ALLOW_CONNECTIONS false");
            OwnDatabase.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                    + DATABASE.name() + "'");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> health.healthForPath("readiness").getStatus().equals(Status.DOWN));
            assertThat(health.healthForPath("hourglass").getStatus()).isEqualTo(Status.DOWN);
        } finally {
            OwnDatabase.admin("ALTER DATABASE " + DATABASE.name() + " ALLOW_CONNECTIONS true");
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> health.healthForPath("readiness").getStatus().equals(Status.UP));
    }

    /** Boot leaves the nested classes of test classes out of its scan, hence the import. */
    @SpringBootApplication
    @Import(Recorder.class)
    static class App {
    }

    @Component
    static class Recorder {
        final List<String> sources = new CopyOnWriteArrayList<>();

        @HourglassTask("pg-record")
        void record(JobContext job) {
            sources.add(String.valueOf(job.kwargs().get("source")));
        }
    }
}
