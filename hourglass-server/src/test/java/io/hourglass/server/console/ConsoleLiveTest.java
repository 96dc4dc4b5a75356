package io.hourglass.server.console;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.console.ConsoleBrowser.EventStream;
import io.hourglass.server.console.ConsoleBrowser.Page;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's live parts over HTTP on H2: the event stream (refused without a session, bad parameters refused
 * before it opens, events after a job changes, read with java.net.http), the overview's attempts chart data and
 * its no-JavaScript table, start latency, and the nodes and workers page. The scenarios are shared with
 * {@link ConsoleOnPostgresTest}.
 */
class ConsoleLiveTest extends ServerWithRoles {
    /** A job due now that no node runs: it waits until a remote worker pops its queue. */
    static long enqueueForWorker(TestServer server, String token, String queue) {
        Response r = server.withToken(token).postJson("/api/v1/jobs", map("task", "console-remote", "queue", queue,
                "allowUnknownTask", true, "maxAttempts", 1));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("jobId").asLong();
    }

    static void popAndComplete(TestServer server, String token, String queue, long id) {
        TestServer api = server.withToken(token);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.postJson("/api/v1/queues/" + queue
                + "/pop?limit=1", map("worker", "live-worker")).json().get("jobs").size() == 1);
        Response done = api.postJson("/api/v1/jobs/" + id + "/complete", map("worker", "live-worker",
                "attempt", 1, "output", "done"));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
    }

    /** A job page's stream says "job" with the new state when a worker takes the job, and again when it ends. */
    static void aWatchedJobPageHearsItsJobRunAndFinish(TestServer server, String writer, String queue) {
        long id = enqueueForWorker(server, writer, queue);
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        browser.login("/console", writer);
        Page page = browser.get("/console/jobs/" + id);
        String live = page.doc().select("#live").attr("sse-connect");
        assertThat(live).isEqualTo("/console/live?view=job&id=" + id + "&seen=scheduled.0.false");
        try (EventStream stream = browser.events(live)) {
            assertThat(stream.status()).isEqualTo(200);
            popAndComplete(server, writer, queue, id);
            await().atMost(Duration.ofSeconds(15)).until(() -> stream.data("job").contains("succeeded.1.false\n"));
        }
        Page refreshed = browser.get("/console/jobs/" + id);
        assertThat(refreshed.doc().select("#job-main #job-state").text()).isEqualTo("succeeded");
    }

    @Test
    void theEventStreamRefusesARequestWithoutASession() {
        EventStream refused = new ConsoleBrowser(server.server.url()).events("/console/live?view=overview");
        assertThat(refused.status()).isEqualTo(401);
        refused.close();
    }

    @Test
    void badStreamParametersAreRefusedBeforeTheStreamOpens() {
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        browser.login("/console", reader);
        try (EventStream view = browser.events("/console/live?view=nope");
             EventStream id = browser.events("/console/live?view=job&id=x");
             EventStream filter = browser.events("/console/live?view=jobs&after=0&state=nope")) {
            assertThat(view.status()).isEqualTo(400);
            assertThat(id.status()).isEqualTo(400);
            assertThat(filter.status()).isEqualTo(400);
        }
        assertThat(browser.get("/console/live?view=overview").status()).isEqualTo(406);
    }

    @Test
    void aJobPageStreamTellsWhenItsJobRunsAndFinishes() {
        aWatchedJobPageHearsItsJobRunAndFinish(server, writer, "live-watch");
    }

    @Test
    void theOverviewStreamPushesItsFragmentsAsHtml() {
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        Page overview = browser.login("/console", reader);
        assertThat(overview.doc().select("#live").attr("sse-connect")).isEqualTo("/console/live?view=overview");
        try (EventStream stream = browser.events("/console/live?view=overview")) {
            await().atMost(Duration.ofSeconds(15)).until(() -> !stream.data("overview-tables").isEmpty()
                    && !stream.data("overview-summary").isEmpty());
            assertThat(stream.data("overview-summary").get(0)).contains("id=\"states\"").contains("start-latency");
            enqueueForWorker(server, writer, "live-overview");
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    stream.data("overview-tables").stream().anyMatch(html -> html.contains("live-overview")));
        }
    }

    @Test
    void aJobsListHearsHowManyNewJobsMatchItsFilters() {
        enqueueForWorker(server, writer, "live-list");
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        browser.login("/console", reader);
        Page list = browser.get("/console/jobs?queue=live-list");
        String newest = list.doc().select("#jobs tbody tr").first().attr("data-job");
        String live = list.doc().select("#live").attr("sse-connect");
        assertThat(live).isEqualTo("/console/live?view=jobs&after=" + newest + "&queue=live-list");
        assertThat(list.doc().select("#new-jobs-slot").text()).isEmpty();
        try (EventStream stream = browser.events(live)) {
            enqueueForWorker(server, writer, "live-list");
            enqueueForWorker(server, writer, "live-elsewhere");
            enqueueForWorker(server, writer, "live-list");
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    stream.data("new-jobs").stream().anyMatch(html -> html.contains(">2 new jobs")));
            assertThat(String.join("", stream.data("new-jobs"))).contains("href=\"/console/jobs?queue=live-list\"");
        }
        assertThat(browser.get("/console/jobs?queue=live-list&cursor=" + newest).doc().select("#live")).isEmpty();
    }

    @Test
    void theAttemptsChartGivesAttemptsByOutcomePerBucketAndTheSameAsATable() throws Exception {
        long failed = ConsoleTest.failedJob(server, writer, "live-chart", "chart failure");
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        browser.login("/console", reader);
        // a read is shared for up to ten seconds, so the failure shows within that
        await().atMost(Duration.ofSeconds(15)).until(() -> failures(browser.get("/console/overview/attempts?window=hour")) >= 1);
        JsonNode data = TestServer.JSON.readTree(browser.get("/console/overview/attempts?window=hour").raw().body());
        assertThat(data.get("bucketSeconds").asInt()).isEqualTo(60);
        assertThat(data.get("times")).hasSize(60);

        Page overview = browser.get("/console");
        assertThat(overview.doc().select("#attempts th").eachText()).contains("failed");
        assertThat(overview.doc().select("#attempts-chart").attr("data-src"))
                .isEqualTo("/console/overview/attempts?window=hour");
        Page day = browser.get("/console?window=day");
        assertThat(day.doc().select("#attempts-window").text()).isEqualTo("the last day, per 5 minutes");
        assertThat(day.doc().select("#window-day").hasClass("on")).isTrue();
        assertThat(TestServer.JSON.readTree(browser.get("/console/overview/attempts?window=day").raw().body())
                .get("times")).hasSize(288);
        Page bad = browser.get("/console?window=week");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.doc().text()).contains("window: must be 'hour' or 'day', was 'week'");
        assertThat(failed).isPositive();
    }

    @Test
    void theOverviewShowsStartLatencyOldestDueAndNodesAliveAndLost() {
        long id = enqueueForWorker(server, writer, "live-latency");
        popAndComplete(server, writer, "live-latency", id);
        enqueueForWorker(server, writer, "live-waiting");
        Page overview = loggedIn(reader).get("/console");
        assertThat(overview.doc().select("#start-latency").text()).contains("p50").contains("p99");
        assertThat(overview.doc().select("tr[data-queue=live-waiting] .oldest-due").text()).isNotEqualTo("—");
        assertThat(overview.doc().select("#nodes-alive").text()).isEqualTo("1");
        assertThat(overview.doc().select("#nodes-lost").text()).isEqualTo("0");
    }

    @Test
    void theNodesPageListsNodesAndRemoteWorkersWithWhatTheyRun() {
        long id = enqueueForWorker(server, writer, "live-nodes");
        TestServer api = server.withToken(writer);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.postJson("/api/v1/queues/live-nodes/pop?limit=1",
                map("worker", "nodes-worker")).json().get("jobs").size() == 1);
        Page page = loggedIn(reader).get("/console/nodes");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().select("header nav a.on").text()).isEqualTo("Nodes and workers");
        assertThat(page.doc().select("#nodes tbody tr")).hasSize(1);
        assertThat(page.doc().select("#nodes .state").text()).isEqualTo("alive");
        assertThat(page.doc().select("tr[data-worker=nodes-worker] .running").text()).isEqualTo("1");
        assertThat(page.doc().select("tr[data-worker=nodes-worker] .state").text()).isEqualTo("alive");
        assertThat(page.doc().select("tr[data-worker=nodes-worker]").text()).contains("live-nodes");
        assertThat(id).isPositive();
    }

    private static long failures(Page json) throws Exception {
        JsonNode failed = TestServer.JSON.readTree(json.raw().body()).get("outcomes").get("failed");
        long sum = 0;
        if (failed != null) {
            for (JsonNode n : failed) {
                sum += n.asLong();
            }
        }
        return sum;
    }

    private static ConsoleBrowser loggedIn(String token) {
        return ConsoleTasksTest.loggedIn(server, token);
    }
}
