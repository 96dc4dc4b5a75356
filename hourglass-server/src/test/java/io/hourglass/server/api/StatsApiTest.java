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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/v1/stats on the real server: counts by state, attempts by outcome per bucket, and its bad inputs. */
class StatsApiTest {
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
    void statsCountJobsByStateAndAttemptsByOutcomeInTheirBucket() {
        Instant before = Instant.now();
        long id = server.postJson("/api/v1/jobs", map("task", "py-stats", "allowUnknownTask", true, "queue",
                "s-work")).json()
                .get("jobId").asLong();
        server.postJson("/api/v1/jobs", map("task", "py-stats", "allowUnknownTask", true, "queue", "s-work", "delay",
                "PT1H"));
        AtomicReference<JsonNode> popped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            popped.set(server.postJson("/api/v1/queues/s-work/pop?limit=1", map("worker", "w", "leaseSeconds", 60))
                    .json().get("jobs"));
            return popped.get().size() == 1;
        });
        assertThat(server.postJson("/api/v1/jobs/" + id + "/complete",
                map("worker", "w", "attempt", popped.get().get(0).get("attempt").asInt())).status()).isEqualTo(200);
        Instant after = Instant.now();

        Response r = server.get("/api/v1/stats?bucket=1m&from=" + before.minusSeconds(120).truncatedTo(ChronoUnit.SECONDS)
                + "&to=" + after.plusSeconds(60).truncatedTo(ChronoUnit.SECONDS));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode stats = r.json();
        assertThat(stats.get("bucket").asText()).isEqualTo("1m");
        assertThat(stats.get("jobs").get("succeeded").asLong()).isEqualTo(1);
        assertThat(stats.get("jobs").get("scheduled").asLong()).isEqualTo(1);
        assertThat(stats.get("jobs").get("running").asLong()).isZero();
        JsonNode buckets = stats.get("attempts");
        assertThat(buckets.size()).isBetween(3, 6);
        long succeeded = 0;
        for (JsonNode bucket : buckets) {
            assertThat(Instant.parse(bucket.get("start").asText()).getEpochSecond() % 60).isZero();
            assertThat(bucket.get("outcomes").has("infra_error")).isTrue();
            succeeded += bucket.get("outcomes").get("succeeded").asLong();
        }
        assertThat(succeeded).isEqualTo(1);

        JsonNode queues = server.get("/api/v1/queues/s-work").json();
        assertThat(queues.get("scheduled").asLong()).isEqualTo(1);
        assertThat(queues.get("running").asLong()).isZero();
    }

    @Test
    void defaultsAreTheLastDayInHourlyBuckets() {
        Response r = server.get("/api/v1/stats");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode stats = r.json();
        assertThat(stats.get("bucket").asText()).isEqualTo("1h");
        assertThat(Duration.between(Instant.parse(stats.get("from").asText()), Instant.parse(stats.get("to").asText())))
                .isEqualTo(Duration.ofHours(24));
        assertThat(stats.get("attempts").size()).isBetween(24, 25);
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertBad("/api/v1/stats?bucket=2m", "bucket");
        assertBad("/api/v1/stats?bucket=", "bucket");
        assertBad("/api/v1/stats?from=yesterday", "from");
        assertBad("/api/v1/stats?to=2026-13-01T00:00:00Z", "to");
        assertBad("/api/v1/stats?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", "to");
        assertBad("/api/v1/stats?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to");
        assertBad("/api/v1/stats?bucket=1m&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", "bucket");
        assertThat(server.get("/api/v1/stats?bucket=1m&from=2026-01-01T00:00:00Z&to=2026-01-01T16:40:00Z").status())
                .isEqualTo(200); // exactly 1000 buckets
    }

    private static void assertBad(String path, String field) {
        Response r = server.get(path);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.json().get("field").asText()).as(path).isEqualTo(field);
        assertThat(r.json().get("message").asText()).as(path).isNotBlank();
    }
}
