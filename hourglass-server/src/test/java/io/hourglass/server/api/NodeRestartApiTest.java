package io.hourglass.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.Job;
import io.hourglass.store.Incarnation;
import io.hourglass.store.NewJob;
import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server restarted under its pinned node name after its process was killed: the killed process left its node
 * row and a running job with a lease an hour long. The new process shows its own start in {@code /api/v1/nodes}
 * and releases the job at once instead of renewing its lease.
 */
class NodeRestartApiTest {
    private static final String NAME = "pinned-node";

    @TempDir
    Path dataDir;

    @Test
    void restartUnderSameNameShowsTheNewStartAndReleasesTheKilledProcesssJob() {
        Incarnation killed = new Incarnation(NAME, "0000dead");
        Instant killedStartedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        long jobId;
        try (JdbcStore store = JdbcStore.embedded(dataDir)) {
            store.migrate();
            store.heartbeat(killed, Set.of(), killedStartedAt, killedStartedAt.plusSeconds(60));
            jobId = store.insertJobs(List.of(new NewJob("remote-held", "default", 0, List.of(), Map.of(), null,
                    killedStartedAt, killedStartedAt, null, null, null, null))).get(0).jobId();
            Instant killedAt = Instant.now();
            List<Job> held = store.claim(killed.owner(), killedAt, killedAt.plus(Duration.ofHours(1)), 1,
                    Set.of("remote-held"), null);
            store.heartbeat(killed, Set.of(), killedAt, killedAt.plus(Duration.ofHours(1)));
            assertThat(held).extracting(Job::id).containsExactly(jobId);
        }

        try (TestServer server = TestServer.start(ServerConfig.forTests(dataDir).withNodeName(NAME))) {
            JsonNode node = server.get("/api/v1/nodes").json().get("items").get(0);
            assertThat(node.get("name").asText()).isEqualTo(NAME);
            assertThat(node.get("incarnation").asText()).startsWith(NAME + "#").isNotEqualTo(killed.owner());
            assertThat(Instant.parse(node.get("startedAt").asText())).isAfter(killedStartedAt.plusSeconds(60));

            long id = jobId;
            JsonNode job = await().atMost(Duration.ofSeconds(20)).until(
                    () -> server.get("/api/v1/jobs/" + id).json(), j -> j.get("state").asText().equals("scheduled"));
            JsonNode released = job.get("attemptHistory").get(0);
            assertThat(released.get("owner").asText()).isEqualTo(killed.owner());
            assertThat(released.get("outcome").asText()).isEqualTo("infra_error");
            assertThat(released.get("error").asText()).contains("released: previous incarnation");
            assertThat(Instant.parse(job.get("dueAt").asText())).isEqualTo(killedStartedAt);
        }
    }
}
