package io.hourglass.server.auth;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.TestServer;
import io.hourglass.server.cli.HourglassCommand;
import io.hourglass.server.config.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that started open requires tokens from the moment the first one is created, without a restart. */
class OpenToEnforcingTest {

    @Test
    void firstTokenCreatedByTheCliWhileTheServerRunsOpenMakesItRequireTokens(@TempDir Path dataDir) {
        try (TestServer server = TestServer.start(ServerConfig.forTests(dataDir))) {
            assertThat(server.postJson("/api/v1/jobs", map("task", "t", "allowUnknownTask", true, "delay", "PT1H")).status()).isEqualTo(201);

            String writer = createToken(dataDir, "write", "ci");
            String reader = createToken(dataDir, "read", "dashboard");

            assertThat(server.withToken(null).postJson("/api/v1/jobs", map("task", "t", "allowUnknownTask", true, "delay", "PT1H")).status())
                    .isEqualTo(401);
            assertThat(server.withToken(null).get("/api/v1/jobs").status()).isEqualTo(401);
            assertThat(server.withToken(writer).postJson("/api/v1/jobs", map("task", "t", "allowUnknownTask", true, "delay", "PT1H"))
                    .status()).isEqualTo(201);
            assertThat(server.withToken(reader).get("/api/v1/jobs").status()).isEqualTo(200);
            assertThat(server.withToken(reader).postJson("/api/v1/jobs", map("task", "t", "allowUnknownTask", true)).status()).isEqualTo(403);
            assertThat(server.withToken(writer).putJson("/api/v1/queues/q", map("concurrency", 1)).status())
                    .isEqualTo(403);
            assertThat(server.withToken(null).get("/health/live").status()).isEqualTo(200);
        }
    }

    /** The way an operator does it: {@code hourglass token create}, its own token store on the same file. */
    private static String createToken(Path dataDir, String role, String name) {
        StringWriter out = new StringWriter();
        int exit = HourglassCommand.execute(new String[] {"token", "create", "--role", role, "--name", name,
                "--data-dir", dataDir.toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter()));
        assertThat(exit).isZero();
        return out.toString().trim();
    }
}
