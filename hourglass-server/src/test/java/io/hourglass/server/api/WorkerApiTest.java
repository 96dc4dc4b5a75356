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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remote-worker cycle over HTTP: pop with a lease, heartbeat, complete or fail, and a worker that is lost. */
class WorkerApiTest {
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

    private static long enqueue(String queue) {
        Response r = server.postJson("/api/v1/jobs", map("task", "py-work", "allowUnknownTask", true, "queue", queue,
                "kwargs", map("n", 1)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("jobId").asLong();
    }

    private static JsonNode pop(String queue, String worker, int leaseSeconds) {
        Response r = server.postJson("/api/v1/queues/" + queue + "/pop?limit=10",
                map("worker", worker, "leaseSeconds", leaseSeconds));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("jobs");
    }

    @Test
    void popHeartbeatCompleteRunsTheJobToSucceeded() {
        long id = enqueue("w-ok");
        AtomicReference<JsonNode> popped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode jobs = pop("w-ok", "worker-a", 60);
            popped.set(jobs);
            return jobs.size() == 1;
        });
        JsonNode job = popped.get().get(0);
        assertThat(job.get("id").asLong()).isEqualTo(id);
        assertThat(job.get("kwargs").get("n").asInt()).isEqualTo(1);
        int attempt = job.get("attempt").asInt();
        assertThat(server.postJson("/api/v1/jobs/" + id + "/heartbeat", map("worker", "worker-a", "attempt", attempt))
                .status()).isEqualTo(200);
        Response done = server.postJson("/api/v1/jobs/" + id + "/complete",
                map("worker", "worker-a", "attempt", attempt, "output", "all good"));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(server.get("/api/v1/jobs/" + id).json().get("state").asText()).isEqualTo("succeeded"));
        assertThat(pop("w-ok", "worker-a", 60)).isEmpty();
    }

    @Test
    void failWithFailedOutcomeEndsTheJobAsFailed() {
        long id = enqueue("w-fail");
        AtomicReference<JsonNode> popped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            popped.set(pop("w-fail", "worker-b", 60));
            return popped.get().size() == 1;
        });
        int attempt = popped.get().get(0).get("attempt").asInt();
        Response r = server.postJson("/api/v1/jobs/" + id + "/fail",
                map("worker", "worker-b", "attempt", attempt, "outcome", "failed", "message", "login broken"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode job = server.get("/api/v1/jobs/" + id).json();
            assertThat(job.get("state").asText()).isEqualTo("failed");
            assertThat(job.get("lastError").asText()).contains("login broken");
        });
    }

    @Test
    void lostWorkerLosesTheJobAndItsLateCompletionIsRefused() {
        long id = enqueue("w-lost");
        AtomicReference<JsonNode> popped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            popped.set(pop("w-lost", "worker-lost", 1));
            return popped.get().size() == 1;
        });
        int lostAttempt = popped.get().get(0).get("attempt").asInt();
        // worker-lost never heartbeats: once the lease expires, the job goes back to the queue for another worker
        AtomicReference<JsonNode> again = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            again.set(pop("w-lost", "worker-new", 60));
            return again.get().size() == 1;
        });
        int newAttempt = again.get().get(0).get("attempt").asInt();
        assertThat(newAttempt).isGreaterThan(lostAttempt);
        Response late = server.postJson("/api/v1/jobs/" + id + "/complete",
                map("worker", "worker-lost", "attempt", lostAttempt));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("message").asText()).contains("worker-lost").contains(String.valueOf(id));
        assertThat(server.postJson("/api/v1/jobs/" + id + "/heartbeat",
                map("worker", "worker-lost", "attempt", lostAttempt)).status()).isEqualTo(409);
        assertThat(server.postJson("/api/v1/jobs/" + id + "/complete",
                map("worker", "worker-new", "attempt", newAttempt)).status()).isEqualTo(200);
        JsonNode attempts = server.get("/api/v1/jobs/" + id).json().get("attemptHistory");
        assertThat(attempts.findValuesAsText("outcome")).contains("infra_error", "succeeded");
    }

    @Test
    void popNeedsABoundedLimitAndAWorkerName() {
        assertThat(server.postJson("/api/v1/queues/q/pop", map("worker", "w")).json().get("field").asText())
                .isEqualTo("limit");
        assertThat(server.postJson("/api/v1/queues/q/pop?limit=0", map("worker", "w")).status()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/queues/q/pop?limit=101", map("worker", "w")).status()).isEqualTo(400);
        assertThat(server.postJson("/api/v1/queues/q/pop?limit=-3", map("worker", "w")).status()).isEqualTo(400);
        Response noWorker = server.postJson("/api/v1/queues/q/pop?limit=1", map());
        assertThat(noWorker.status()).isEqualTo(400);
        assertThat(noWorker.json().get("field").asText()).isEqualTo("worker");
        assertThat(server.postJson("/api/v1/queues/empty/pop?limit=5", map("worker", "w")).json().get("jobs"))
                .isEmpty();
    }

    @Test
    void failNeedsAKnownOutcome() {
        long id = enqueue("w-outcome");
        Response r = server.postJson("/api/v1/jobs/" + id + "/fail",
                map("worker", "w", "attempt", 1, "outcome", "exploded", "message", "x"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("outcome");
    }
}
