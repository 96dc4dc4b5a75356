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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Story 4 over HTTP against a real server on H2: matrix schedules (saved, shown, previewed, refused with the field
 * named), outcome rules on a task that a remote worker completes over HTTP, and jobs that expire unstarted,
 * shown as such in the API, the stats and the container-jobs history.
 */
class MatrixOutcomeExpiryApiTest {
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

    private static void assertRefused(Response r, String field, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).isEqualTo(field);
        assertThat(r.body()).contains(message);
    }

    private static Object matrix() {
        return map("partner", List.of("acme", "globex"), "browser", List.of("chrome", "firefox"),
                "exclude", List.of(map("partner", "globex", "browser", "firefox")));
    }

    @Test
    void aMatrixScheduleIsSavedShownPatchedAndPreviewedWithItsCombinations() {
        Response created = server.postJson("/api/v1/schedules", map("name", "logins", "task", "login-check",
                "allowUnknownTask", true, "every", "5m", "kwargs", map("env", "prod"), "matrix", matrix(),
                "expiresAfter", "3m"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("matrix").get("partner").toString()).isEqualTo("[\"acme\",\"globex\"]");
        assertThat(created.json().get("expiresAfter").asText()).isEqualTo("3m");

        JsonNode preview = server.get("/api/v1/schedules/logins/preview?count=2").json();
        assertThat(preview.get("fireTimes")).hasSize(2);
        assertThat(preview.get("combinations").toString()).isEqualTo("[{\"partner\":\"acme\",\"browser\":\"chrome\"},"
                + "{\"partner\":\"acme\",\"browser\":\"firefox\"},{\"partner\":\"globex\",\"browser\":\"chrome\"}]");

        Response patched = server.sendJson("/api/v1/schedules/logins", "PATCH",
                map("matrix", map("partner", List.of("acme", "globex"), "browser", List.of("chrome"))));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(server.get("/api/v1/schedules/logins/preview?count=1").json().get("combinations")).hasSize(2);
        assertThat(patched.json().get("matrix").has("exclude")).isFalse(); // a matrix given replaces the old one

        Response trigger = server.postJson("/api/v1/schedules/logins/trigger", map());
        assertThat(trigger.status()).as(trigger.body()).isEqualTo(201);
        JsonNode jobs = server.get("/api/v1/jobs?schedule=logins").json().get("items");
        assertThat(jobs).hasSize(2);
        assertThat(jobs.findValuesAsText("expiresAt")).hasSize(2);
        List<String> partners = new ArrayList<>();
        jobs.forEach(job -> partners.add(job.get("kwargs").get("partner").asText() + "/" + job.get("kwargs").get("env").asText()));
        assertThat(partners).containsExactlyInAnyOrder("acme/prod", "globex/prod");
    }

    @Test
    void aPreviewOfADefinitionWithoutAMatrixHasNoCombinations() {
        Response r = server.postJson("/api/v1/schedules/preview?count=1", map("task", "t", "every", "1m"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("combinations")).isEmpty();
    }

    @Test
    void badMatricesAreRefusedNamingTheField() {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            values.add(i);
        }
        assertRefused(server.postJson("/api/v1/schedules", map("name", "huge", "task", "t", "allowUnknownTask", true,
                "every", "1m", "matrix", map("a", values, "b", values))), "matrix", "289 combinations, at most 256");
        assertRefused(server.postJson("/api/v1/schedules", map("name", "typo", "task", "t", "allowUnknownTask", true,
                "every", "1m", "matrix", map("browser", List.of("chrome"), "exclude", List.of(map("browser", "chorme"))))),
                "matrix.exclude[0].browser", "'chorme' is not one of its values");
        assertRefused(server.postJson("/api/v1/schedules", map("name", "empty", "task", "t", "allowUnknownTask", true,
                "every", "1m", "matrix", map("browser", List.of()))), "matrix.browser", "needs at least one value");
        assertRefused(server.postJson("/api/v1/schedules", map("name", "nested", "task", "t", "allowUnknownTask", true,
                "every", "1m", "matrix", map("browser", List.of(map("name", "chrome"))))), "matrix.browser[0]",
                "must be text, a number or a boolean");
        assertRefused(server.postJson("/api/v1/schedules", map("name", "stale", "task", "t", "allowUnknownTask", true,
                "every", "1m", "expiresAfter", "soon")), "expiresAfter", "soon");
        assertThat(server.get("/api/v1/schedules/huge").status()).isEqualTo(404);
    }

    @Test
    void outcomeRulesAreSavedShownAndRefusedNamingTheRuleAndCondition() {
        Response saved = server.putJson("/api/v1/tasks/rules-shown", map("executor", "remote", "expiresAfter", "3m",
                "outcomeRules", List.of(map("match", map("output", "SessionNotCreated|native thread"),
                        "then", "infra_error"))));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
        JsonNode shown = server.get("/api/v1/tasks/rules-shown").json();
        assertThat(shown.get("outcomeRules").toString())
                .isEqualTo("[{\"match\":{\"output\":\"SessionNotCreated|native thread\"},\"then\":\"infra_error\"}]");
        assertThat(shown.get("expiresAfter").asText()).isEqualTo("3m");

        assertRefused(server.putJson("/api/v1/tasks/bad-rules", map("executor", "remote", "outcomeRules", List.of(
                map("match", map("output", "ok"), "then", "failed"), map("match", map("error", "(unclosed"),
                        "then", "failed")))), "outcomeRules[1].match.error", "is not a valid regular expression");
        assertRefused(server.putJson("/api/v1/tasks/bad-rules", map("executor", "remote", "outcomeRules", List.of(
                map("match", map("output", "ok"), "then", "broken")))), "outcomeRules[0].then", "was 'broken'");
        assertRefused(server.putJson("/api/v1/tasks/bad-rules", map("executor", "remote", "outcomeRules", List.of(
                map("match", map("outcome", "nope"), "then", "failed")))), "outcomeRules[0].match.outcome", "nope");
        assertThat(server.get("/api/v1/tasks/bad-rules").status()).isEqualTo(404);
    }

    @Test
    void aRemoteWorkersSuccessWhoseOutputMatchesARuleIsRecordedAsInfraErrorWithWhatItReported() {
        assertThat(server.putJson("/api/v1/tasks/remote-check", map("executor", "remote", "queue", "remote-checks",
                "retry", map("maxAttempts", 1), "outcomeRules", List.of(map("match",
                        map("outcome", "succeeded", "output", "SessionNotCreated"), "then", "infra_error"))))
                .status()).isEqualTo(201);
        long id = server.postJson("/api/v1/jobs", map("task", "remote-check")).json().get("jobId").asLong();
        JsonNode popped = await().atMost(Duration.ofSeconds(30)).until(() -> server.postJson(
                "/api/v1/queues/remote-checks/pop?limit=1", map("worker", "py-1", "leaseSeconds", 60)).json()
                .get("jobs"), jobs -> jobs.size() == 1).get(0);

        Response done = server.postJson("/api/v1/jobs/" + id + "/complete", map("worker", "py-1",
                "attempt", popped.get("attempt").asInt(), "output", "SessionNotCreatedException: no chrome"));

        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("outcome").asText()).isEqualTo("infra_error");
        JsonNode job = server.get("/api/v1/jobs/" + id).json();
        assertThat(job.get("state").asText()).isEqualTo("failed");
        JsonNode attempt = job.get("attemptHistory").get(0);
        assertThat(attempt.get("outcome").asText()).isEqualTo("infra_error");
        assertThat(attempt.get("reportedOutcome").asText()).isEqualTo("succeeded");
        assertThat(attempt.get("outcomeRule").asInt()).isZero();
    }

    @Test
    void aJobNotStartedWithinItsExpiryIsExpiredInTheApiTheStatsAndTheContainerJobsHistory() {
        assertThat(server.putJson("/api/v1/queues/held", map("concurrency", 1)).status()).isEqualTo(200);
        assertThat(server.postJson("/api/v1/queues/held/pause", map()).status()).isEqualTo(200);
        Response enqueued = server.postJson("/api/v1/jobs", map("task", "container", "queue", "held",
                "kwargs", map("image", "alpine:3"), "expiresAfter", "100ms"));
        assertThat(enqueued.status()).as(enqueued.body()).isEqualTo(201);
        long id = enqueued.json().get("jobId").asLong();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(server.get("/api/v1/jobs/" + id).json().get("state").asText()).isEqualTo("expired"));
        JsonNode job = server.get("/api/v1/jobs/" + id).json();
        assertThat(job.get("lastError").asText()).startsWith("expired: not started");
        assertThat(job.get("attemptHistory")).isEmpty();
        assertThat(server.get("/api/v1/jobs?state=expired").json().get("items").findValuesAsText("id"))
                .contains(String.valueOf(id));
        assertThat(server.get("/jobs").json().get("history").get(String.valueOf(id)).get("status").asText())
                .isEqualTo("expired");
        assertThat(server.get("/api/v1/stats").body()).contains("\"expired\"");
        assertRefused(server.postJson("/api/v1/jobs", map("task", "container", "expiresAfter", "0s")), "expiresAfter",
                "must be positive");
    }
}
