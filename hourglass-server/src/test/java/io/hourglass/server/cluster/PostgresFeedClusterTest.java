package io.hourglass.server.cluster;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.hourglass.server.PostgresDatabases;
import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL database share a feed: its schedule fires once per interval in the cluster, each
 * fire is one poll job run by one node (one GET of the account service per poll), and the accounts' dedup keys
 * hold across polls and nodes, so each pending account has one job.
 */
@Tag("postgres")
class PostgresFeedClusterTest {
    private static final String DATABASE = "hourglass_feeds_cluster_test";

    @Test
    void twoNodesPollAFeedOncePerIntervalAndCreateEachAccountsJobOnce(@TempDir Path a, @TempDir Path b)
            throws IOException {
        AtomicInteger gets = new AtomicInteger();
        HttpServer accounts = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        accounts.createContext("/account/", exchange -> {
            gets.incrementAndGet();
            byte[] body = "[{\"id\": 1, \"utility\": \"coned\"}, {\"id\": 2, \"utility\": \"ngrid\"}]"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        accounts.start();
        String url = PostgresDatabases.recreate(DATABASE, 5432);
        ServerConfig first = ServerConfig.forTests(a).withDatabase(url, "postgres", null).withNodeName("feeds-a");
        ServerConfig second = ServerConfig.forTests(b).withDatabase(url, "postgres", null).withNodeName("feeds-b");
        try (TestServer one = TestServer.start(first); TestServer two = TestServer.start(second)) {
            for (String task : List.of("scrape-coned", "scrape-ngrid")) {
                one.putJson("/api/v1/tasks/" + task, map("executor", "remote", "queue", "cluster-scrape"));
            }
            var defined = two.putJson("/api/v1/feeds/accounts", map("url", "http://127.0.0.1:"
                            + accounts.getAddress().getPort() + "/account/", "every", "1s",
                    "taskFrom", map("field", "/utility", "map", map("coned", "scrape-coned", "ngrid", "scrape-ngrid")),
                    "dedupKey", "account:${/id}"));
            assertThat(defined.status()).as(defined.body()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(60)).until(() -> polls(one, "succeeded").size() >= 4);
            assertThat(one.delete("/api/v1/feeds/accounts").status()).isEqualTo(204);
            await().atMost(Duration.ofSeconds(30)).until(() -> polls(two, "scheduled").isEmpty()
                    && polls(two, "running").isEmpty());

            List<JsonNode> succeeded = polls(two, "succeeded");
            Set<String> fireTimes = new HashSet<>();
            for (JsonNode poll : succeeded) {
                assertThat(poll.get("attempts").asInt()).as("attempts of poll %s", poll).isEqualTo(1);
                assertThat(poll.get("scheduleName").asText()).isEqualTo("feed:accounts");
                assertThat(fireTimes.add(poll.get("fireAt").asText())).as("fire time %s polled once", poll).isTrue();
            }
            assertThat(gets.get()).as("one GET per poll job").isEqualTo(succeeded.size());
            JsonNode scrapes = one.get("/api/v1/jobs?queue=cluster-scrape&limit=100").json().get("items");
            List<String> keys = new ArrayList<>(scrapes.findValuesAsText("dedupKey"));
            assertThat(keys).containsExactlyInAnyOrder("account:1", "account:2");
        } finally {
            accounts.stop(0);
        }
    }

    private static List<JsonNode> polls(TestServer server, String state) {
        List<JsonNode> jobs = new ArrayList<>();
        server.get("/api/v1/jobs?task=hourglass.feed-poll&state=" + state + "&limit=500").json().get("items")
                .forEach(jobs::add);
        return jobs;
    }
}
