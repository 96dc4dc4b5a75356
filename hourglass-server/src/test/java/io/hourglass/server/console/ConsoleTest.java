package io.hourglass.server.console;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.console.ConsoleBrowser.Page;
import java.net.HttpCookie;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console over HTTP on a real server (H2), read as HTML without JavaScript, with read, write and admin tokens. */
class ConsoleTest extends ServerWithRoles {
    static long enqueueLater(TestServer server, String token, String queue, Map<String, Object> kwargs) {
        Response r = server.withToken(token).postJson("/api/v1/jobs", map("task", "console-remote", "queue", queue,
                "allowUnknownTask", true, "delay", "PT1H", "args", List.of(1, "two"), "kwargs", kwargs,
                "dedupKey", "dk-" + queue + "-" + System.nanoTime()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("jobId").asLong();
    }

    /** A job a remote worker took and failed with this error. */
    static long failedJob(TestServer server, String token, String queue, String error) {
        TestServer api = server.withToken(token);
        Response r = api.postJson("/api/v1/jobs", map("task", "console-remote", "queue", queue,
                "allowUnknownTask", true, "maxAttempts", 1));
        long id = r.json().get("jobId").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.postJson("/api/v1/queues/" + queue
                + "/pop?limit=1", map("worker", "console-worker")).json().get("jobs").size() == 1);
        Response failed = api.postJson("/api/v1/jobs/" + id + "/fail", map("worker", "console-worker", "attempt", 1,
                "outcome", "failed", "message", error, "output", "partial output"));
        assertThat(failed.status()).as(failed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/v1/jobs/" + id).json().get("state").asText().equals("failed"));
        return id;
    }

    private static ConsoleBrowser loggedIn(String token) {
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        browser.login("/console", token);
        return browser;
    }

    @Test
    void loginTradesATokenForAnHttpOnlyStrictSessionAndLogoutEndsIt() {
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        Page before = browser.get("/console");
        assertThat(before.status()).isEqualTo(303);
        assertThat(before.location()).isEqualTo("/console/login");

        Page answer = browser.post("/console/login", Map.of("token", reader));
        assertThat(answer.status()).isEqualTo(303);
        String setCookie = answer.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("hourglass_session=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/console");
        Page overview = browser.get("/console");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.doc().select("#role").text()).isEqualTo("read");
        assertThat(overview.doc().select("#open-banner")).isEmpty();

        Page out = browser.post("/console/logout", Map.of("csrf", ConsoleBrowser.csrf(overview)));
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.location()).isEqualTo("/console/login");
        assertThat(browser.get("/console").status()).isEqualTo(303);
    }

    @Test
    void aBadTokenIsShownNextToTheTokenField() {
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        Page refused = browser.post("/console/login", Map.of("token", "hg_not-a-token"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.doc().select("#token-error").text()).contains("not valid");
        Page empty = browser.post("/console/login", Map.of("token", " "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.doc().select("#token-error").text()).contains("must not be empty");
        HttpCookie cookie = browser.cookie("hourglass_session");
        assertThat(cookie).isNull();
    }

    @Test
    void overviewShowsStatesQueuesNodesOverdueAndTheLatestFailures() {
        enqueueLater(server, admin, "ov-queue", Map.of());
        long failed = failedJob(server, admin, "ov-fail", "partner login check broke");
        Page page = loggedIn(reader).get("/console");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().select("#states .state-scheduled .count").text()).isNotEqualTo("0");
        assertThat(page.doc().select("#states .state-failed .label").text()).isEqualTo("failed");
        assertThat(page.doc().select("#states .state-failed .count").text()).isNotEqualTo("0");
        assertThat(page.doc().select("#finished-window").text())
                .isEqualTo("Scheduled and running: now. Finished states: jobs that finished in the last hour.");
        assertThat(page.doc().select("#queues td a").eachText()).contains("ov-queue", "ov-fail");
        assertThat(page.doc().select("#nodes td.alive")).isNotEmpty();
        assertThat(page.doc().select("#overdue-tile").attr("href")).isEqualTo("/console/overdue");
        assertThat(page.doc().select("#failures tr").text()).contains("#" + failed)
                .contains("partner login check broke");
    }

    @Test
    void jobsListFiltersFromTheUrlAndPagesWithACursor() {
        long first = enqueueLater(server, admin, "list-queue", Map.of());
        long second = enqueueLater(server, admin, "list-queue", Map.of());
        long third = enqueueLater(server, admin, "list-queue", Map.of());
        ConsoleBrowser browser = loggedIn(reader);

        Page one = browser.get("/console/jobs?queue=list-queue&state=scheduled&limit=2");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.doc().select("#jobs tbody tr").eachAttr("data-job"))
                .containsExactly(Long.toString(third), Long.toString(second));
        assertThat(one.doc().select("#filter-queue").val()).isEqualTo("list-queue");
        String next = one.doc().select("#next-page").attr("href");
        assertThat(next).contains("queue=list-queue").contains("cursor=");

        Page two = browser.get(next + "&limit=2");
        assertThat(two.doc().select("#jobs tbody tr").eachAttr("data-job")).containsExactly(Long.toString(first));
    }

    @Test
    void badFilterInputIsShownNextToItsFieldWithTheApisMessage() {
        ConsoleBrowser browser = loggedIn(reader);
        Page page = browser.get("/console/jobs?state=bogus");
        String api = server.withToken(reader).get("/api/v1/jobs?state=bogus").json().get("message").asText();

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.doc().select("#state-error").text()).isEqualTo(api);
        assertThat(page.doc().select("#filter-state").hasClass("invalid")).isTrue();
        assertThat(page.doc().select("#filter-state").val()).isEqualTo("bogus");
        assertThat(page.doc().select("#no-jobs").text()).doesNotContain("No jobs match").contains("refused");
    }

    @Test
    void jobDetailShowsTheJobItsArgumentsAndEveryAttempt() {
        long failed = failedJob(server, admin, "detail-fail", "boom at step 3");
        Page page = loggedIn(reader).get("/console/jobs/" + failed);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().select("#job-state").text()).isEqualTo("failed");
        assertThat(page.doc().select("#facts").text()).contains("console-remote").contains("detail-fail");
        assertThat(page.doc().select("#attempts li")).hasSize(1);
        assertThat(page.doc().select("#attempts li").text()).contains("failed").contains("console-worker")
                .contains("boom at step 3").contains("partial output");

        long later = enqueueLater(server, admin, "detail-args", Map.of("partner", "acme"));
        Page scheduled = loggedIn(reader).get("/console/jobs/" + later);
        assertThat(scheduled.doc().select("#args").text()).contains("1").contains("\"two\"");
        assertThat(scheduled.doc().select("#kwargs").text()).contains("\"partner\" : \"acme\"");
        assertThat(scheduled.doc().select("#no-attempts")).isNotEmpty();
        Page missing = loggedIn(reader).get("/console/jobs/99999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.doc().select("#refusal").text()).isEqualTo("no job #99999999");
    }

    @Test
    void consoleUrlThatNamesNothingIsTheConsolesOwnNotFoundPageForABrowser() {
        Page page = loggedIn(reader).get("/console/queues/no-such-page");
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.doc().select("#refusal").text()).isEqualTo("No console page at /console/queues/no-such-page.");
        assertThat(page.doc().select("nav a").eachText()).contains("Jobs");
        Response api = server.withToken(reader).get("/console/queues/no-such-page");
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.json().get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void writeTokenCancelsAScheduledJobAndRetriesAFinishedOne() {
        long later = enqueueLater(server, admin, "act-queue", Map.of());
        ConsoleBrowser browser = loggedIn(writer);
        Page page = browser.get("/console/jobs/" + later);
        assertThat(page.doc().select("#action-cancel")).hasSize(1);
        assertThat(page.doc().select("#actions").text()).contains("Cancels this job at once: it will not run.");
        assertThat(page.doc().select("#action-run-now")).hasSize(1);

        Page done = browser.post("/console/jobs/" + later + "/cancel", Map.of("csrf", ConsoleBrowser.csrf(page)));
        assertThat(done.status()).isEqualTo(303);
        Page after = browser.get(done.location());
        assertThat(after.doc().select("#job-state").text()).isEqualTo("cancelled");
        assertThat(after.doc().select("#notice").text()).contains("Cancelled");

        Page retried = browser.post("/console/jobs/" + later + "/retry", Map.of("csrf", ConsoleBrowser.csrf(after)));
        assertThat(retried.status()).isEqualTo(303);
        Page copy = browser.get(retried.location());
        assertThat(copy.doc().select("#notice").text()).contains("fresh copy of job #" + later);
        assertThat(copy.doc().select("#job-state").text()).isEqualTo("scheduled");
        assertThat(retried.location()).doesNotStartWith("/console/jobs/" + later + "?");
    }

    @Test
    void readTokenSeesNoActionButtonsAndTheServerRefusesItsActions() {
        long later = enqueueLater(server, admin, "ro-queue", Map.of());
        ConsoleBrowser browser = loggedIn(reader);
        Page job = browser.get("/console/jobs/" + later);
        assertThat(job.doc().select("#actions")).isEmpty();
        assertThat(job.doc().select("button[id^=action-]")).isEmpty();
        Page queues = browser.get("/console/queues");
        assertThat(queues.doc().select(".queue-action")).isEmpty();

        Page refused = browser.post("/console/jobs/" + later + "/cancel", Map.of("csrf", ConsoleBrowser.csrf(job)));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.doc().select("#refusal").text()).contains("needs the 'write' role");
        assertThat(browser.post("/console/queues/ro-queue/pause", Map.of("csrf", ConsoleBrowser.csrf(job)))
                .status()).isEqualTo(403);
        assertThat(server.withToken(reader).get("/api/v1/jobs/" + later).json().get("state").asText())
                .isEqualTo("scheduled");
    }

    @Test
    void aForgedPostWithoutTheCsrfTokenOrFromAnotherOriginIsRefused() {
        long later = enqueueLater(server, admin, "csrf-queue", Map.of());
        ConsoleBrowser browser = loggedIn(writer);
        String csrf = ConsoleBrowser.csrf(browser.get("/console/jobs/" + later));
        String path = "/console/jobs/" + later + "/cancel";

        assertThat(browser.post(path, Map.of()).status()).isEqualTo(403);
        assertThat(browser.post(path, Map.of("csrf", "forged")).status()).isEqualTo(403);
        assertThat(browser.post(path, Map.of("csrf", csrf), "https://evil.example", null).status()).isEqualTo(403);
        assertThat(browser.post(path, Map.of("csrf", csrf), browser.origin(), "cross-site").status())
                .isEqualTo(403);
        assertThat(browser.post(path, Map.of("csrf", csrf), null, null).status()).isEqualTo(403);
        assertThat(browser.post("/console/login", Map.of("token", writer), "https://evil.example", "cross-site")
                .status()).isEqualTo(403);
        assertThat(server.withToken(reader).get("/api/v1/jobs/" + later).json().get("state").asText())
                .isEqualTo("scheduled");

        assertThat(browser.post(path, Map.of("csrf", csrf)).status()).isEqualTo(303);
    }

    @Test
    void writeTokenPausesAndResumesAQueue() {
        enqueueLater(server, admin, "pause-queue", Map.of());
        ConsoleBrowser browser = loggedIn(writer);
        Page queues = browser.get("/console/queues");
        assertThat(queues.doc().select("tr[data-queue=pause-queue] .queue-state").text()).isEqualTo("active");

        Page paused = browser.post("/console/queues/pause-queue/pause", Map.of("csrf", ConsoleBrowser.csrf(queues)));
        assertThat(paused.status()).isEqualTo(303);
        Page after = browser.get(paused.location());
        assertThat(after.doc().select("tr[data-queue=pause-queue] .queue-state").text()).isEqualTo("paused");
        assertThat(after.doc().select("#notice").text()).contains("Paused queue pause-queue");
        JsonNode api = server.withToken(reader).get("/api/v1/queues/pause-queue").json();
        assertThat(api.get("paused").asBoolean()).isTrue();

        Page resumed = browser.post("/console/queues/pause-queue/resume", Map.of("csrf", ConsoleBrowser.csrf(after)));
        assertThat(browser.get(resumed.location()).doc().select("tr[data-queue=pause-queue] .queue-state").text())
                .isEqualTo("active");
        assertThat(browser.post("/console/queues/no-such-queue/pause", Map.of("csrf", ConsoleBrowser.csrf(after)))
                .status()).isEqualTo(404);
    }

    @Test
    void overduePageListsDueJobsWithTheReason() {
        TestServer api = server.withToken(admin);
        api.postJson("/api/v1/queues/od-queue/pause", Map.of());
        Response r = api.postJson("/api/v1/jobs", map("task", "console-remote", "queue", "od-queue",
                "allowUnknownTask", true));
        long id = r.json().get("jobId").asLong();
        api.putJson("/api/v1/queues/od-queue", Map.of());
        api.postJson("/api/v1/queues/od-queue/pause", Map.of());

        Page page = loggedIn(reader).get("/console/overdue");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.doc().select("#overdue tr").text()).contains("#" + id).contains("paused");
    }

    @Test
    void aBrowserAtTheRootGoesToTheConsoleAndJsonClientsKeepTheirAnswer() {
        Page html = new ConsoleBrowser(server.server.url()).get("/");
        assertThat(html.status()).isEqualTo(303);
        assertThat(html.location()).isEqualTo("/console");
        Response json = server.withToken(reader).get("/");
        assertThat(json.status()).isEqualTo(302);
        assertThat(json.header("Location")).isEqualTo("/jobs");
    }

    @Test
    void consolePagesStayOutOfTheApiDocument() {
        String document = server.get("/openapi.json").body();
        assertThat(document).doesNotContain("/console");
        assertThat(new ConsoleBrowser(server.server.url()).get("/console/assets/htmx.min.js").status())
                .isEqualTo(200);
    }

    @Test
    void schedulesListTimingInWordsAndAWriteTokenDisablesEnablesAndTriggersOne() {
        Response created = server.withToken(admin).postJson("/api/v1/schedules", map("name", "nightly-console",
                "task", "console-remote", "allowUnknownTask", true, "cron", "0 2 * * *", "zone", "Europe/Amsterdam"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ConsoleBrowser reading = loggedIn(reader);
        Page list = reading.get("/console/schedules");
        String row = "tr[data-schedule=nightly-console]";
        assertThat(list.doc().select(row + " .timing").text()).containsIgnoringCase("02:00")
                .contains("Europe/Amsterdam");
        assertThat(list.doc().select(row + " code").text()).isEqualTo("0 2 * * *");
        assertThat(list.doc().select(row + " .schedule-state").text()).isEqualTo("enabled");
        assertThat(list.doc().select(".schedule-toggle, .schedule-trigger")).isEmpty();

        ConsoleBrowser browser = loggedIn(writer);
        Page page = browser.get("/console/schedules");
        Page disabled = browser.post("/console/schedules/nightly-console/disable",
                Map.of("csrf", ConsoleBrowser.csrf(page)));
        Page after = browser.get(disabled.location());
        assertThat(after.doc().select(row + " .schedule-state").text()).isEqualTo("disabled");
        assertThat(after.doc().select("#notice").text()).contains("Disabled schedule nightly-console");

        Page triggered = browser.post("/console/schedules/nightly-console/trigger",
                Map.of("csrf", ConsoleBrowser.csrf(after)));
        Page job = browser.get(triggered.location());
        assertThat(job.doc().select("#notice").text()).contains("Triggered schedule nightly-console");
        assertThat(job.doc().select("#schedule-link").text()).isEqualTo("nightly-console");
        assertThat(browser.get("/console/schedules").doc().select(row + " td a").eachText())
                .anyMatch(text -> text.startsWith("#"));

        Page enabled = browser.post("/console/schedules/nightly-console/enable",
                Map.of("csrf", ConsoleBrowser.csrf(job)));
        assertThat(browser.get(enabled.location()).doc().select(row + " .schedule-state").text())
                .isEqualTo("enabled");
        assertThat(browser.post("/console/schedules/nope/enable", Map.of("csrf", ConsoleBrowser.csrf(job)))
                .status()).isEqualTo(404);
    }
}
