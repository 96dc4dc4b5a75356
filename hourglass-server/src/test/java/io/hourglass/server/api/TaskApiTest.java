package io.hourglass.server.api;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.WebhookReceiver;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks over HTTP against a real server on H2 with the default executor types (webhook, celery): code tasks are
 * listed read-only, webhook tasks are defined, run end to end against a local HTTP endpoint, replaced with
 * optimistic versions, and deleted under the rules that keep jobs from waiting for a task nobody runs.
 */
class TaskApiTest {
    @TempDir
    static Path dataDir;
    static TestServer server;
    static WebhookReceiver hooks;

    @BeforeAll
    static void start() {
        hooks = WebhookReceiver.start();
        server = TestServer.start(ServerConfig.forTests(dataDir), EnvironmentSecrets.from(
                Map.of("HOURGLASS_SECRET_HOOK_TOKEN", "from-env-123", "DATABASE_PASSWORD", "not-reachable")));
    }

    @AfterAll
    static void stop() {
        server.close();
        hooks.close();
    }

    private static Response define(String name, Object body) {
        return server.putJson("/api/v1/tasks/" + name, body);
    }

    private static String awaitState(long jobId, String state) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(server.get("/api/v1/jobs/" + jobId).json().get("state").asText()).isEqualTo(state));
        return state;
    }

    @Test
    void codeTasksAreListedReadOnly() {
        JsonNode container = server.get("/api/v1/tasks/container").json();
        assertThat(container.get("source").asText()).isEqualTo("code");
        assertThat(container.get("readOnly").asBoolean()).isTrue();
        assertThat(container.get("runsHere").asBoolean()).isTrue();
        assertThat(container.get("retry").get("maxAttempts").asInt()).isEqualTo(1);
        assertThat(server.get("/api/v1/tasks").json().get("items").findValuesAsText("name")).contains("container");
        assertThat(server.get("/api/v1/tasks/nope").status()).isEqualTo(404);
    }

    @Test
    void aWebhookTaskIsDefinedShownRedactedAndRunsItsJobs() {
        Response created = define("notify", map("executor", "webhook", "settings", map(
                        "url", hooks.url("/notify"), "headers", map("Authorization", "Bearer s3cret-token"),
                        "hmacSecret", "0123456789abcdef-secret"),
                "queue", "hooks", "timeout", "30s",
                "retry", map("maxAttempts", 3, "initialDelay", "1s", "multiplier", 2, "maxDelay", "5m",
                        "jitter", 0.2, "retryOn", List.of("failed")),
                "ranker", map("kind", "age_based", "unit", "1m", "cap", 100)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode view = created.json();
        assertThat(view.get("source").asText()).isEqualTo("defined");
        assertThat(view.get("executor").asText()).isEqualTo("webhook");
        assertThat(view.get("version").asLong()).isEqualTo(1);
        assertThat(view.get("runsHere").asBoolean()).isTrue();
        assertThat(view.get("queue").asText()).isEqualTo("hooks");
        assertThat(view.get("timeout").asText()).isEqualTo("30s");
        assertThat(view.get("retry").get("retryOn").toString()).isEqualTo("[\"failed\"]");
        assertThat(view.get("ranker").get("unit").asText()).isEqualTo("1m");
        assertThat(view.get("settings").get("hmacSecret").asText()).isEqualTo("***");
        assertThat(view.get("settings").get("headers").get("Authorization").asText()).isEqualTo("***");
        assertThat(server.get("/api/v1/tasks").body()).doesNotContain("s3cret-token").doesNotContain("0123456789");

        Response enqueued = server.postJson("/api/v1/jobs", map("task", "notify", "kwargs", map("account", 7)));
        long id = enqueued.json().get("jobId").asLong();
        awaitState(id, "succeeded");
        assertThat(hooks.calls("/notify")).hasSize(1);
        assertThat(hooks.calls("/notify").get(0).body()).contains("\"account\"");
        assertThat(server.get("/api/v1/jobs/" + id).json().get("queue").asText()).isEqualTo("hooks");
    }

    @Test
    void secretReferencesStayInTheDefinitionAndOnlyTheExecutorSeesTheValue() {
        Response created = define("with-secret", map("executor", "webhook", "settings", map(
                "url", hooks.url("/secret"), "headers", map("X-Caller", "key ${secret:HOOK_TOKEN}"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("settings").get("headers").get("X-Caller").asText())
                .isEqualTo("key ${secret:HOOK_TOKEN}");

        long id = server.postJson("/api/v1/jobs", map("task", "with-secret")).json().get("jobId").asLong();
        awaitState(id, "succeeded");
        assertThat(hooks.calls("/secret").get(0).headers().get("X-caller")).containsExactly("key from-env-123");
        assertThat(server.get("/api/v1/tasks").body()).doesNotContain("from-env-123");

        for (String unknown : List.of("${secret:NOPE}", "${secret:DATABASE_PASSWORD}")) {
            Response refused = define("secret-refused", map("executor", "webhook", "settings", map(
                    "url", hooks.url("/x"), "headers", map("X-Key", unknown))));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("field").asText()).isEqualTo("settings.headers.X-Key");
            assertThat(refused.json().get("message").asText()).contains("which this node does not have");
        }
        assertThat(server.get("/api/v1/tasks/secret-refused").status()).isEqualTo(404);
    }

    @Test
    void replacingATaskRaisesItsVersionAndAStaleVersionIsAConflict() {
        Object body = map("executor", "webhook", "settings", map("url", hooks.url("/v")));
        assertThat(define("versioned", body).status()).isEqualTo(201);
        Response replaced = define("versioned", map("executor", "webhook", "settings", map("url", hooks.url("/v2")),
                "version", 1));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("version").asLong()).isEqualTo(2);
        Response stale = define("versioned", map("executor", "webhook", "settings", map("url", hooks.url("/v3")),
                "version", 1));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("message").asText()).contains("version 2");
        assertThat(define("versioned", map("executor", "webhook", "settings", map("url", hooks.url("/v")),
                "version", 0)).status()).isEqualTo(409);
        assertThat(server.get("/api/v1/tasks/versioned").json().get("settings").get("url").asText())
                .isEqualTo(hooks.url("/v2"));
    }

    @Test
    void settingsTheExecutorRefusesAre422NamingTheSettingAndNothingIsStored() {
        Response unknownSetting = define("refused", map("executor", "webhook", "settings",
                map("url", hooks.url("/x"), "colour", "red")));
        assertThat(unknownSetting.status()).isEqualTo(422);
        assertThat(unknownSetting.json().get("field").asText()).isEqualTo("settings.colour");
        Response missingUrl = define("refused", map("executor", "webhook", "settings", map()));
        assertThat(missingUrl.status()).isEqualTo(422);
        assertThat(missingUrl.json().get("field").asText()).isEqualTo("settings.url");
        Response unknownExecutor = define("refused", map("executor", "carrier-pigeon"));
        assertThat(unknownExecutor.status()).isEqualTo(422);
        assertThat(unknownExecutor.json().get("field").asText()).isEqualTo("executor");
        assertThat(unknownExecutor.json().get("message").asText()).contains("carrier-pigeon").contains("webhook");
        assertThat(server.get("/api/v1/tasks/refused").status()).isEqualTo(404);
    }

    @Test
    void shellTasksNeedAnAllowList() {
        Response r = define("echo", map("executor", "shell", "settings", map("command", List.of("/bin/echo", "hi"))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("field").asText()).isEqualTo("executor");
        assertThat(r.json().get("message").asText()).contains("shell");
    }

    @Test
    void celeryIsEnabledByDefaultAndChecksItsSettings() {
        Response r = define("celery-bad", map("executor", "celery", "settings",
                map("brokerUrl", "amqp://guest:hunter2@", "fireAndForget", true)));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("field").asText()).isEqualTo("settings.brokerUrl");
        assertThat(r.body()).doesNotContain("hunter2");
    }

    @Test
    void aCodeTaskCannotBeRedefinedOrDeleted() {
        Response r = define("container", map("executor", "webhook", "settings", map("url", hooks.url("/c"))));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("message").asText()).contains("code");
        assertThat(server.delete("/api/v1/tasks/container").status()).isEqualTo(409);
    }

    @Test
    void deleteIsRefusedWhileSchedulesOrUnfinishedJobsNeedTheTask() {
        assertThat(define("doomed", map("executor", "webhook", "settings", map("url", hooks.url("/d"))))
                .status()).isEqualTo(201);
        assertThat(server.postJson("/api/v1/schedules", map("name", "doomed-hourly", "task", "doomed",
                "every", "1h")).status()).isEqualTo(201);
        Response usedBySchedule = server.delete("/api/v1/tasks/doomed");
        assertThat(usedBySchedule.status()).isEqualTo(409);
        assertThat(usedBySchedule.json().get("message").asText()).contains("doomed-hourly");
        assertThat(server.delete("/api/v1/schedules/doomed-hourly").status()).isEqualTo(204);

        long job = server.postJson("/api/v1/jobs", map("task", "doomed", "delay", "PT1H")).json().get("jobId")
                .asLong();
        Response unfinished = server.delete("/api/v1/tasks/doomed");
        assertThat(unfinished.status()).isEqualTo(409);
        assertThat(unfinished.json().get("message").asText()).contains("scheduled or running jobs");
        server.postJson("/api/v1/jobs/" + job + "/cancel", "{}");

        assertThat(server.delete("/api/v1/tasks/doomed").status()).isEqualTo(204);
        assertThat(server.get("/api/v1/tasks/doomed").status()).isEqualTo(404);
        assertThat(server.delete("/api/v1/tasks/doomed").status()).isEqualTo(404);
    }

    @Test
    void retryNowMakesAJobWaitingForItsBackoffDueNow() {
        hooks.answer("/flaky", 503); // infra_error, which the default retryOn retries
        define("flaky", map("executor", "webhook", "settings", map("url", hooks.url("/flaky")),
                "retry", map("maxAttempts", 3, "initialDelay", "1h", "maxDelay", "2h")));
        long id = server.postJson("/api/v1/jobs", map("task", "flaky")).json().get("jobId").asLong();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode job = server.get("/api/v1/jobs/" + id).json();
            assertThat(job.get("attempts").asInt()).isEqualTo(1);
            assertThat(job.get("state").asText()).isEqualTo("scheduled"); // waiting out the 1 h backoff
        });
        hooks.answer("/flaky", 200);

        Response retry = server.postJson("/api/v1/jobs/" + id + "/retry", "{}");
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().get("id").asLong()).isEqualTo(id);
        awaitState(id, "succeeded");
        assertThat(hooks.calls("/flaky")).hasSize(2);
        assertThat(server.get("/api/v1/jobs/" + id).json().get("attempts").asInt()).isEqualTo(2);
    }
}
