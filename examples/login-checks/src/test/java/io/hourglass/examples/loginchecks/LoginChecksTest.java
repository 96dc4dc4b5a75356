package io.hourglass.examples.loginchecks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.examples.support.ExampleServer;
import io.hourglass.examples.support.RunningScript;
import io.hourglass.examples.support.ScriptRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's steps against a real server: load checks.json with load_checks.py, run checker.py, and read the
 * results, then pause the queue and list what is overdue.
 */
class LoginChecksTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void eachCellRunsInfraFailuresAreRetriedRealFailuresStayFailedAndAPausedQueueShowsOverdue() {
        try (ExampleServer server = ExampleServer.start(dataDir)) {
            ScriptRun load = ScriptRun.run(MODULE, List.of("python3", "src/main/python/load_checks.py", "--url",
                    server.url(), "checks.json"));
            assertThat(load.exitCode()).as(load.output()).isZero();
            assertThat(server.get("/api/v1/tasks/check-login").get("expiresAfter").asText()).isEqualTo("3m");

            try (RunningScript checker = RunningScript.start(MODULE, List.of("python3",
                    "src/main/python/checker.py", "--url", server.url(), "--name", "checker-test"))) {
                await().atMost(WAIT).untilAsserted(() -> assertThat(finishedCells(server)).hasSize(3));
                Map<String, JsonNode> cells = finishedCells(server);

                JsonNode chrome = cells.get("acme chrome");
                assertThat(chrome.get("state").asText()).isEqualTo("succeeded");
                assertThat(chrome.get("attemptHistory")).hasSize(1);
                assertThat(chrome.get("attemptHistory").get(0).get("durationMs").asLong()).isNotNegative();

                JsonNode firefox = cells.get("acme firefox").get("attemptHistory");
                assertThat(firefox).hasSize(2);
                assertThat(firefox.get(0).get("outcome").asText()).isEqualTo("infra_error");
                assertThat(firefox.get(0).get("reportedOutcome").asText()).isEqualTo("failed");
                assertThat(firefox.get(0).get("output").asText()).contains("SessionNotCreatedException");
                assertThat(firefox.get(1).get("outcome").asText()).isEqualTo("succeeded");
                assertThat(cells.get("acme firefox").get("state").asText()).isEqualTo("succeeded");

                JsonNode globex = cells.get("globex chrome");
                assertThat(globex.get("state").asText()).isEqualTo("failed");
                assertThat(globex.get("attemptHistory")).hasSize(1);
                assertThat(globex.get("attemptHistory").get(0).get("reportedOutcome").isNull()).isTrue();

                server.post("/api/v1/queues/login-checks/pause", Map.of());
                server.post("/api/v1/schedules/login-acme/trigger", Map.of());
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonNode overdue = server.get("/api/v1/overdue").get("items");
                    assertThat(overdue).hasSize(2).allSatisfy(job -> {
                        assertThat(job.get("scheduleName").asText()).isEqualTo("login-acme");
                        assertThat(job.get("reason").asText()).isEqualTo("queue_paused");
                    });
                });
                assertThat(checker.output()).contains("acme firefox attempt 1: infra_error")
                        .contains("globex chrome attempt 1: failed");
            }
        }
    }

    /** The finished jobs of the first round by "partner browser", each with its attempts. */
    private static Map<String, JsonNode> finishedCells(ExampleServer server) {
        Map<String, JsonNode> cells = new HashMap<>();
        JsonNode jobs = server.get("/api/v1/jobs?task=check-login&state=succeeded,failed").get("items");
        StreamSupport.stream(jobs.spliterator(), false).forEach(job -> {
            JsonNode full = server.get("/api/v1/jobs/" + job.get("id").asLong());
            cells.put(full.get("kwargs").get("partner").asText() + " " + full.get("kwargs").get("browser").asText(),
                    full);
        });
        return cells;
    }
}
