package io.hourglass.server.api;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queues and schedules over HTTP against a real server on H2. */
class QueueAndScheduleApiTest {
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(ServerConfig.forTests(dataDir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void queuesListSizesAndPauseResume() {
        server.postJson("/api/v1/jobs", map("task", "q-task", "allowUnknownTask", true, "queue", "sized", "delay",
                "PT1H"));
        server.postJson("/api/v1/jobs", map("task", "q-task", "allowUnknownTask", true, "queue", "sized", "delay",
                "PT1H"));
        JsonNode sized = server.get("/api/v1/queues/sized").json();
        assertThat(sized.get("scheduled").asLong()).isEqualTo(2);
        assertThat(sized.get("running").asLong()).isZero();
        assertThat(server.postJson("/api/v1/queues/sized/pause", "{}").json().get("paused").asBoolean()).isTrue();
        assertThat(server.get("/api/v1/queues").json().get("items").findValuesAsText("name")).contains("sized");
        assertThat(server.postJson("/api/v1/queues/sized/resume", "{}").json().get("paused").asBoolean()).isFalse();
        assertThat(server.get("/api/v1/queues/never-heard-of").status()).isEqualTo(404);
    }

    @Test
    void fullQueueAnswers429WithRetryAfterUnlessPriorityBypasses() {
        Response set = server.putJson("/api/v1/queues/small", map("maxSize", 1, "bypassPriority", 100));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(server.postJson("/api/v1/jobs", map("task", "q-task", "allowUnknownTask", true, "queue", "small",
                "delay", "PT1H"))
                .status()).isEqualTo(201);
        Response full = server.postJson("/api/v1/jobs", map("task", "q-task", "allowUnknownTask", true, "queue",
                "small", "delay", "PT1H"));
        assertThat(full.status()).isEqualTo(429);
        assertThat(full.header("Retry-After")).isNotNull();
        assertThat(full.json().get("message").asText()).contains("small");
        assertThat(server.postJson("/api/v1/jobs", map("task", "q-task", "allowUnknownTask", true, "queue", "small",
                "priority", 100, "delay", "PT1H")).status()).isEqualTo(201);
    }

    @Test
    void badQueueSettingsAre400NamingTheField() {
        Response r = server.putJson("/api/v1/queues/bad", map("concurrency", 0));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("concurrency");
    }

    @Test
    void scheduleLifecycleCreateShowDisableEnableTriggerDelete() {
        Response created = server.postJson("/api/v1/schedules", map("name", "nightly", "task", "report",
                "allowUnknownTask", true,
                "cron", "0 2 * * *", "zone", "Europe/Amsterdam", "kwargs", map("kind", "full")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("nextFireAt").isNull()).isFalse();
        assertThat(server.postJson("/api/v1/schedules", map("name", "nightly", "task", "report", "allowUnknownTask",
                true, "every", "5m"))
                .status()).isEqualTo(409);
        assertThat(server.get("/api/v1/schedules/nightly").json().get("zone").asText())
                .isEqualTo("Europe/Amsterdam");
        assertThat(server.postJson("/api/v1/schedules/nightly/disable", "{}").json().get("enabled").asBoolean())
                .isFalse();
        assertThat(server.postJson("/api/v1/schedules/nightly/enable", "{}").json().get("enabled").asBoolean())
                .isTrue();
        Response trigger = server.postJson("/api/v1/schedules/nightly/trigger", "{}");
        assertThat(trigger.status()).isEqualTo(201);
        JsonNode job = server.get("/api/v1/jobs/" + trigger.json().get("jobId").asLong()).json();
        assertThat(job.get("task").asText()).isEqualTo("report");
        assertThat(job.get("kwargs").get("kind").asText()).isEqualTo("full");
        assertThat(job.get("scheduleName").asText()).isEqualTo("nightly");
        Response updated = server.putJson("/api/v1/schedules/nightly", map("task", "report", "allowUnknownTask",
                true, "every", "10m"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("every").asText()).isEqualTo("PT10M");
        assertThat(server.get("/api/v1/schedules").json().get("items").findValuesAsText("name")).contains("nightly");
        assertThat(server.delete("/api/v1/schedules/nightly").status()).isEqualTo(204);
        assertThat(server.delete("/api/v1/schedules/nightly").status()).isEqualTo(404);
    }

    @Test
    void previewGivesTheNextFireTimes() {
        Response r = server.postJson("/api/v1/schedules/preview?count=3&after=2030-01-01T00:00:00Z",
                map("task", "report", "cron", "0 12 * * *", "zone", "UTC"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("fireTimes").toString()).isEqualTo(
                "[\"2030-01-01T12:00:00Z\",\"2030-01-02T12:00:00Z\",\"2030-01-03T12:00:00Z\"]");
    }

    @Test
    void intervalScheduleCreatesJobs() {
        server.postJson("/api/v1/schedules", map("name", "often", "task", "tick", "allowUnknownTask", true, "every",
                "1s"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(server.get("/api/v1/jobs?schedule=often").json().get("items").size()).isPositive());
        assertThat(server.get("/api/v1/schedules/often").json().get("runCount").asLong()).isPositive();
    }

    @Test
    void scheduleOfUnknownTaskIs422UnlessItAllowsUnknownTask() {
        Response refused = server.postJson("/api/v1/schedules", map("name", "orphan", "task", "no-such-task",
                "every", "5m"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("field").asText()).isEqualTo("task");
        assertThat(server.get("/api/v1/schedules/orphan").status()).isEqualTo(404);

        Response created = server.postJson("/api/v1/schedules", map("name", "orphan", "task", "no-such-task",
                "every", "5m", "allowUnknownTask", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("allowUnknownTask").asBoolean()).isTrue();
        Response update = server.putJson("/api/v1/schedules/orphan", map("task", "no-such-task", "every", "10m"));
        assertThat(update.status()).as(update.body()).isEqualTo(422);
        assertThat(server.get("/api/v1/schedules/orphan").json().get("every").asText()).isEqualTo("PT5M");
    }

    @Test
    void skipIfPendingScheduleSkipsFiresWhileItsJobWaitsInAPausedQueue() {
        server.postJson("/api/v1/queues/skip-checks/pause", "{}");
        Response created = server.postJson("/api/v1/schedules", map("name", "skipping", "task", "remote-check",
                "allowUnknownTask", true, "queue", "skip-checks", "every", "200ms", "skipIfPending", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("skipIfPending").asBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(server.get("/api/v1/schedules/skipping").json().get("skippedCount").asLong())
                        .isGreaterThanOrEqualTo(2));
        assertThat(server.get("/api/v1/jobs?schedule=skipping").json().get("items").size()).isEqualTo(1);
        assertThat(server.get("/api/v1/schedules/skipping").json().get("runCount").asLong()).isEqualTo(1);
        server.delete("/api/v1/schedules/skipping");
    }

    @Test
    void skipIfPendingIsOffUnlessAsked() {
        Response created = server.postJson("/api/v1/schedules", map("name", "plain", "task", "remote-plain",
                "allowUnknownTask", true, "every", "1h"));
        assertThat(created.json().get("skipIfPending").asBoolean()).isFalse();
        assertThat(created.json().get("skippedCount").asLong()).isZero();
    }

    @Test
    void scheduleNeedsExactlyOneSpec() {
        Response none = server.postJson("/api/v1/schedules", map("name", "x", "task", "t"));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("field").asText()).isEqualTo("cron");
        Response two = server.postJson("/api/v1/schedules", map("name", "x", "task", "t", "cron", "* * * * *",
                "every", "5m"));
        assertThat(two.status()).isEqualTo(400);
        assertThat(List.of(server.get("/api/v1/schedules/x").status())).containsExactly(404);
    }
}
