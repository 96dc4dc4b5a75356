package io.hourglass.examples.utilityaccounts;

import static io.hourglass.examples.utilityaccounts.Accounts.newAccount;
import static io.hourglass.examples.utilityaccounts.Accounts.scrapedAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hourglass.Hourglass;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.job.Job;
import io.hourglass.job.JobQuery;
import io.hourglass.job.JobState;
import io.hourglass.store.Store;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole app on real parts: an HTTP accounts API, the feed, the scheduler, a running Hourglass node on an H2
 * database, and the scrape handlers.
 */
class UtilityAccountsEndToEndTest {

    private static final List<Map<String, Object>> ACCOUNTS = List.of(
            newAccount(1, "coned"), scrapedAccount(2, "ngrid"), newAccount(3, "ngrid"));

    @TempDir
    Path directory;

    private final List<Scrape> scrapes = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private volatile byte[] accountsJson;
    private HttpServer accountsApi;
    private Store store;
    private Hourglass hourglass;
    private UtilityAccountsApp app;

    record Scrape(Utility utility, Map<String, Object> account) {
    }

    @BeforeEach
    void start() throws IOException {
        accountsApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        accountsJson = json.writeValueAsBytes(ACCOUNTS);
        accountsApi.createContext("/api/account/", exchange -> {
            byte[] body = accountsJson;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        accountsApi.start();
        store = JdbcStore.embedded(directory);
        hourglass = UtilityAccountsApp.hourglass(store, (utility, account) -> scrapes.add(new Scrape(utility, account)));
        hourglass.start();
        String baseUrl = "http://127.0.0.1:" + accountsApi.getAddress().getPort() + "/api";
        app = new UtilityAccountsApp(new AccountFeed(baseUrl), new UtilityAccountScheduler(hourglass));
    }

    @AfterEach
    void stop() {
        hourglass.close();
        store.close();
        accountsApi.stop(0);
    }

    @Test
    void fetchedAccountsAreScrapedByTheirUtilitysHandler() {
        app.pollOnce();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrapes).containsExactlyInAnyOrder(
                new Scrape(Utility.CONED, ACCOUNTS.get(0)),
                new Scrape(Utility.NGRID, ACCOUNTS.get(1)),
                new Scrape(Utility.NGRID, ACCOUNTS.get(2))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs())
                .hasSize(3).allSatisfy(job -> assertThat(job.state()).isEqualTo(JobState.SUCCEEDED)));
    }

    @Test
    void scrapedAccountsAreScheduledAgainOnTheNextFetch() {
        app.pollOnce();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jobs())
                .hasSize(3).allSatisfy(job -> assertThat(job.state()).isEqualTo(JobState.SUCCEEDED)));

        app.pollOnce();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrapes).hasSize(6));
        assertThat(jobs()).hasSize(6);
    }

    @Test
    void aBadAccountListSchedulesNothingAndTheNextGoodOneIsScheduled() throws IOException {
        accountsJson = json.writeValueAsBytes(List.of(newAccount(1, "coned"), newAccount(9, "pge")));

        app.pollOnce();

        assertThat(jobs()).isEmpty();
        accountsJson = json.writeValueAsBytes(ACCOUNTS);
        app.pollOnce();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrapes).hasSize(3));
    }

    private List<Job> jobs() {
        return hourglass.jobs(JobQuery.all()).items();
    }

    @Test
    void theFeedParsesTheAccountsApisJson() throws Exception {
        String baseUrl = "http://127.0.0.1:" + accountsApi.getAddress().getPort() + "/api/";

        assertThat(new AccountFeed(baseUrl).fetch()).isEqualTo(ACCOUNTS);
    }
}
