package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.TestServer;
import io.hourglass.server.auth.Role;
import io.hourglass.server.auth.TokenStore;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI sends its token, and a missing or too weak one ends the call with exit code 5 and the server's reason. */
class ClientTokenTest {
    @TempDir
    static Path dataDir;
    static TestServer server;
    static String reader;
    static String writer;

    @BeforeAll
    static void start() {
        TokenStore tokens = new TokenStore(dataDir, Clock.systemUTC());
        reader = tokens.create("reader", Role.READ);
        writer = tokens.create("writer", Role.WRITE);
        server = TestServer.start(ServerConfig.forTests(dataDir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tokenIsSentAndAMissingOrWeakOneExitsWith5() {
        String url = server.server.url();
        assertThat(CliRun.of(url, "jobs", "list", "--token", reader).exit()).isZero();
        CliRun none = CliRun.of(url, "jobs", "list");
        assertThat(none.exit()).isEqualTo(HourglassCommand.EXIT_AUTH);
        assertThat(none.err().lines()).hasSize(1);
        CliRun weak = CliRun.of(url, "jobs", "submit", "container", "--delay", "1h", "--token", reader);
        assertThat(weak.exit()).isEqualTo(HourglassCommand.EXIT_AUTH);
        assertThat(CliRun.of(url, "queues", "configure", "q", "--concurrency", "2", "--token", writer).exit())
                .isEqualTo(HourglassCommand.EXIT_AUTH);
        assertThat(CliRun.of(url, "jobs", "submit", "container", "--delay", "1h", "--token", writer).exit()).isZero();
    }
}
