package io.hourglass.server.console;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.TestServer;
import io.hourglass.server.config.EnvironmentSecrets;
import io.hourglass.server.console.ConsoleBrowser.Page;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's feed pages over HTTP without JavaScript, against a real server and a real account service on a
 * local port; run on H2 ({@link FeedConsoleOnH2Test}) and PostgreSQL ({@link FeedConsoleOnPostgresTest}).
 */
abstract class FeedConsoleContract extends ServerWithRoles {
    static final String ACCOUNTS = "[{\"id\": 1, \"utility\": \"coned\"}, {\"id\": 2, \"utility\": \"ngrid\"},"
            + " {\"id\": 3, \"utility\": \"pge\"}]";
    HttpServer accounts;
    final AtomicReference<String> document = new AtomicReference<>(ACCOUNTS);

    @Override
    protected EnvironmentSecrets secrets() {
        return EnvironmentSecrets.from(Map.of("HOURGLASS_SECRET_ACCOUNTS_TOKEN", "tok-123-never-shown"));
    }

    @BeforeAll
    void start() throws IOException {
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
        TestServer api = server.withToken(admin);
        for (String task : List.of("scrape-coned", "scrape-ngrid")) {
            assertThat(api.putJson("/api/v1/tasks/" + task, map("executor", "remote", "queue", "scrape"))
                    .status()).isEqualTo(201);
        }
    }

    @AfterAll
    void stop() {
        accounts.stop(0);
    }

    private static ConsoleBrowser loggedIn(String token) {
        return ConsoleTasksTest.loggedIn(server, token);
    }

    private void define(String name) {
        String url = "http://127.0.0.1:" + accounts.getAddress().getPort() + "/account/";
        assertThat(server.withToken(writer).putJson("/api/v1/feeds/" + name, map("url", url, "every", "1h",
                "headers", map("Authorization", "Bearer ${secret:ACCOUNTS_TOKEN}", "X-Api-Key", "literal-key"),
                "taskFrom", map("field", "/utility", "map", map("coned", "scrape-coned", "ngrid", "scrape-ngrid")),
                "dedupKey", "account:${/id}", "queue", "scrape-" + name)).status()).isEqualTo(201);
    }

    @Test
    void theFeedsPageListsEachFeedWithItsTimingTaskAndNextPoll() {
        define("listed");
        Page list = loggedIn(reader).get("/console/feeds");

        assertThat(list.doc().select("#nav-feeds").hasClass("on")).isTrue();
        var row = list.doc().select("tr[data-feed=listed]");
        assertThat(row.text()).contains("every 1h").contains("by /utility").contains("not polled yet");
        assertThat(row.select("a").attr("href")).isEqualTo("/console/feeds/listed");
    }

    @Test
    void pollNowCreatesTheJobsAndThePageShowsThePollsCountsAndRefusals() {
        define("polled");
        ConsoleBrowser browser = loggedIn(writer);
        Page page = browser.get("/console/feeds/polled");
        assertThat(page.doc().select("tr[data-header=X-Api-Key] code").text()).isEqualTo("***");
        assertThat(page.doc().select("tr[data-header=Authorization] code").text())
                .isEqualTo("Bearer ${secret:ACCOUNTS_TOKEN}");
        assertThat(page.doc().text()).doesNotContain("literal-key").doesNotContain("tok-123-never-shown");
        assertThat(page.doc().select("#no-polls")).hasSize(1);

        Page polled = browser.post("/console/feeds/polled/poll", Map.of("csrf", ConsoleBrowser.csrf(page)));

        assertThat(polled.status()).isEqualTo(303);
        assertThat(browser.get(polled.location()).doc().select("#notice").text()).contains("enqueued");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                browser.get("/console/feeds/polled").doc().select("#polls tr[data-poll]").size() == 1);
        Page after = browser.get("/console/feeds/polled");
        assertThat(after.doc().select("#polls tr[data-poll] .seen").text()).isEqualTo("3");
        assertThat(after.doc().select("#polls tr[data-poll] .created").text()).isEqualTo("2");
        assertThat(after.doc().select("#polls tr[data-poll] .refused").text()).isEqualTo("1");
        assertThat(after.doc().select("#polls .refusal").text()).contains("item 2").contains("'pge'");
        assertThat(server.withToken(reader).get("/api/v1/jobs?queue=scrape-polled").json().get("items")).hasSize(2);
        assertThat(browser.get("/console/feeds").doc().select("tr[data-feed=polled] .last-poll").text())
                .contains("polled").contains("2 created");
    }

    @Test
    void previewShowsTheJobsAPollWouldCreateAndTheRefusedItemsCreatingNothing() {
        define("previewed");
        ConsoleBrowser browser = loggedIn(writer);
        Page page = browser.get("/console/feeds/previewed");

        Page preview = browser.post("/console/feeds/previewed/preview", Map.of("csrf", ConsoleBrowser.csrf(page)));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.doc().select("#preview-summary").text()).contains("3 items").contains("create 2 jobs")
                .contains("refuse 1");
        assertThat(preview.doc().select("#preview-jobs tbody tr td:nth-child(2)").eachText())
                .containsExactly("scrape-coned", "scrape-ngrid");
        assertThat(preview.doc().select("#preview-jobs tbody tr").first().text()).contains("account:1");
        assertThat(preview.doc().select("#preview-refused .refusal").text()).contains("'pge' is not in taskFrom.map");
        assertThat(server.withToken(reader).get("/api/v1/jobs?queue=scrape-previewed").json().get("items")).isEmpty();
    }

    @Test
    void aReadUserSeesNoButtonsAndItsForgedOrTokenlessPostsAreRefused() {
        define("guarded-feed");
        ConsoleBrowser reading = loggedIn(reader);
        Page page = reading.get("/console/feeds/guarded-feed");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().select("#feed-actions, #poll-now, #preview-feed")).isEmpty();
        String csrf = ConsoleBrowser.csrf(page);
        assertThat(reading.post("/console/feeds/guarded-feed/poll", Map.of("csrf", csrf)).status()).isEqualTo(403);
        assertThat(reading.post("/console/feeds/guarded-feed/preview", Map.of("csrf", csrf)).status())
                .isEqualTo(403);
        ConsoleBrowser writing = loggedIn(writer);
        assertThat(writing.post("/console/feeds/guarded-feed/poll", Map.of()).status()).isEqualTo(403);
        assertThat(server.withToken(reader).get("/api/v1/feeds/guarded-feed/polls").json().get("items")).isEmpty();
        assertThat(server.withToken(reader).get("/api/v1/jobs?schedule=feed:guarded-feed").json().get("items"))
                .isEmpty();
        assertThat(reading.get("/console/feeds/never-was").status()).isEqualTo(404);
    }
}
