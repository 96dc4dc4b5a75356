package io.hourglass.server.api;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ConfigException;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server settings decide which executor types tasks defined at runtime may use. */
class ExecutorSettingsWiringTest {
    @Test
    void withAnAllowListShellTasksRunEndToEnd(@TempDir Path dir) {
        try (TestServer server = TestServer.start(ServerConfig.forTests(dir).withShellAllow(List.of("/bin/echo")))) {
            Response defined = server.putJson("/api/v1/tasks/greet", map("executor", "shell",
                    "settings", map("command", List.of("/bin/echo", "hello"))));
            assertThat(defined.status()).as(defined.body()).isEqualTo(201);
            assertThat(defined.json().get("runsHere").asBoolean()).isTrue();

            long id = server.postJson("/api/v1/jobs", map("task", "greet", "args", List.of("world")))
                    .json().get("jobId").asLong();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(server.get("/api/v1/jobs/" + id).json().get("state").asText()).isEqualTo("succeeded"));
            JsonNode attempt = server.get("/api/v1/jobs/" + id).json().get("attemptHistory").get(0);
            assertThat(attempt.get("output").asText()).contains("hello world");

            Response outside = server.putJson("/api/v1/tasks/sh", map("executor", "shell",
                    "settings", map("command", List.of("/bin/sh", "-c", "id"))));
            assertThat(outside.status()).isEqualTo(422);
            assertThat(outside.json().get("field").asText()).isEqualTo("settings.command");
            assertThat(server.get("/api/v1/tasks/sh").status()).isEqualTo(404);
        }
    }

    @Test
    void anAllowListNamingNoExecutableStopsTheStartNamingTheSetting(@TempDir Path dir) {
        ServerConfig config = ServerConfig.forTests(dir).withShellAllow(List.of("no-such-tool-7f3a"));
        assertThatThrownBy(() -> TestServer.start(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--shell-allow / HOURGLASS_SHELL_ALLOW")
                .hasMessageContaining("no-such-tool-7f3a");
    }

    @Test
    void withNoExecutorTypesEveryDefinitionIsRefusedNamingTheExecutor(@TempDir Path dir) {
        try (TestServer server = TestServer.start(ServerConfig.forTests(dir).withExecutors(List.of()))) {
            Response r = server.putJson("/api/v1/tasks/hook", map("executor", "webhook",
                    "settings", map("url", "http://127.0.0.1:1/")));
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("field").asText()).isEqualTo("executor");
            assertThat(r.json().get("message").asText()).contains("none is enabled");
        }
    }
}
