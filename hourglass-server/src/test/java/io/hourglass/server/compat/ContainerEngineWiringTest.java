package io.hourglass.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a container engine configured, container jobs go to the real container executor: here an engine address
 * where nothing listens, so the attempt is an infra_error from the executor (and retried), not the "not
 * configured" message.
 */
class ContainerEngineWiringTest {
    @Test
    void containerJobsRunOnTheConfiguredEngine(@TempDir Path dir) {
        ServerConfig config = ServerConfig.forTests(dir).withContainerEngine("tcp://127.0.0.1:1", List.of("alpine:*"));
        try (TestServer server = TestServer.start(config)) {
            String message = server.postForm("/job", Map.of("job_name", "alpine:3", "time", "1s"))
                    .json().get("message").asText();
            String id = message.replaceAll(".* with id ([0-9]+) .*", "$1");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode attempts = server.get("/api/v1/jobs/" + id).json().get("attemptHistory");
                assertThat(attempts.size()).isPositive();
                assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("infra_error");
                assertThat(attempts.get(0).get("error").asText()).doesNotContain("not configured");
            });
        }
    }
}
