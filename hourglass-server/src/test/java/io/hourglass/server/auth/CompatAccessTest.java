package io.hourglass.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container-jobs API's own access setting, apart from the REST API's tokens. */
class CompatAccessTest {

    @Test
    void onLoopbackTheContainerJobsApiNeedsNoTokenEvenOnceTokensExist(@TempDir Path dataDir) {
        new TokenStore(dataDir, Clock.systemUTC()).create("ops", Role.ADMIN);
        try (TestServer server = TestServer.start(ServerConfig.forTests(dataDir))) {
            assertThat(server.get("/jobs").status()).isEqualTo(200);
            assertThat(server.postForm("/job", Map.of("job_name", "alpine", "time", "1h")).status()).isEqualTo(200);
            assertThat(server.get("/api/v1/jobs").status()).isEqualTo(401);
        }
    }

    @Test
    void compatAccessTokenNeedsAReadTokenToListAndAWriteTokenToSubmit(@TempDir Path dataDir) {
        TokenStore tokens = new TokenStore(dataDir, Clock.systemUTC());
        String reader = tokens.create("reader", Role.READ);
        String writer = tokens.create("writer", Role.WRITE);
        try (TestServer server = TestServer.start(ServerConfig.forTests(dataDir)
                .withCompatAccess(CompatAccess.TOKEN))) {
            assertThat(server.get("/jobs").status()).isEqualTo(401);
            assertThat(server.withToken(reader).get("/jobs").status()).isEqualTo(200);
            assertThat(server.withToken(reader).postForm("/job", Map.of("job_name", "alpine", "time", "1h"))
                    .status()).isEqualTo(403);
            assertThat(server.withToken(writer).postForm("/job", Map.of("job_name", "alpine", "time", "1h"))
                    .status()).isEqualTo(200);
        }
    }

    @Test
    void onAPublicAddressTheContainerJobsApiNeedsATokenByDefault(@TempDir Path dataDir) {
        String reader = new TokenStore(dataDir, Clock.systemUTC()).create("reader", Role.READ);
        try (TestServer server = TestServer.start(ServerConfig.forTests(dataDir).withBind("0.0.0.0"))) {
            assertThat(server.get("/jobs").status()).isEqualTo(401);
            assertThat(server.withToken(reader).get("/jobs").status()).isEqualTo(200);
        }
    }

    @Test
    void compatAccessOpenOnAPublicAddressNeedsNoToken(@TempDir Path dataDir) {
        new TokenStore(dataDir, Clock.systemUTC()).create("ops", Role.ADMIN);
        try (TestServer server = TestServer.start(ServerConfig.forTests(dataDir).withBind("0.0.0.0")
                .withCompatAccess(CompatAccess.OPEN))) {
            assertThat(server.get("/jobs").status()).isEqualTo(200);
            assertThat(server.get("/api/v1/jobs").status()).isEqualTo(401);
        }
    }
}
