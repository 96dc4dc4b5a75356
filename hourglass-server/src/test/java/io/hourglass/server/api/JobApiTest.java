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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs, overdue and nodes over HTTP against a real server on H2 (tasks: {@link TaskApiTest}). */
class JobApiTest {
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

    private static long enqueue(Object body) {
        Response r = server.postJson("/api/v1/jobs", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("jobId").asLong();
    }

    @Test
    void delaysTakeTheShortFormsAsWellAsIso() {
        for (String delay : List.of("90m", "PT90M")) {
            JsonNode job = server.get("/api/v1/jobs/" + enqueue(map("task", "remote-delay", "allowUnknownTask", true,
                    "delay", delay))).json();
            Instant created = Instant.parse(job.get("createdAt").asText());
            assertThat(Instant.parse(job.get("dueAt").asText())).isEqualTo(created.plus(Duration.ofMinutes(90)));
        }
    }

    @Test
    void enqueueCreatesAJobThatShowsWithItsArguments() {
        long id = enqueue(map("task", "remote-report", "allowUnknownTask", true, "args", List.of(1, "two"),
                "kwargs", map("k", "v"), "queue", "reports", "priority", 7, "delay", "PT1H"));
        JsonNode job = server.get("/api/v1/jobs/" + id).json();
        assertThat(job.get("task").asText()).isEqualTo("remote-report");
        assertThat(job.get("queue").asText()).isEqualTo("reports");
        assertThat(job.get("priority").asInt()).isEqualTo(7);
        assertThat(job.get("args").toString()).isEqualTo("[1,\"two\"]");
        assertThat(job.get("kwargs").get("k").asText()).isEqualTo("v");
        assertThat(job.get("state").asText()).isEqualTo("scheduled");
        assertThat(job.get("attemptHistory").isArray()).isTrue();
    }

    @Test
    void duplicateDedupKeyReturnsTheExistingJobWith200() {
        long first = enqueue(map("task", "remote-dedup", "allowUnknownTask", true, "dedupKey", "account:1", "delay",
                "PT1H"));
        Response again = server.postJson("/api/v1/jobs", map("task", "remote-dedup", "allowUnknownTask", true,
                "dedupKey", "account:1"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("jobId").asLong()).isEqualTo(first);
        assertThat(again.json().get("created").asBoolean()).isFalse();
    }

    @Test
    void bulkEnqueueAnswersPerJobInOrder() {
        Response r = server.postJson("/api/v1/jobs/bulk", map("jobs", List.of(
                map("task", "remote-bulk", "allowUnknownTask", true, "dedupKey", "b1", "delay", "PT1H"),
                map("task", "remote-bulk", "allowUnknownTask", true, "dedupKey", "b1", "delay", "PT1H"),
                map("task", "remote-bulk", "allowUnknownTask", true, "dedupKey", "b2", "delay", "PT1H"))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode results = r.json().get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("created").asBoolean()).isTrue();
        assertThat(results.get(1).get("created").asBoolean()).isFalse();
        assertThat(results.get(1).get("jobId").asLong()).isEqualTo(results.get(0).get("jobId").asLong());
        assertThat(results.get(2).get("created").asBoolean()).isTrue();
    }

    @Test
    void listFiltersByTaskAndStateAndPagesWithACursor() {
        for (int i = 0; i < 5; i++) {
            enqueue(map("task", "remote-paged", "allowUnknownTask", true, "delay", "PT1H"));
        }
        Response first = server.get("/api/v1/jobs?task=remote-paged&state=scheduled&limit=3");
        assertThat(first.json().get("items")).hasSize(3);
        String cursor = first.json().get("nextCursor").asText();
        Response second = server.get("/api/v1/jobs?task=remote-paged&state=scheduled&limit=3&cursor=" + cursor);
        assertThat(second.json().get("items")).hasSize(2);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        assertThat(server.get("/api/v1/jobs?task=remote-paged&state=failed").json().get("items")).isEmpty();
    }

    @Test
    void cancelThenRetryEnqueuesAFreshCopy() {
        long id = enqueue(map("task", "remote-cancel", "allowUnknownTask", true, "kwargs", map("a", 1), "delay",
                "PT1H"));
        Response cancel = server.postJson("/api/v1/jobs/" + id + "/cancel", "{}");
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().get("result").asText()).isEqualTo("cancelled");
        assertThat(server.postJson("/api/v1/jobs/" + id + "/cancel", "{}").status()).isEqualTo(409);
        Response retry = server.postJson("/api/v1/jobs/" + id + "/retry", "{}");
        assertThat(retry.status()).isEqualTo(201);
        long copy = retry.json().get("jobId").asLong();
        assertThat(copy).isNotEqualTo(id);
        JsonNode job = server.get("/api/v1/jobs/" + copy).json();
        assertThat(job.get("kwargs").get("a").asInt()).isEqualTo(1);
        assertThat(job.get("state").asText()).isEqualTo("scheduled");
    }

    @Test
    void retryNowMakesAScheduledJobDueNowItself() {
        long id = enqueue(map("task", "remote-later", "allowUnknownTask", true, "delay", "PT1H"));
        Instant before = Instant.now();
        Response r = server.postJson("/api/v1/jobs/" + id + "/retry", "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("id").asLong()).isEqualTo(id);
        assertThat(r.json().get("state").asText()).isEqualTo("scheduled");
        assertThat(Instant.parse(r.json().get("dueAt").asText())).isBefore(before.plusSeconds(60));
        assertThat(server.get("/api/v1/jobs?task=remote-later").json().get("items")).hasSize(1);
    }

    @Test
    void retryOfARunningJobIsAConflict() {
        long id = enqueue(map("task", "remote-running", "allowUnknownTask", true, "queue", "retry-running"));
        JsonNode popped = server.postJson("/api/v1/queues/retry-running/pop?limit=1", map("worker", "w-retry"))
                .json().get("jobs");
        assertThat(popped.findValuesAsText("id")).containsExactly(String.valueOf(id));
        Response r = server.postJson("/api/v1/jobs/" + id + "/retry", "{}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("message").asText()).contains(String.valueOf(id)).contains("running");
    }

    @Test
    void unknownJobIs404InTheErrorFormat() {
        Response r = server.get("/api/v1/jobs/555555");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not_found");
        assertThat(r.json().get("message").asText()).contains("555555");
        assertThat(r.json().has("field")).isTrue();
    }

    @Test
    void overdueListsDueUnclaimedJobsWithWhyEachWaits() {
        long id = enqueue(map("task", "remote-overdue", "allowUnknownTask", true));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode items = server.get("/api/v1/overdue?limit=100").json().get("items");
            JsonNode item = null;
            for (JsonNode candidate : items) {
                if (candidate.get("id").asLong() == id) {
                    item = candidate;
                }
            }
            assertThat(item).isNotNull();
            assertThat(item.get("task").asText()).isEqualTo("remote-overdue");
            assertThat(item.get("reason").asText()).isEqualTo("no_node_runs_task");
            assertThat(item.get("because").asText()).contains("remote-overdue");
        });
    }

    @Test
    void enqueueOfUnknownTaskIs422NamingTheTaskAndInsertsNothing() {
        Response r = server.postJson("/api/v1/jobs", map("task", "nobody-runs-this", "dedupKey", "unknown:1"));

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("error").asText()).isEqualTo("unprocessable");
        assertThat(r.json().get("field").asText()).isEqualTo("task");
        assertThat(r.json().get("message").asText()).contains("nobody-runs-this", "allowUnknownTask");
        assertThat(server.get("/api/v1/jobs?task=nobody-runs-this").json().get("items")).isEmpty();
    }

    @Test
    void bulkEnqueueWithAnUnknownTaskIs422NamingTheJobAndInsertsNothing() {
        Response r = server.postJson("/api/v1/jobs/bulk", map("jobs", List.of(
                map("task", "remote-bulk-known", "allowUnknownTask", true, "delay", "PT1H"),
                map("task", "nobody-runs-this-either", "delay", "PT1H"))));

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("field").asText()).isEqualTo("jobs[1].task"); // the job in the request that has it
        assertThat(server.get("/api/v1/jobs?task=remote-bulk-known").json().get("items")).isEmpty();
    }

    @Test
    void enqueueOfUnknownTaskIsAcceptedWithAllowUnknownTask() {
        Response r = server.postJson("/api/v1/jobs", map("task", "remote-only-task", "allowUnknownTask", true));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void nodesAreListedWithIncarnationAndTasks() {
        JsonNode node = server.get("/api/v1/nodes").json().get("items").get(0);
        String name = node.get("name").asText();
        assertThat(node.get("incarnation").asText()).startsWith(name + "#");
        assertThat(node.get("tasks").toString()).contains("container");
        assertThat(node.get("startedAt").asText()).isNotBlank();
    }

    @Test
    void jobListFiltersByOutcomeNodeScheduleAndCreatedAndFinishedRanges() {
        long kept = enqueue(map("task", "filtered", "allowUnknownTask", true, "delay", "PT1H"));
        long cancelled = enqueue(map("task", "filtered", "allowUnknownTask", true, "delay", "PT1H"));
        assertThat(server.postJson("/api/v1/jobs/" + cancelled + "/cancel", "{}").status()).isEqualTo(200);
        String now = java.time.Instant.now().plusSeconds(1).toString();

        assertThat(ids("?task=filtered&outcome=cancelled")).containsExactly(cancelled);
        assertThat(ids("?task=filtered&finishedFrom=2020-01-01T00:00:00Z&finishedTo=" + now))
                .containsExactly(cancelled);
        assertThat(ids("?task=filtered&createdTo=" + now)).containsExactly(cancelled, kept);
        assertThat(ids("?task=filtered&createdFrom=" + now)).isEmpty();
        assertThat(ids("?task=filtered&node=no-such-node")).isEmpty();
        assertThat(ids("?task=filtered&schedule=no-such-schedule")).isEmpty();
        Response bad = server.get("/api/v1/jobs?outcome=exploded");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("outcome");
        assertThat(server.get("/api/v1/jobs?createdFrom=2026-01-02T00:00:00Z&createdTo=2026-01-01T00:00:00Z")
                .json().get("field").asText()).isEqualTo("createdTo");
    }

    private static java.util.List<Long> ids(String query) {
        Response r = server.get("/api/v1/jobs" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        java.util.List<Long> ids = new java.util.ArrayList<>();
        r.json().get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }
}
