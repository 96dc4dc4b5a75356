package io.hourglass.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.jdbc.JdbcStore;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
    @Test
    void liveAndReadyAnswer200OnARunningServer(@TempDir Path dir) {
        try (TestServer server = TestServer.start(ServerConfig.forTests(dir))) {
            Response live = server.get("/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.contentType()).startsWith("application/json");
            Response ready = server.get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("ready");
            assertThat(server.server.startupMillis()).isPositive();
        }
    }

    @Test
    void notReadyBeforeMigrationsOrWhenTheDatabaseIsGone(@TempDir Path dir) {
        JdbcStore store = JdbcStore.embedded(dir);
        try (Readiness readiness = new Readiness(store)) {
            assertThat(readiness.check().ready()).isFalse();
            assertThat(readiness.check().reason()).contains("migrations");
            store.migrate();
            readiness.markMigrated();
            assertThat(readiness.check().ready()).isTrue();
            store.close();
            Readiness.Verdict gone = readiness.check();
            assertThat(gone.ready()).isFalse();
            assertThat(gone.reason()).contains("database");
        }
    }

    @Test
    void unknownEndpointIs404InTheErrorFormat(@TempDir Path dir) {
        try (TestServer server = TestServer.start(ServerConfig.forTests(dir))) {
            Response r = server.get("/nothing/here");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("error").asText()).isEqualTo("not_found");
            assertThat(r.json().get("message").asText()).contains("/nothing/here");
        }
    }
}
