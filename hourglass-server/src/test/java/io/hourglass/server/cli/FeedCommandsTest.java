package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hourglass feeds ...} against a real server and a real account service. */
class FeedCommandsTest {
    @TempDir
    static Path dataDir;
    static TestServer server;
    static HttpServer accounts;

    @BeforeAll
    static void start() throws IOException {
        accounts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        accounts.createContext("/account/", exchange -> {
            byte[] body = "[{\"id\": 1, \"utility\": \"coned\"}, {\"id\": 2, \"utility\": \"pge\"}]"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        accounts.start();
        server = TestServer.start(ServerConfig.forTests(dataDir));
        server.putJson("/api/v1/tasks/scrape-coned", TestServer.map("executor", "remote"));
    }

    @AfterAll
    static void stop() {
        server.close();
        accounts.stop(0);
    }

    private static CliRun run(String... args) {
        return CliRun.of(server.server.url(), args);
    }

    @Test
    void feedsAreDefinedPreviewedPolledShownAndDeleted(@TempDir Path files) throws Exception {
        String url = "http://127.0.0.1:" + accounts.getAddress().getPort() + "/account/";
        CliRun defined = run("feeds", "define", "cli-accounts", "--source", url, "--every", "10m", "--task-from",
                "/utility", "--map", "coned=scrape-coned", "--dedup-key", "account:${/id}", "--queue", "cli-scrape");
        assertThat(defined.exit()).as(defined.err()).isZero();
        assertThat(defined.out()).contains("feed cli-accounts defined (schedule feed:cli-accounts");

        assertThat(run("feeds", "list").out()).contains("NAME").contains("cli-accounts").contains("10m");
        CliRun preview = run("feeds", "preview", "cli-accounts");
        assertThat(preview.out()).contains("scrape-coned").contains("account:1")
                .contains("refused item 1: item /utility 'pge' is not in taskFrom.map [coned]");

        CliRun polled = run("feeds", "poll", "cli-accounts");
        assertThat(polled.out()).matches("(?s)feed cli-accounts: poll job [0-9]+ enqueued\\s*");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(run("feeds", "show", "cli-accounts").out()).contains("polled").contains("item 1:"));
        assertThat(new ObjectMapper().readTree(run("feeds", "show", "cli-accounts", "--json").out())
                .get("lastPoll").get("jobsCreated").asInt()).isEqualTo(1);

        Path file = files.resolve("feed.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(Map.of("url", url, "every", "5m",
                "task", "scrape-coned", "dedupKey", "x:${/id}")));
        assertThat(run("feeds", "define", "cli-accounts", "--file", file.toString()).exit()).isZero();
        CliRun refused = run("feeds", "define", "cli-bad", "--source", url, "--every", "5m", "--task", "nobody-runs");
        assertThat(refused.exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
        assertThat(refused.err()).contains("task");

        assertThat(run("feeds", "delete", "cli-accounts").out()).contains("feed cli-accounts deleted");
        assertThat(run("feeds", "show", "cli-accounts").exit()).isNotZero();
    }
}
