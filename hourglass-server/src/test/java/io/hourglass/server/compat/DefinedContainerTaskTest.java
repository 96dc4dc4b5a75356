package io.hourglass.server.compat;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container tasks defined at runtime: offered only when the server has a container engine and image patterns,
 * checked against those patterns when defined, and run on the real engine (podman, see {@link TestContainerEngine}).
 */
class DefinedContainerTaskTest {
    private final String nodeName = "defined-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void withoutImagePatternsContainerTasksAreNotOffered(@TempDir Path dir) {
        ServerConfig engineOnly = ServerConfig.forTests(dir).withContainerEngine("tcp://127.0.0.1:1", List.of());
        try (TestServer server = TestServer.start(engineOnly)) {
            Response r = server.putJson("/api/v1/tasks/boxed", map("executor", "container",
                    "settings", map("image", "alpine:3")));
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("field").asText()).isEqualTo("executor");
        }
    }

    @Test
    void aDefinedContainerTaskRunsItsImageOnTheEngine(@TempDir Path dir) {
        TestContainerEngine.require();
        ServerConfig config = ServerConfig.forTests(dir).withNodeName(nodeName)
                .withContainerEngine(TestContainerEngine.ENDPOINT, List.of("localhost/*"));
        try (TestServer server = TestServer.start(config)) {
            Response outside = server.putJson("/api/v1/tasks/boxed", map("executor", "container",
                    "settings", map("image", "docker.io/library/alpine:3")));
            assertThat(outside.status()).isEqualTo(422);
            assertThat(outside.json().get("field").asText()).isEqualTo("settings.image");

            Response defined = server.putJson("/api/v1/tasks/boxed", map("executor", "container",
                    "settings", map("image", TestContainerEngine.IMAGE, "pullPolicy", "never")));
            assertThat(defined.status()).as(defined.body()).isEqualTo(201);
            long id = server.postJson("/api/v1/jobs", map("task", "boxed",
                    "kwargs", map("command", List.of("echo", "boxed hello")))).json().get("jobId").asLong();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(server.get("/api/v1/jobs/" + id).json().get("state").asText()).isEqualTo("succeeded"));
            JsonNode attempt = server.get("/api/v1/jobs/" + id).json().get("attemptHistory").get(0);
            assertThat(attempt.get("output").asText()).contains("boxed hello");
        }
    }
}
