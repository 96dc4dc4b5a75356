package io.hourglass.server.cluster;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.PostgresDatabases;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote worker may call any server of a cluster: the lease it asked for at pop, a cancel requested through
 * another server and its own last-seen time live in the shared database, not in the server it popped from.
 */
@Tag("postgres")
class PostgresClusterWorkersTest {
    private static final String DATABASE = "hourglass_server_cluster_workers_test";

    @Test
    void aWorkerPoppingFromOneServerHeartbeatsAndIsListedThroughTheOther(@TempDir Path a, @TempDir Path b) {
        String url = PostgresDatabases.recreate(DATABASE, 5432);
        ServerConfig first = ServerConfig.forTests(a).withDatabase(url, "postgres", null).withNodeName("node-a");
        ServerConfig second = ServerConfig.forTests(b).withDatabase(url, "postgres", null).withNodeName("node-b");
        try (TestServer one = TestServer.start(first); TestServer two = TestServer.start(second)) {
            long id = one.postJson("/api/v1/jobs", map("task", "scan", "queue", "far", "allowUnknownTask", true)).json().get("jobId").asLong();
            AtomicReference<JsonNode> popped = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                popped.set(one.postJson("/api/v1/queues/far/pop?limit=1",
                        map("worker", "roaming", "leaseSeconds", 3600)).json().get("jobs"));
                return popped.get().size() == 1;
            });
            int attempt = popped.get().get(0).get("attempt").asInt();
            two.postJson("/api/v1/jobs/" + id + "/cancel", map());

            Response beat = two.postJson("/api/v1/jobs/" + id + "/heartbeat", map("worker", "roaming",
                    "attempt", attempt));

            assertThat(beat.status()).as(beat.body()).isEqualTo(200);
            assertThat(beat.json().get("leaseSeconds").asLong()).isEqualTo(3600);
            assertThat(Instant.parse(beat.json().get("leaseUntil").asText()))
                    .isAfter(Instant.now().plusSeconds(1800));
            assertThat(beat.json().get("cancellationRequested").asBoolean()).isTrue();
            JsonNode listed = two.get("/api/v1/workers").json().get("items").get(0);
            assertThat(listed.get("name").asText()).isEqualTo("roaming");
            assertThat(listed.get("jobsHeld").asInt()).isEqualTo(1);
            Response stopped = one.postJson("/api/v1/jobs/" + id + "/fail", map("worker", "roaming",
                    "attempt", attempt, "outcome", "failed", "message", "stopped"));
            assertThat(stopped.json().get("outcome").asText()).isEqualTo("cancelled");
        }
    }
}
