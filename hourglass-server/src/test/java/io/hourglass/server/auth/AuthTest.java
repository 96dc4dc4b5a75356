package io.hourglass.server.auth;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.StartupException;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens and roles over HTTP, and the rules for running without tokens. */
class AuthTest extends ServerWithRoles {
    @Test
    void tokenFileKeepsOnlyHashes() throws Exception {
        String file = Files.readString(dataDir.resolve(TokenStore.FILE_NAME));
        assertThat(file).doesNotContain(reader).doesNotContain(writer).doesNotContain(admin)
                .contains(TokenStore.sha256(reader));
    }

    @Test
    void withoutATokenTheApiAnswers401ButHealthIsPublic() {
        Response r = server.withToken(null).get("/api/v1/jobs");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("error").asText()).isEqualTo("unauthorized");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(server.withToken(null).get("/health/live").status()).isEqualTo(200);
        assertThat(server.withToken("hg_not-a-token").get("/api/v1/jobs").status()).isEqualTo(401);
    }

    @Test
    void readTokenReadsButCannotWrite() {
        assertThat(server.withToken(reader).get("/api/v1/jobs").status()).isEqualTo(200);
        Response r = server.withToken(reader).postJson("/api/v1/jobs", map("task", "t", "allowUnknownTask", true));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("message").asText()).contains("'write'").contains("'read'");
    }

    @Test
    void writeTokenWritesButCannotChangeQueueSettings() {
        assertThat(server.withToken(writer).postJson("/api/v1/jobs", map("task", "t", "allowUnknownTask", true,
                "queue", "q1", "delay", "PT1H")).status()).isEqualTo(201);
        assertThat(server.withToken(writer).putJson("/api/v1/queues/q1", map("concurrency", 2)).status())
                .isEqualTo(403);
        assertThat(server.withToken(writer).postJson("/api/v1/queues/q1/pause", "{}").status()).isEqualTo(200);
    }

    @Test
    void adminTokenChangesQueueSettings() {
        Response r = server.withToken(admin).putJson("/api/v1/queues/q2", map("concurrency", 3));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("concurrency").asInt()).isEqualTo(3);
    }

    @Test
    void onlyAnAdminTokenDefinesOrDeletesTasks() {
        Object body = map("executor", "webhook", "settings", map("url", "http://127.0.0.1:1/hook"));
        assertThat(server.withToken(writer).putJson("/api/v1/tasks/auth-hook", body).status()).isEqualTo(403);
        assertThat(server.withToken(reader).get("/api/v1/tasks").status()).isEqualTo(200);
        Response defined = server.withToken(admin).putJson("/api/v1/tasks/auth-hook", body);
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        assertThat(server.withToken(writer).delete("/api/v1/tasks/auth-hook").status()).isEqualTo(403);
        assertThat(server.withToken(admin).delete("/api/v1/tasks/auth-hook").status()).isEqualTo(204);
    }

    @Test
    void tokenCreatedWhileRunningIsAcceptedWithoutRestart() {
        String late = new TokenStore(dataDir, Clock.systemUTC()).create("late", Role.READ);
        assertThat(server.withToken(late).get("/api/v1/queues").status()).isEqualTo(200);
    }

    @Test
    void tokenRevokedWhileRunningIsRefusedFromTheNextRequest() {
        TokenStore elsewhere = new TokenStore(dataDir, Clock.systemUTC()); // as `hourglass token` would, apart
        for (int round = 0; round < 20; round++) { // create and revoke within a file-time tick, as fast as it goes
            String brief = elsewhere.create("brief", Role.WRITE);
            assertThat(server.withToken(brief).postJson("/api/v1/jobs", map("task", "t", "allowUnknownTask", true,
                    "delay", "PT1H")).status()).isEqualTo(201);
            assertThat(elsewhere.revoke("brief")).isTrue();
            Response refused = server.withToken(brief).postJson("/api/v1/jobs", map("task", "t",
                    "allowUnknownTask", true, "delay", "PT1H"));
            assertThat(refused.status()).as("round %d", round).isEqualTo(401);
            assertThat(refused.json().get("message").asText()).contains("unknown or revoked");
        }
        assertThat(server.withToken(writer).get("/api/v1/jobs").status()).isEqualTo(200);
    }

    @Test
    void publicAddressWithoutTokensRefusesToStart(@TempDir Path empty) {
        assertThatThrownBy(() -> TestServer.start(ServerConfig.forTests(empty).withBind("0.0.0.0")))
                .isInstanceOf(StartupException.class).hasMessageContaining("without API tokens")
                .hasMessageContaining("hourglass token create");
    }
}
