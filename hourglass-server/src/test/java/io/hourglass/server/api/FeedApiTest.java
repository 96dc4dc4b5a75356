package io.hourglass.server.api;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds over HTTP against a real server on H2 and a real account service: define (400 and 422 naming the field),
 * show with secrets as references, preview creating nothing, poll now creating the jobs, the poll records, delete.
 */
class FeedApiTest {
    @TempDir
    static Path dataDir;
    static TestServer server;
    static HttpServer accounts;
    static final AtomicReference<String> document = new AtomicReference<>("[]");

    @BeforeAll
    static void start() throws IOException {
        accounts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        accounts.createContext("/account/", exchange -> {
            byte[] body = document.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        accounts.start();
        server = TestServer.start(ServerConfig.forTests(dataDir), EnvironmentSecrets.from(
                Map.of("HOURGLASS_SECRET_ACCOUNTS_TOKEN", "tok-123-never-shown")));
        for (String task : List.of("scrape-coned", "scrape-ngrid")) {
            assertThat(server.putJson("/api/v1/tasks/" + task, map("executor", "remote", "queue", "scrape"))
                    .status()).isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
        accounts.stop(0);
    }

    static String url() {
        return "http://127.0.0.1:" + accounts.getAddress().getPort() + "/account/";
    }

    static Map<String, Object> story1(String name) {
        return map("url", url(), "every", "5m",
                "headers", map("Authorization", "Bearer ${secret:ACCOUNTS_TOKEN}", "X-Api-Key", "literal-key"),
                "taskFrom", map("field", "/utility", "map", map("coned", "scrape-coned", "ngrid", "scrape-ngrid")),
                "dedupKey", "account:${/id}", "queue", "scrape-" + name);
    }

    @Test
    void malformedDefinitionsAre400AndUnknownTasks422NamingTheField() {
        Map<String, Object> badPointer = story1("bad");
        badPointer.put("dedupKey", "account:${id}");
        Response pointer = server.putJson("/api/v1/feeds/bad", badPointer);
        assertThat(pointer.status()).isEqualTo(400);
        assertThat(pointer.json().get("field").asText()).isEqualTo("dedupKey");

        Map<String, Object> badUrl = story1("bad");
        badUrl.put("url", "ftp://example.com/accounts");
        assertThat(server.putJson("/api/v1/feeds/bad", badUrl).json().get("field").asText()).isEqualTo("url");

        Map<String, Object> both = story1("bad");
        both.put("cron", "*/5 * * * *");
        assertThat(server.putJson("/api/v1/feeds/bad", both).json().get("field").asText()).isEqualTo("cron");

        Map<String, Object> typo = story1("bad");
        typo.put("taskFrom", map("field", "/utility", "map", map("coned", "scrape-conde")));
        Response unknown = server.putJson("/api/v1/feeds/bad", typo);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.json().get("field").asText()).isEqualTo("taskFrom.map.coned");
        assertThat(unknown.json().get("message").asText()).startsWith("taskFrom.map.coned: 'scrape-conde' is unknown");
        assertThat(server.get("/api/v1/feeds/bad").status()).isEqualTo(404);
        assertThat(server.get("/api/v1/schedules/feed:bad").status()).isEqualTo(404);
    }

    @Test
    void aFeedIsDefinedShownPreviewedPolledAndDeleted() {
        document.set("[{\"id\": 1, \"utility\": \"coned\"}, {\"id\": 2, \"utility\": \"ngrid\"},"
                + " {\"id\": 3, \"utility\": \"pge\"}]");
        Response created = server.putJson("/api/v1/feeds/accounts", story1("accounts"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(server.putJson("/api/v1/feeds/accounts", story1("accounts")).status()).isEqualTo(200);

        JsonNode shown = server.get("/api/v1/feeds/accounts").json();
        assertThat(shown.get("headers").get("Authorization").asText()).isEqualTo("Bearer ${secret:ACCOUNTS_TOKEN}");
        assertThat(shown.get("headers").get("X-Api-Key").asText()).isEqualTo("***");
        assertThat(shown.get("schedule").asText()).isEqualTo("feed:accounts");
        assertThat(shown.get("nextPollAt").isNull()).isFalse();
        assertThat(server.get("/api/v1/feeds").json().get("items").findValuesAsText("name")).contains("accounts");

        JsonNode preview = server.postJson("/api/v1/feeds/accounts/preview", map()).json();
        assertThat(preview.get("itemsSeen").asInt()).isEqualTo(3);
        assertThat(preview.get("jobs").findValuesAsText("task")).containsExactly("scrape-coned", "scrape-ngrid");
        assertThat(preview.get("refused").get(0).get("reason").asText()).contains("'pge' is not in taskFrom.map");
        assertThat(server.get("/api/v1/jobs?queue=scrape-accounts").json().get("items")).isEmpty();

        Response polled = server.postJson("/api/v1/feeds/accounts/poll", map());
        assertThat(polled.status()).isEqualTo(202);
        long job = polled.json().get("jobId").asLong();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                server.get("/api/v1/jobs/" + job).json().get("state").asText()).isEqualTo("succeeded"));
        JsonNode polls = server.get("/api/v1/feeds/accounts/polls?limit=5").json().get("items");
        assertThat(polls.get(0).get("jobsCreated").asInt()).isEqualTo(2);
        assertThat(polls.get(0).get("refused").asInt()).isEqualTo(1);
        assertThat(server.get("/api/v1/feeds/accounts").json().get("lastPoll").get("jobId").asLong()).isEqualTo(job);
        assertThat(server.get("/api/v1/jobs?queue=scrape-accounts").json().get("items").findValuesAsText("dedupKey"))
                .containsExactlyInAnyOrder("account:1", "account:2");
        assertThat(server.get("/api/v1/jobs/" + job + "/attempts").body()).doesNotContain("tok-123-never-shown");

        assertThat(server.delete("/api/v1/feeds/accounts").status()).isEqualTo(204);
        assertThat(server.get("/api/v1/feeds/accounts").status()).isEqualTo(404);
        assertThat(server.get("/api/v1/schedules/feed:accounts").status()).isEqualTo(404);
        assertThat(server.postJson("/api/v1/feeds/accounts/poll", map()).status()).isEqualTo(404);
    }
}
