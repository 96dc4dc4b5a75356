package io.hourglass.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.Hourglass;
import io.hourglass.job.JobRequest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST API and the console mounted at /hourglass in a real embedded Tomcat, behind the test application's
 * Spring Security ({@link SecuredApp}), over real HTTP; run on H2 and on PostgreSQL by its subclasses.
 */
abstract class MountedWebContract {
    @LocalServerPort
    int port;
    @Autowired
    Hourglass hourglass;
    @Autowired
    MeterRegistry registry;
    @Autowired
    DataSource dataSource;

    private WebClient ops() {
        return WebClient.as(port, "ops", SecuredApp.PASSWORD);
    }

    private WebClient viewer() {
        return WebClient.as(port, "viewer", SecuredApp.PASSWORD);
    }

    @Test
    void theApiListsJobsUnderTheMountPathForAReader() throws Exception {
        long id = hourglass.enqueue(JobRequest.of("web-greet").queue("web-list").delay(Duration.ofHours(1))
                .build()).jobId();
        HttpResponse<String> r = viewer().get("/hourglass/api/v1/jobs?queue=web-list");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"id\":" + id).contains("web-greet");
        assertThat(WebClient.anonymous(port).get("/hourglass/api/v1/jobs").statusCode())
                .as("Spring Security asks for a login").isEqualTo(401);
    }

    @Test
    void enqueueNeedsAUserWithAWritingRole() throws Exception {
        String body = "{\"task\":\"web-greet\",\"queue\":\"web-post\",\"delay\":\"1h\"}";
        HttpResponse<String> created = ops().postJson("/hourglass/api/v1/jobs", body, Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        HttpResponse<String> reader = viewer().postJson("/hourglass/api/v1/jobs", body, Map.of());
        assertThat(reader.statusCode()).isEqualTo(403);
        assertThat(reader.body()).contains("HOURGLASS_WRITE").contains("viewer");
        HttpResponse<String> stranger = WebClient.as(port, "stranger", SecuredApp.PASSWORD)
                .postJson("/hourglass/api/v1/jobs", body, Map.of());
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.body()).contains("none of HOURGLASS_ADMIN");
        assertThat(WebClient.anonymous(port).postJson("/hourglass/api/v1/jobs", body, Map.of()).statusCode())
                .isEqualTo(401);
        HttpResponse<String> forged = ops().postJson("/hourglass/api/v1/jobs", body,
                Map.of("Origin", "http://elsewhere.example", "Sec-Fetch-Site", "cross-site"));
        assertThat(forged.statusCode()).as("a page of another site made the browser send it").isEqualTo(403);
        assertThat(forged.body()).contains("cross-site");

        assertThat(hourglass.countJobs(io.hourglass.job.JobQuery.all().withQueue("web-post"), 10).count())
                .isEqualTo(1);
    }

    @Test
    void theConsoleRendersUnderTheMountPathWithEveryLinkInside() throws Exception {
        Document overview = ops().page("/hourglass/console");
        assertThat(overview.select("#user").text()).isEqualTo("ops");
        assertThat(overview.select("#role").text()).isEqualTo("admin");
        List<String> urls = new java.util.ArrayList<>();
        for (Element e : overview.select("a[href], link[href], script[src], form[action], [sse-connect], [data-src]")) {
            for (String attribute : List.of("href", "src", "action", "sse-connect", "data-src")) {
                if (e.hasAttr(attribute)) {
                    urls.add(e.attr(attribute));
                }
            }
        }
        assertThat(urls).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith("/hourglass/console"));
        assertThat(urls).contains("/hourglass/console/jobs", "/hourglass/console/assets/htmx.min.js",
                "/hourglass/console/live?view=overview");
        for (String asset : List.of("/hourglass/console/assets/htmx.min.js", "/hourglass/console/assets/live.js",
                "/hourglass/console/assets/console.css")) {
            assertThat(ops().get(asset).statusCode()).as(asset).isEqualTo(200);
        }
        assertThat(viewer().page("/hourglass/console/jobs").select("#role").text()).isEqualTo("read");
    }

    @Test
    void aConsoleFormActsWithItsCsrfTokenAndRedirectsInsideTheMount() throws Exception {
        long id = hourglass.enqueue(JobRequest.of("web-greet").queue("web-form").delay(Duration.ofHours(1))
                .build()).jobId();
        WebClient ops = ops();
        Document page = ops.page("/hourglass/console/jobs/" + id);
        Element form = page.selectFirst("form[action=/hourglass/console/jobs/" + id + "/cancel]");
        assertThat(form).as(page.html()).isNotNull();
        String csrf = form.selectFirst("input[name=csrf]").attr("value");

        assertThat(ops.postForm(form.attr("action"), Map.of()).statusCode()).as("without the token")
                .isEqualTo(403);
        HttpResponse<String> done = ops.postForm(form.attr("action"), Map.of("csrf", csrf));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location").orElseThrow()).startsWith("/hourglass/console/jobs/" + id);
        await().atMost(Duration.ofSeconds(15)).until(() -> hourglass.job(id).orElseThrow().state().isFinished());
        assertThat(viewer().postForm(form.attr("action"), Map.of("csrf", csrf)).statusCode())
                .as("another user's session token").isEqualTo(403);
    }

    @Test
    void theConsolesEventStreamOpensUnderTheMountPath() throws Exception {
        WebClient ops = ops();
        ops.page("/hourglass/console"); // opens the console session, as the page does before its stream
        try (WebClient.EventStream stream = ops.events("/hourglass/console/live?view=overview")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            try {
                // the summary is sent to a stream when it opens, whether or not anything changed since
                await().atMost(Duration.ofSeconds(30)).until(() -> stream.sawEvent("overview-summary"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                StringBuilder live = new StringBuilder();
                Thread.getAllStackTraces().forEach((t, trace) -> {
                    if (t.getName().startsWith("hourglass-console-live")) {
                        live.append(t.getName()).append(' ').append(t.getState()).append('\n');
                        for (StackTraceElement frame : trace) {
                            live.append("  ").append(frame).append('\n');
                        }
                    }
                });
                throw new AssertionError("no overview event; lines " + stream.lines() + "; " + live, e);
            }
        }
    }

    /**
     * A page that opens its stream while the overview cannot be read (here: the jobs table is away for a moment) is
     * not left open without its summary: its stream ends, and the browser's reconnect gets it. The summary is sent
     * only when it changes, so a stream that missed it on arrival would wait for a change that may never come.
     */
    @Test
    void aStreamThatCouldNotBeGivenItsSummaryOnArrivalEndsAndItsReconnectGetsIt() throws Exception {
        WebClient ops = ops();
        ops.page("/hourglass/console");
        try (WebClient.EventStream open = ops.events("/hourglass/console/live?view=overview")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> open.sawEvent("overview-summary"));
            WebClient.EventStream arriving;
            jobsTable("jobs", "jobs_away");
            try {
                arriving = ops.events("/hourglass/console/live?view=overview");
                await().atMost(Duration.ofSeconds(30)).until(() -> arriving.ended()
                        || arriving.sawEvent("overview-summary"));
            } finally {
                jobsTable("jobs_away", "jobs");
            }
            arriving.close();
            try (WebClient.EventStream again = ops.events("/hourglass/console/live?view=overview")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> again.sawEvent("overview-summary"));
            }
        }
    }

    private void jobsTable(String from, String to) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + from + " RENAME TO " + to);
        }
    }

    @Test
    void theQueueDepthGaugeHasTheServersNameOnTheApplicationsRegistry() throws Exception {
        hourglass.enqueue(JobRequest.of("web-greet").queue("web-gauge").delay(Duration.ofHours(1)).build());
        hourglass.enqueue(JobRequest.of("web-greet").queue("web-gauge").delay(Duration.ofHours(1)).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> { // a new queue's rows appear within 10 s
            Gauge gauge = registry.find("hourglass.queue.jobs").tags("queue", "web-gauge", "state", "scheduled")
                    .gauge();
            return gauge != null && gauge.value() == 2.0;
        });
        assertThat(registry.get("hourglass.queue.jobs").tags("queue", "web-gauge", "state", "running").gauge()
                .value()).isZero();
    }
}
