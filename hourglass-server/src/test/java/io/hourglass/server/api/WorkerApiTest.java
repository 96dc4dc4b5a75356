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
import java.util.Map;
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
        await().atMost(Duration.ofSeconds(30)).until(() -> {
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
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(server.get("/api/v1/jobs/" + id).json().get("state").asText()).isEqualTo("succeeded"));
        assertThat(pop("w-ok", "worker-a", 60)).isEmpty();
    }

    @Test
    void failWithFailedOutcomeEndsTheJobAsFailed() {
        long id = enqueue("w-fail");
        AtomicReference<JsonNode> popped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            popped.set(pop("w-fail", "worker-b", 60));
            return popped.get().size() == 1;
        });
        int attempt = popped.get().get(0).get("attempt").asInt();
        Response r = server.postJson("/api/v1/jobs/" + id + "/fail",
                map("worker", "worker-b", "attempt", attempt, "outcome", "failed", "message", "login broken"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode job = server.get("/api/v1/jobs/" + id).json();
            assertThat(job.get("state").asText()).isEqualTo("failed");
            assertThat(job.get("lastError").asText()).contains("login broken");
        });
    }

    @Test
    void lostWorkerLosesTheJobAndItsLateCompletionIsRefused() {
        long id = enqueue("w-lost");
        AtomicReference<JsonNode> popped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
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
        assertThat(attempts.get(0).get("owner").asText()).isEqualTo("worker-lost");
        assertThat(attempts.get(0).get("error").asText()).contains("lease expired", "'worker-lost'");
        Response afterReap = server.postJson("/api/v1/jobs/" + id + "/fail", map("worker", "worker-lost",
                "attempt", lostAttempt, "outcome", "infra_error", "message", "crashed"));
        assertThat(afterReap.status()).isEqualTo(409); // the reaper's infra_error is not this worker's report
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

    private static JsonNode popOne(String queue, String worker, int leaseSeconds) {
        AtomicReference<JsonNode> popped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            popped.set(pop(queue, worker, leaseSeconds));
            return popped.get().size() == 1;
        });
        return popped.get().get(0);
    }

    @Test
    void heartbeatWithoutLeaseSecondsKeepsTheLeaseAskedForAtPop() {
        long id = enqueue("w-long");
        JsonNode job = popOne("w-long", "worker-long", 3600);

        Response beat = server.postJson("/api/v1/jobs/" + id + "/heartbeat",
                map("worker", "worker-long", "attempt", job.get("attempt").asInt()));

        assertThat(beat.status()).as(beat.body()).isEqualTo(200);
        assertThat(beat.json().get("leaseSeconds").asLong()).isEqualTo(3600);
        Instant leaseUntil = Instant.parse(beat.json().get("leaseUntil").asText());
        assertThat(leaseUntil).isAfter(Instant.parse(job.get("leaseUntil").asText()).minusSeconds(60));
        assertThat(leaseUntil).isAfter(Instant.now().plusSeconds(1800)); // the server default is 60 s
        assertThat(Instant.parse(server.get("/api/v1/jobs/" + id).json().get("leaseUntil").asText()))
                .isEqualTo(leaseUntil);
    }

    @Test
    void heartbeatWithLeaseSecondsSetsTheLeaseForLaterHeartbeats() {
        long id = enqueue("w-relet");
        int attempt = popOne("w-relet", "worker-relet", 3600).get("attempt").asInt();

        Response shorter = server.postJson("/api/v1/jobs/" + id + "/heartbeat",
                map("worker", "worker-relet", "attempt", attempt, "leaseSeconds", 120));
        Response next = server.postJson("/api/v1/jobs/" + id + "/heartbeat",
                map("worker", "worker-relet", "attempt", attempt));

        assertThat(shorter.json().get("leaseSeconds").asLong()).isEqualTo(120);
        assertThat(next.json().get("leaseSeconds").asLong()).isEqualTo(120);
        Response bad = server.postJson("/api/v1/jobs/" + id + "/heartbeat",
                map("worker", "worker-relet", "attempt", attempt, "leaseSeconds", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("leaseSeconds");
    }

    @Test
    void heartbeatOfAnUnknownJobIsA404() {
        Response r = server.postJson("/api/v1/jobs/987654321/heartbeat", map("worker", "w", "attempt", 1));
        assertThat(r.status()).isEqualTo(404);
    }

    @Test
    void heartbeatAnswersCancellationRequestedOnceTheJobIsCancelled() {
        long id = enqueue("w-cancel");
        int attempt = popOne("w-cancel", "worker-c", 60).get("attempt").asInt();
        Map<String, Object> beat = map("worker", "worker-c", "attempt", attempt);
        assertThat(server.postJson("/api/v1/jobs/" + id + "/heartbeat", beat).json()
                .get("cancellationRequested").asBoolean()).isFalse();

        assertThat(server.postJson("/api/v1/jobs/" + id + "/cancel", map()).json().get("result").asText())
                .isEqualTo("cancellation_requested");

        assertThat(server.postJson("/api/v1/jobs/" + id + "/heartbeat", beat).json()
                .get("cancellationRequested").asBoolean()).isTrue();
    }

    @Test
    void failAfterACancelRequestIsRecordedAsCancelledAndNotRetried() {
        long id = enqueue("w-cancel-fail");
        int attempt = popOne("w-cancel-fail", "worker-cf", 60).get("attempt").asInt();
        server.postJson("/api/v1/jobs/" + id + "/cancel", map());

        Response r = server.postJson("/api/v1/jobs/" + id + "/fail", map("worker", "worker-cf",
                "attempt", attempt, "outcome", "infra_error", "message", "stopped: browser session closed"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("outcome").asText()).isEqualTo("cancelled");
        JsonNode job = server.get("/api/v1/jobs/" + id).json();
        assertThat(job.get("state").asText()).isEqualTo("cancelled");
        assertThat(job.get("lastError").asText()).contains("cancelled on request", "infra_error",
                "browser session closed");
    }

    @Test
    void completeAfterACancelRequestIsRecordedAsSucceeded() {
        long id = enqueue("w-cancel-done");
        int attempt = popOne("w-cancel-done", "worker-cd", 60).get("attempt").asInt();
        server.postJson("/api/v1/jobs/" + id + "/cancel", map());

        Response r = server.postJson("/api/v1/jobs/" + id + "/complete", map("worker", "worker-cd",
                "attempt", attempt));

        assertThat(r.json().get("outcome").asText()).isEqualTo("succeeded");
        assertThat(server.get("/api/v1/jobs/" + id).json().get("state").asText()).isEqualTo("succeeded");
    }

    @Test
    void failWithCancelledOutcomeEndsTheJobAsCancelled() {
        long id = enqueue("w-stopped");
        int attempt = popOne("w-stopped", "worker-s", 60).get("attempt").asInt();
        server.postJson("/api/v1/jobs/" + id + "/cancel", map());

        Response r = server.postJson("/api/v1/jobs/" + id + "/fail", map("worker", "worker-s",
                "attempt", attempt, "outcome", "cancelled", "message", "stopped on request"));

        assertThat(r.json().get("outcome").asText()).isEqualTo("cancelled");
        assertThat(server.get("/api/v1/jobs/" + id).json().get("lastError").asText())
                .isEqualTo("stopped on request");
    }

    @Test
    void repeatedIdenticalCompleteAnswersTheRecordedOutcome() {
        long id = enqueue("w-again");
        int attempt = popOne("w-again", "worker-r", 60).get("attempt").asInt();
        Map<String, Object> done = map("worker", "worker-r", "attempt", attempt, "output", "ok");
        assertThat(server.postJson("/api/v1/jobs/" + id + "/complete", done).status()).isEqualTo(200);

        Response again = server.postJson("/api/v1/jobs/" + id + "/complete", done);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("outcome").asText()).isEqualTo("succeeded");
        assertThat(server.get("/api/v1/jobs/" + id).json().get("attemptHistory")).hasSize(1);
        Response different = server.postJson("/api/v1/jobs/" + id + "/fail",
                map("worker", "worker-r", "attempt", attempt, "outcome", "failed", "message", "no"));
        assertThat(different.status()).isEqualTo(409);
        assertThat(server.postJson("/api/v1/jobs/" + id + "/complete", map("worker", "someone-else",
                "attempt", attempt)).status()).isEqualTo(409);
    }

    @Test
    void repeatedIdenticalFailIsIdempotentEvenWhenTheJobWentBackForARetry() {
        long id = enqueue("w-again-fail");
        int attempt = popOne("w-again-fail", "worker-rf", 60).get("attempt").asInt();
        Map<String, Object> fail = map("worker", "worker-rf", "attempt", attempt, "outcome", "infra_error",
                "message", "no browser session");
        assertThat(server.postJson("/api/v1/jobs/" + id + "/fail", fail).status()).isEqualTo(200);

        Response again = server.postJson("/api/v1/jobs/" + id + "/fail", fail);

        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("outcome").asText()).isEqualTo("infra_error");
        assertThat(server.get("/api/v1/jobs/" + id).json().get("attemptHistory")).hasSize(1);
    }

    @Test
    void workersAreListedWithLastSeenQueuesAndJobsHeld() {
        enqueue("w-listed");
        enqueue("w-listed");
        java.util.concurrent.atomic.AtomicInteger popped = new java.util.concurrent.atomic.AtomicInteger();
        await().atMost(Duration.ofSeconds(30)).until(() -> popped.addAndGet(pop("w-listed", "worker-listed", 60)
                .size()) == 2);
        pop("w-listed-empty", "worker-listed", 60);

        Response r = server.get("/api/v1/workers");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("shownForSeconds").asLong()).isEqualTo(600);
        JsonNode worker = null;
        for (JsonNode item : r.json().get("items")) {
            if (item.get("name").asText().equals("worker-listed")) {
                worker = item;
            }
        }
        assertThat(worker).as(r.body()).isNotNull();
        assertThat(worker.get("jobsHeld").asInt()).isEqualTo(2);
        assertThat(worker.get("queues").toString()).isEqualTo("[\"w-listed\",\"w-listed-empty\"]");
        assertThat(Instant.parse(worker.get("lastSeenAt").asText())).isBefore(Instant.now().plusSeconds(1));
    }
}
