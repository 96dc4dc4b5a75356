package io.hourglass.server.metrics;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the engine did shows at /metrics, after jobs run through the real server (embedded H2). */
class EngineMetricsTest {
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
    void jobsRunByARemoteWorkerAreCountedWithLatencyAndDuration() {
        long ok = enqueue("m-work");
        long bad = enqueue("m-work");
        JsonNode jobs = popAll("m-work", "worker-m", 2, 60);
        for (JsonNode job : jobs) {
            long id = job.get("id").asLong();
            String path = "/api/v1/jobs/" + id + (id == ok ? "/complete" : "/fail");
            Object body = id == ok ? map("worker", "worker-m", "attempt", job.get("attempt").asInt())
                    : map("worker", "worker-m", "attempt", job.get("attempt").asInt(), "outcome", "failed",
                            "message", "broken");
            assertThat(server.postJson(path, body).status()).isEqualTo(200);
        }
        assertThat(bad).isNotEqualTo(ok);

        String metrics = scrape();
        assertThat(value(metrics, "hourglass_jobs_enqueued_total{queue=\"m-work\"}")).isEqualTo(2.0);
        assertThat(value(metrics, "hourglass_jobs_claimed_total{queue=\"m-work\"}")).isEqualTo(2.0);
        assertThat(value(metrics, "hourglass_jobs_completed_total{outcome=\"succeeded\",queue=\"m-work\"}"))
                .isEqualTo(1.0);
        assertThat(value(metrics, "hourglass_jobs_completed_total{outcome=\"failed\",queue=\"m-work\"}"))
                .isEqualTo(1.0);
        assertThat(value(metrics, "hourglass_job_start_latency_seconds_count{queue=\"m-work\"}")).isEqualTo(2.0);
        assertThat(value(metrics, "hourglass_job_start_latency_seconds_sum{queue=\"m-work\"}"))
                .isGreaterThanOrEqualTo(0.0).isLessThan(60.0);
        assertThat(value(metrics, "hourglass_job_start_latency_seconds_bucket{queue=\"m-work\",le=\"3600.0\"}"))
                .isEqualTo(2.0);
        assertThat(value(metrics, "hourglass_job_start_latency_seconds_bucket{queue=\"m-work\",le=\"0.005\"}"))
                .isBetween(0.0, 2.0);
        assertThat(value(metrics, "hourglass_job_run_duration_seconds_count{queue=\"m-work\"}")).isEqualTo(2.0);
        assertThat(value(metrics, "hourglass_queue_jobs{queue=\"m-work\",state=\"scheduled\"}")).isZero();
        assertThat(value(metrics, "hourglass_queue_jobs{queue=\"m-work\",state=\"running\"}")).isZero();
    }

    @Test
    void aLostWorkersLeaseExpiryAndItsLateCompletionAreCounted() {
        long id = enqueue("m-lost");
        JsonNode popped = popAll("m-lost", "worker-gone", 1, 1);
        int attempt = popped.get(0).get("attempt").asInt();
        assertThat(value(scrape(), "hourglass_queue_jobs{queue=\"m-lost\",state=\"running\"}")).isEqualTo(1.0);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                scrape().contains("hourglass_lease_expiries_total{queue=\"m-lost\"} 1.0"));
        assertThat(server.postJson("/api/v1/jobs/" + id + "/complete", map("worker", "worker-gone",
                "attempt", attempt)).status()).isEqualTo(409);
        String metrics = scrape();
        assertThat(value(metrics, "hourglass_completions_refused_total{queue=\"m-lost\"}")).isEqualTo(1.0);
        assertThat(value(metrics, "hourglass_jobs_completed_total{outcome=\"infra_error\",queue=\"m-lost\"}"))
                .isEqualTo(1.0);
    }

    private static long enqueue(String queue) {
        Response r = server.postJson("/api/v1/jobs", map("task", "py-work", "allowUnknownTask", true, "queue", queue));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("jobId").asLong();
    }

    private static JsonNode popAll(String queue, String worker, int expected, int leaseSeconds) {
        AtomicReference<JsonNode> popped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response r = server.postJson("/api/v1/queues/" + queue + "/pop?limit=10",
                    map("worker", worker, "leaseSeconds", leaseSeconds));
            popped.set(r.json().get("jobs"));
            return popped.get().size() == expected;
        });
        return popped.get();
    }

    private static String scrape() {
        Response r = server.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /** The value of one exact series (name and labels as Prometheus prints them). */
    private static double value(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + metrics));
    }
}
