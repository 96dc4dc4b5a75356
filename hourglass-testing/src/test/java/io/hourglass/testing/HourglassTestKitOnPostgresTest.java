package io.hourglass.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.attempt.Outcome;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.JobRequest;
import io.hourglass.schedule.Schedule;
import io.hourglass.store.Store;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import io.hourglass.testsupport.Requirements;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The kit on a user's PostgreSQL (a fresh schema per test): the same engine, the same answers as on H2. */
@Tag("postgres")
class HourglassTestKitOnPostgresTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";

    private String schema;

    @BeforeEach
    void createSchema() {
        schema = ("kit_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        execute("create schema " + schema);
    }

    @AfterEach
    void dropSchema() {
        execute("drop schema if exists " + schema + " cascade");
    }

    @Test
    void givenStoreRunsEveryFireTimeOfAnHour() {
        try (Store store = JdbcStore.connect(URL + "?currentSchema=" + schema, USER, "");
             HourglassTestKit kit = HourglassTestKit.builder().store(store).task(Task.of("report", ctx -> { })).build()) {
            kit.node().createSchedule(Schedule.builder("reports").task("report")
                    .cron("*/5 * * * *", ZoneOffset.UTC).build());

            assertThat(kit.advanceAndRunDue(Duration.ofHours(1)).count(Outcome.SUCCEEDED)).isEqualTo(12);
        }
    }

    @Test
    void dataSourceRetriesOnlyWhenTheClockReachesTheBackoff() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(URL + "?currentSchema=" + schema);
        dataSource.setUser(USER);
        RetryPolicy oneMinute = RetryPolicy.DEFAULT.withMaxAttempts(2).withJitter(0)
                .withDelays(Duration.ofMinutes(1), 2.0, Duration.ofMinutes(5)).retrying(Outcome.FAILED);
        try (HourglassTestKit kit = HourglassTestKit.builder().dataSource(dataSource)
                .task(Task.builder("flaky").retryPolicy(oneMinute).handler(ctx -> {
                    throw new IllegalStateException("down");
                }).build()).build()) {
            long id = kit.node().enqueue(JobRequest.of("flaky").build()).jobId();

            kit.runDue();
            kit.advance(Duration.ofSeconds(59));
            assertThat(kit.runDue().count()).isZero();
            kit.advance(Duration.ofSeconds(1));
            assertThat(kit.runDue().count()).isEqualTo(1);

            kit.assertThatJob(id).failedWith("down").hasAttempts(2);
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            Requirements.require("postgres", false, "no PostgreSQL at " + URL + " as " + USER + ": " + e.getMessage());
        }
    }
}
