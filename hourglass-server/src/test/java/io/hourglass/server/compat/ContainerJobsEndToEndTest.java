package io.hourglass.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, end to end: container jobs submitted through the container-jobs API run as real containers on the
 * engine (podman's Docker API), and {@code /jobs} and {@code /job/{id}} follow them from {@code scheduled} to
 * {@code running} to {@code history}. The test image's default command is {@code /bin/sh}, which exits at once
 * without a terminal, so the server is configured with a container command that runs long enough to be seen.
 */
class ContainerJobsEndToEndTest {
    private static final Pattern CREATED = Pattern.compile("job .+ with id ([0-9]+) will be scheduled to run in .+");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String nodeName = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void requireEngine() {
        TestContainerEngine.require();
    }

    @Test
    void containerJobMovesFromScheduledToRunningToHistoryAsSucceeded(@TempDir Path dir) {
        try (TestServer server = TestServer.start(config(dir, List.of("sleep", "2")))) {
            String id = submit(server, "localhost/hourglass-test", "2s");

            await().atMost(PATIENCE).untilAsserted(() -> assertListedAs(server, id, "scheduled", "scheduled"));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertListedAs(server, id, "running", "running"));
            await().atMost(PATIENCE).untilAsserted(() -> assertListedAs(server, id, "history", "succeeded"));

            JsonNode job = server.get("/job/" + id).json();
            assertThat(job.get("job_name").asText()).isEqualTo("localhost/hourglass-test");
        }
    }

    @Test
    void imageOutsideTheAllowListEndsInHistoryAsFailedWithTheAllowListMessage(@TempDir Path dir) {
        try (TestServer server = TestServer.start(config(dir, List.of("sleep", "2")))) {
            String id = submit(server, "docker.io/library/alpine:3", "1s");

            await().atMost(PATIENCE).untilAsserted(() -> assertListedAs(server, id, "history", "failed"));
            JsonNode attempts = server.get("/api/v1/jobs/" + id).json().get("attemptHistory");
            assertThat(attempts).hasSize(1);
            assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("failed");
            assertThat(attempts.get(0).get("error").asText())
                    .contains("image 'docker.io/library/alpine:3' is not allowed")
                    .contains("localhost/*");
        }
    }

    @Test
    void deletingARunningContainerJobKillsItsContainer(@TempDir Path dir) throws IOException {
        try (TestServer server = TestServer.start(config(dir, List.of("sleep", "300")));
             DockerClient docker = TestContainerEngine.client()) {
            String id = submit(server, "localhost/hourglass-test", "1s");
            long jobId = Long.parseLong(id);
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertListedAs(server, id, "running", "running");
                assertThat(TestContainerEngine.containersOf(docker, nodeName, jobId))
                        .anyMatch(c -> "running".equals(c.getState()));
            });

            Response deleted = server.delete("/job/" + id);
            assertThat(deleted.status()).isEqualTo(200);
            assertThat(deleted.json().get("message").asText()).isEqualTo("job " + id + " was de-scheduled");

            await().atMost(PATIENCE).untilAsserted(() -> assertListedAs(server, id, "history", "cancelled"));
            await().atMost(PATIENCE).untilAsserted(() ->
                    assertThat(TestContainerEngine.containersOf(docker, nodeName, jobId)).isEmpty());
            assertThat(server.get("/api/v1/jobs/" + id).json().get("attemptHistory").get(0).get("error").asText())
                    .contains("container killed");
        }
    }

    private ServerConfig config(Path dir, List<String> command) {
        return ServerConfig.forTests(dir)
                .withContainerEngine(TestContainerEngine.ENDPOINT, List.of("localhost/*"))
                .withContainerCommand(command)
                .withNodeName(nodeName);
    }

    private static String submit(TestServer server, String image, String time) {
        Response created = server.postForm("/job", Map.of("job_name", image, "time", time));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        Matcher m = CREATED.matcher(created.json().get("message").asText());
        assertThat(m.matches()).as(created.body()).isTrue();
        return m.group(1);
    }

    /** The job is in exactly this section of {@code /jobs} with this status, and {@code /job/{id}} agrees. */
    private static void assertListedAs(TestServer server, String id, String section, String status) {
        JsonNode jobs = server.get("/jobs").json();
        for (String other : List.of("scheduled", "running", "history")) {
            assertThat(jobs.get(other).has(id)).as("job %s in %s: %s", id, other, jobs)
                    .isEqualTo(other.equals(section));
        }
        assertThat(jobs.get(section).get(id).get("status").asText()).isEqualTo(status);
        JsonNode job = server.get("/job/" + id).json();
        assertThat(job.get("id").asText()).isEqualTo(id);
        assertThat(job.get("status").asText()).isEqualTo(status);
    }
}
