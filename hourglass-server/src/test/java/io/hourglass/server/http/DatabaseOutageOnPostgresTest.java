package io.hourglass.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hourglass.server.PostgresDatabases;
import io.hourglass.server.TcpProxy;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A database outage on a real server on PostgreSQL: its connections go through a TCP proxy that drops them and
 * refuses new ones, as a restarting database does. Requests meanwhile answer 503 with Retry-After and a message
 * to retry, logged as one WARN line (not a "bug" with a stack trace), and the server recovers by itself.
 */
@Tag("postgres")
class DatabaseOutageOnPostgresTest {
    private static final String DATABASE = "hourglass_outage";

    @Test
    void databaseOutageAnswers503WithRetryAfterAndTheServerRecovers(@TempDir Path dir) throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger errors = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
        errors.addAppender(logged);
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", 5432);
             TestServer server = TestServer.start(ServerConfig.forTests(dir).withDatabase(
                     PostgresDatabases.recreate(DATABASE, proxy.port()), "postgres", null))) {
            assertThat(server.get("/api/v1/jobs").status()).isEqualTo(200);

            proxy.cut();
            Response during = server.get("/api/v1/jobs");
            assertThat(during.status()).as(during.body()).isEqualTo(503);
            assertThat(during.header("Retry-After")).isEqualTo(String.valueOf(ErrorMapper.RETRY_AFTER_OUTAGE_SECONDS));
            assertThat(during.json().get("error").asText()).isEqualTo("unavailable");
            assertThat(during.json().get("message").asText()).contains("database is unavailable").contains("retry");
            Response enqueue = server.postJson("/api/v1/jobs/bulk", "{\"jobs\":[{\"task\":\"t\",\"delay\":\"1h\"}]}");
            assertThat(enqueue.status()).as(enqueue.body()).isEqualTo(503);
            Response single = server.postJson("/api/v1/jobs",
                    "{\"task\":\"t\",\"allowUnknownTask\":true,\"delay\":\"1h\"}"); // through the group commit
            assertThat(single.status()).as(single.body()).isEqualTo(503);

            proxy.restore();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(server.get("/api/v1/jobs").status()).isEqualTo(200));
        } finally {
            errors.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.ERROR).isEmpty();
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .allSatisfy(e -> {
                    assertThat(e.getFormattedMessage()).startsWith("database unavailable, answered 503");
                    assertThat(e.getThrowableProxy()).isNull();
                })
                .hasSizeGreaterThanOrEqualTo(2);
    }
}
