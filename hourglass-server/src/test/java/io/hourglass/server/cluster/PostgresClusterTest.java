package io.hourglass.server.cluster;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.server.PostgresDatabases;
import io.hourglass.server.TestServer;
import io.hourglass.server.WebhookReceiver;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL database form a cluster: each sees the other as a node, and a job enqueued through
 * one is visible, and cancellable, through the other; a task defined through one runs on whichever nodes have its
 * executor type. Runs in its own database so other suites cannot interfere.
 */
@Tag("postgres")
class PostgresClusterTest {
    private static final String DATABASE = "hourglass_server_cluster_test";

    @Test
    void twoServersOnOnePostgresShareJobsAndSeeEachOther(@TempDir Path a, @TempDir Path b) throws SQLException {
        String url = PostgresDatabases.recreate(DATABASE, 5432);
        ServerConfig first = ServerConfig.forTests(a).withDatabase(url, "postgres", null).withNodeName("node-a");
        ServerConfig second = ServerConfig.forTests(b).withDatabase(url, "postgres", null).withNodeName("node-b");
        try (TestServer one = TestServer.start(first); TestServer two = TestServer.start(second)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(one.get("/api/v1/nodes").json().get("items").size()).isGreaterThanOrEqualTo(2));
            var created = one.postJson("/api/v1/jobs", map("task", "shared", "allowUnknownTask", true, "dedupKey",
                    "k1", "delay", "PT1H"));
            long id = created.json().get("jobId").asLong();
            assertThat(two.get("/api/v1/jobs/" + id).json().get("task").asText()).isEqualTo("shared");
            var duplicate = two.postJson("/api/v1/jobs", map("task", "shared", "allowUnknownTask", true, "dedupKey",
                    "k1"));
            assertThat(duplicate.json().get("jobId").asLong()).isEqualTo(id);
            String message = two.postForm("/job", Map.of("job_name", "alpine", "time", "1h")).json()
                    .get("message").asText();
            String compatId = message.replaceAll(".* with id ([0-9]+) .*", "$1");
            assertThat(one.delete("/job/" + compatId).status()).isEqualTo(200);
            assertThat(two.get("/jobs").json().get("history").has(compatId)).isTrue();
        }
    }

    @Test
    void aTaskDefinedThroughOneServerRunsOnTheNodesThatHaveItsExecutorType(@TempDir Path a, @TempDir Path b) {
        String url = PostgresDatabases.recreate(DATABASE, 5432);
        ServerConfig withWebhooks = ServerConfig.forTests(a).withDatabase(url, "postgres", null)
                .withNodeName("node-hooks");
        ServerConfig without = ServerConfig.forTests(b).withDatabase(url, "postgres", null)
                .withNodeName("node-plain").withExecutors(List.of());
        try (WebhookReceiver hooks = WebhookReceiver.start();
             TestServer one = TestServer.start(withWebhooks); TestServer two = TestServer.start(without)) {
            var refused = two.putJson("/api/v1/tasks/cluster-hook", map("executor", "webhook",
                    "settings", map("url", hooks.url("/cluster"))));
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("message").asText()).contains("node-plain");
            var defined = one.putJson("/api/v1/tasks/cluster-hook", map("executor", "webhook",
                    "settings", map("url", hooks.url("/cluster"))));
            assertThat(defined.status()).as(defined.body()).isEqualTo(201);

            var seenByTwo = two.get("/api/v1/tasks/cluster-hook").json();
            assertThat(seenByTwo.get("version").asLong()).isEqualTo(1);
            assertThat(seenByTwo.get("runsHere").asBoolean()).isFalse();
            long id = two.postJson("/api/v1/jobs", map("task", "cluster-hook")).json().get("jobId").asLong();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(two.get("/api/v1/jobs/" + id).json().get("state").asText()).isEqualTo("succeeded"));
            assertThat(two.get("/api/v1/jobs/" + id).json().get("attemptHistory").get(0).get("owner").asText())
                    .startsWith("node-hooks#");
            assertThat(hooks.calls("/cluster")).hasSize(1);
        }
    }
}
