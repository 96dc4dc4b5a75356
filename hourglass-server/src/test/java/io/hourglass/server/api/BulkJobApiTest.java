package io.hourglass.server.api;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The text search, the bounded count and bulk cancel / retry of matching jobs over HTTP, on H2. */
class BulkJobApiTest {
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(ServerConfig.forTests(dataDir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<Long> enqueue(String task, int count) {
        List<Object> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jobs.add(map("task", task, "allowUnknownTask", true, "delay", "PT1H", "kwargs", map("n", i)));
        }
        Response r = server.postJson("/api/v1/jobs/bulk", map("jobs", jobs));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().get("results").forEach(result -> ids.add(result.get("jobId").asLong()));
        return ids;
    }

    private static Response post(String path) {
        return server.postJson(path, Map.of());
    }

    @Test
    void textSearchMatchesArgumentTextAndIds() {
        long id = server.postJson("/api/v1/jobs", map("task", "bulk-search", "allowUnknownTask", true, "delay",
                "PT1H", "args", List.of("invoice-4711"))).json().get("jobId").asLong();

        JsonNode byText = server.get("/api/v1/jobs?text=invoice-47").json().get("items");
        JsonNode byId = server.get("/api/v1/jobs?text=" + id).json().get("items");

        assertThat(byText).hasSize(1);
        assertThat(byText.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(byId.get(0).get("id").asLong()).isEqualTo(id);
    }

    @Test
    void countStopsAtTheCapAndSaysThereIsMore() {
        enqueue("bulk-count", 12);

        JsonNode all = server.get("/api/v1/jobs/count?task=bulk-count").json();
        JsonNode capped = server.get("/api/v1/jobs/count?task=bulk-count&cap=5").json();

        assertThat(all.get("count").asLong()).isEqualTo(12);
        assertThat(all.get("more").asBoolean()).isFalse();
        assertThat(capped.get("count").asLong()).isEqualTo(5);
        assertThat(capped.get("more").asBoolean()).isTrue();
    }

    @Test
    void cancelMatchingCancelsUpToTheLimitNewestFirst() {
        List<Long> ids = enqueue("bulk-cancel", 7);

        JsonNode first = post("/api/v1/jobs/cancel?task=bulk-cancel&limit=5").json();
        String oldestAfterFirst = server.get("/api/v1/jobs/" + ids.get(0)).json().get("state").asText();
        JsonNode rest = post("/api/v1/jobs/cancel?task=bulk-cancel&limit=5").json();

        assertThat(first.get("matched").asInt()).isEqualTo(5);
        assertThat(first.get("applied").asInt()).isEqualTo(5);
        assertThat(first.get("more").asBoolean()).isTrue();
        assertThat(oldestAfterFirst).isEqualTo("scheduled");
        assertThat(server.get("/api/v1/jobs/" + ids.get(6)).json().get("state").asText()).isEqualTo("cancelled");
        assertThat(rest.get("matched").asInt()).isEqualTo(2);
        assertThat(rest.get("more").asBoolean()).isFalse();
        assertThat(server.get("/api/v1/jobs/count?task=bulk-cancel&state=scheduled").json().get("count").asLong())
                .isZero();
    }

    @Test
    void retryMatchingCopiesCancelledJobsOnceEach() {
        enqueue("bulk-retry", 3);
        post("/api/v1/jobs/cancel?task=bulk-retry&limit=100");

        JsonNode retried = post("/api/v1/jobs/retry?task=bulk-retry&limit=100").json();

        assertThat(retried.get("matched").asInt()).isEqualTo(3);
        assertThat(retried.get("applied").asInt()).isEqualTo(3);
        assertThat(server.get("/api/v1/jobs/count?task=bulk-retry&state=scheduled").json().get("count").asLong())
                .isEqualTo(3);
    }

    @Test
    void theCursorPinsTheSetSoNewerJobsAreLeftAlone() {
        List<Long> before = enqueue("bulk-pinned", 2);
        long newer = enqueue("bulk-pinned", 1).get(0);

        JsonNode done = post("/api/v1/jobs/cancel?task=bulk-pinned&limit=100&cursor=" + (before.get(1) + 1)).json();

        assertThat(done.get("applied").asInt()).isEqualTo(2);
        assertThat(server.get("/api/v1/jobs/" + newer).json().get("state").asText()).isEqualTo("scheduled");
    }

    @Test
    void bulkActionsRefuseAMissingOrTooLargeLimitAndBadFiltersNamingTheField() {
        Response missing = post("/api/v1/jobs/cancel?task=bulk-refused");
        Response tooLarge = post("/api/v1/jobs/retry?task=bulk-refused&limit=10001");
        Response badState = post("/api/v1/jobs/cancel?state=sleeping&limit=1");
        Response badTime = server.get("/api/v1/jobs/count?createdFrom=yesterday");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("limit");
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.json().get("field").asText()).isEqualTo("limit");
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.json().get("field").asText()).isEqualTo("state");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("field").asText()).isEqualTo("createdFrom");
    }
}
