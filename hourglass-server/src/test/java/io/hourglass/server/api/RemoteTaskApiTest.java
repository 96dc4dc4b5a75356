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
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks defined for remote workers ({@code "executor": "remote"}): their queue, ranker, retry policy and timeout
 * apply to the jobs workers pop, and the server (which runs work itself) never claims them.
 */
class RemoteTaskApiTest {
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

    private static void defineRemote(String name, int priority) {
        Response r = server.putJson("/api/v1/tasks/" + name, map("executor", "remote", "queue", "ranked",
                "ranker", map("kind", "fixed", "priority", priority), "timeout", "5m",
                "retry", map("maxAttempts", 2, "initialDelay", "1s", "maxDelay", "1s", "jitter", 0,
                        "retryOn", List.of("infra_error"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("runsHere").asBoolean()).isFalse();
    }

    private static JsonNode popOne(String worker) {
        AtomicReference<JsonNode> popped = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Response r = server.postJson("/api/v1/queues/ranked/pop?limit=1", map("worker", worker));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            popped.set(r.json().get("jobs"));
            return popped.get().size() == 1;
        });
        return popped.get().get(0);
    }

    private static Response fail(JsonNode job, String worker) {
        return server.postJson("/api/v1/jobs/" + job.get("id").asLong() + "/fail", map("worker", worker,
                "attempt", job.get("attempt").asInt(), "outcome", "infra_error", "message", "no browser session"));
    }

    @Test
    void remoteTaskJobsArePoppedInRankedOrderAndRetriedByTheTasksPolicy() {
        defineRemote("scan-low", 1);
        defineRemote("scan-high", 9);
        long low = server.postJson("/api/v1/jobs", map("task", "scan-low")).json().get("jobId").asLong();
        long high = server.postJson("/api/v1/jobs", map("task", "scan-high")).json().get("jobId").asLong();

        JsonNode first = popOne("worker-1");
        JsonNode second = popOne("worker-1");

        assertThat(first.get("id").asLong()).isEqualTo(high);
        assertThat(first.get("priority").asInt()).isEqualTo(9);
        assertThat(first.get("queue").asText()).isEqualTo("ranked");
        assertThat(Instant.parse(first.get("deadline").asText()))
                .isEqualTo(Instant.parse(server.get("/api/v1/jobs/" + high).json().get("startedAt").asText())
                        .plus(Duration.ofMinutes(5)));
        assertThat(second.get("id").asLong()).isEqualTo(low);

        assertThat(fail(first, "worker-1").json().get("outcome").asText()).isEqualTo("infra_error");
        assertThat(server.get("/api/v1/jobs/" + high).json().get("state").asText()).isEqualTo("scheduled");
        JsonNode retried = popOne("worker-2");
        assertThat(retried.get("id").asLong()).isEqualTo(high);
        assertThat(retried.get("attempt").asInt()).isEqualTo(2);
        fail(retried, "worker-2");
        JsonNode job = server.get("/api/v1/jobs/" + high).json();
        assertThat(job.get("state").asText()).isEqualTo("failed"); // maxAttempts 2: no third try
        assertThat(job.get("attemptHistory").findValuesAsText("owner")).containsExactly("worker-1", "worker-2");
    }

    @Test
    void theRemoteExecutorTakesNoSettings() {
        Response r = server.putJson("/api/v1/tasks/remote-with-settings",
                map("executor", "remote", "settings", map("url", "http://x")));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo("settings");
        assertThat(server.get("/api/v1/tasks/remote-with-settings").status()).isEqualTo(404);
    }
}
