package io.hourglass.server.console;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.console.ConsoleBrowser.Page;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Matrix schedules, outcome rules and expiry in the console, over HTTP without JavaScript on a real server; run on
 * H2 ({@link MatrixConsoleOnH2Test}) and PostgreSQL ({@link MatrixConsoleOnPostgresTest}). The checks of the grid
 * are run by a remote worker played by the test, so each cell ends exactly as the test reports it.
 */
abstract class MatrixConsoleContract extends ServerWithRoles {
    static final String MATRIX = "{\"partner\": [\"acme\", \"globex\"], \"browser\": [\"chrome\", \"firefox\"]}";
    private static ConsoleBrowser loggedIn(String token) {
        return ConsoleTasksTest.loggedIn(server, token);
    }

    private Page submitNew(ConsoleBrowser browser, Map<String, String> changes) {
        Map<String, String> form = ScheduleEditorContract.formOf(browser.get("/console/new/schedule"));
        form.putAll(changes);
        return browser.post("/console/new/schedule", form);
    }

    private static Map<String, String> checks(String name, String matrix) {
        Map<String, String> m = new HashMap<>(Map.of("name", name, "task", "grid-anything", "kind", "every",
                "every", "1h", "allowUnknownTask", "true", "expiresAfter", "3m"));
        m.put("matrix", matrix);
        return m;
    }

    @Test
    void theFormCreatesAMatrixScheduleAndItsPreviewShowsTheCombinations() {
        ConsoleBrowser browser = loggedIn(writer);
        Map<String, String> form = ScheduleEditorContract.formOf(browser.get("/console/new/schedule"));
        form.putAll(checks("form-matrix", MATRIX));
        Page preview = browser.post("/console/schedules/preview", form);
        assertThat(preview.doc().select("#preview-combinations-count").text()).contains("4 jobs");
        assertThat(preview.doc().select("#preview-combinations li").eachText()).containsExactly(
                "partner=acme, browser=chrome", "partner=acme, browser=firefox", "partner=globex, browser=chrome",
                "partner=globex, browser=firefox");

        Page saved = submitNew(browser, checks("form-matrix", MATRIX));

        assertThat(saved.status()).as(saved.doc().text()).isEqualTo(303);
        JsonNode stored = server.withToken(reader).get("/api/v1/schedules/form-matrix").json();
        assertThat(stored.get("matrix").get("browser")).hasSize(2);
        assertThat(stored.get("expiresAfter").asText()).isEqualTo("3m");
        Page edit = browser.get("/console/schedules/form-matrix/edit");
        assertThat(edit.doc().select("#field-matrix").text()).contains("\"partner\":[\"acme\",\"globex\"]");
        assertThat(edit.doc().select("#field-expiresAfter").attr("value")).isEqualTo("3m");
        Page detail = browser.get("/console/schedules/form-matrix");
        assertThat(detail.doc().select("#matrix-grid td[data-status=none]")).hasSize(4);
    }

    @Test
    void aBadMatrixIsRefusedNextToItsFieldWithTheApisMessageAndNothingIsSaved() {
        Page refused = submitNew(loggedIn(writer), checks("bad-matrix", "{\"partner\": []}"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.doc().select("#matrix-error").text()).contains("matrix.partner")
                .contains("needs at least one value");
        assertThat(refused.doc().select("#field-matrix").text()).isEqualTo("{\"partner\": []}");
        Map<String, String> stale = checks("bad-expiry", MATRIX);
        stale.put("expiresAfter", "soon");
        Page badDuration = submitNew(loggedIn(writer), stale);
        assertThat(badDuration.status()).isEqualTo(422);
        assertThat(badDuration.doc().select("#expiresAfter-error").text()).contains("soon");
        assertThat(server.withToken(reader).get("/api/v1/schedules/bad-expiry").status()).isEqualTo(404);
        assertThat(server.withToken(reader).get("/api/v1/schedules/bad-matrix").status()).isEqualTo(404);
    }

    /** Fires a four-cell matrix once and has the test's worker end three cells: ok, failed, infra (by a rule). */
    private Map<String, Long> firedGrid(String name, String queue) {
        return fireGrid(server.withToken(admin), name, queue);
    }

    /** As {@link #firedGrid}, for the browser test too: {@code api} has an admin token (it defines the task). */
    static Map<String, Long> fireGrid(TestServer api, String name, String queue) {
        assertThat(api.putJson("/api/v1/tasks/" + name + "-check", map("executor", "remote", "queue", queue,
                "retry", map("maxAttempts", 1), "outcomeRules", List.of(map("match", map("outcome", "succeeded",
                        "output", "SessionNotCreated"), "then", "infra_error")))).status()).isEqualTo(201);
        Response created = api.postJson("/api/v1/schedules", map("name", name, "task", name + "-check", "every",
                "1h", "matrix", map("partner", List.of("acme", "globex"), "browser", List.of("chrome", "firefox"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.postJson("/api/v1/schedules/" + name + "/trigger", map()).status()).isEqualTo(201);
        JsonNode popped = await().atMost(Duration.ofSeconds(30)).until(() -> api.postJson("/api/v1/queues/" + queue
                + "/pop?limit=4", map("worker", "grid-worker", "leaseSeconds", 300)).json().get("jobs"),
                jobs -> jobs.size() == 4);
        Map<String, Long> ids = new HashMap<>();
        for (JsonNode job : popped) {
            String cell = job.get("kwargs").get("partner").asText() + "/" + job.get("kwargs").get("browser").asText();
            long id = job.get("id").asLong();
            ids.put(cell, id);
            Response r = switch (cell) {
                case "acme/chrome" -> api.postJson("/api/v1/jobs/" + id + "/complete", map("worker", "grid-worker",
                        "attempt", 1, "output", "logged in"));
                case "acme/firefox" -> api.postJson("/api/v1/jobs/" + id + "/fail", map("worker", "grid-worker",
                        "attempt", 1, "outcome", "failed", "message", "wrong password"));
                case "globex/chrome" -> api.postJson("/api/v1/jobs/" + id + "/complete", map("worker",
                        "grid-worker", "attempt", 1, "output", "SessionNotCreatedException: no chrome"));
                default -> null; // globex/firefox stays running
            };
            assertThat(r == null || r.status() == 200).as(r == null ? "" : r.body()).isTrue();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/jobs/" + ids.get("globex/chrome"))
                .json().get("state").asText().equals("failed"));
        return ids;
    }

    @Test
    void theGridShowsEachCellsLastOutcomeWithInfrastructureFailuresApartAndRetriesTheFailedCells() {
        Map<String, Long> ids = firedGrid("grid-checks", "grid-q");
        ConsoleBrowser browser = loggedIn(writer);

        Page page = browser.get("/console/schedules/grid-checks");

        assertThat(page.doc().select("#matrix-grid thead th").eachText()).containsExactly("partner",
                "browser=chrome", "browser=firefox");
        assertThat(page.doc().select("#matrix-grid tbody th").eachText()).containsExactly("acme", "globex");
        assertThat(page.doc().select("#matrix-grid td.cell").eachAttr("data-status")).containsExactly("succeeded",
                "failed", "infra", "pending");
        assertThat(page.doc().select("td[data-cell='partner=globex, browser=chrome'] .outcome").text())
                .isEqualTo("infra_error");
        assertThat(page.doc().select("td[data-cell='partner=acme, browser=firefox'] a").attr("href"))
                .isEqualTo("/console/jobs/" + ids.get("acme/firefox"));
        assertThat(page.doc().select("#retry-failed").text()).contains("(2)");

        Page confirm = browser.get("/console/schedules/grid-checks/retry-failed");
        assertThat(confirm.doc().select("#retry-count").text()).contains("2 cells");
        assertThat(confirm.doc().select("#retry-cells li")).hasSize(2);
        Page retried = browser.post("/console/schedules/grid-checks/retry-failed",
                Map.of("csrf", ConsoleBrowser.csrf(confirm)));

        assertThat(retried.status()).isEqualTo(303);
        Page after = browser.get(retried.location());
        assertThat(after.doc().select("#notice").text()).contains("Retried 2 failed cells")
                .contains("partner=acme, browser=firefox → #").contains("partner=globex, browser=chrome → #");
        JsonNode copies = server.withToken(reader).get("/api/v1/jobs?task=grid-checks-check&state=scheduled").json()
                .get("items");
        assertThat(copies).hasSize(2);
    }

    @Test
    void aRetriedMatrixJobKeepsItsCellInTheApiAndOnItsPageWhetherRetriedAloneOrInBulk() {
        Map<String, Long> ids = firedGrid("cell-grid", "cell-grid-q");
        TestServer api = server.withToken(writer);
        String acmeFirefox = "{\"browser\":\"firefox\",\"partner\":\"acme\"}";
        assertThat(api.get("/api/v1/jobs/" + ids.get("acme/firefox")).json().get("cell").toString())
                .as("the API shows the cell as an object").isEqualTo(acmeFirefox);

        Response alone = api.postJson("/api/v1/jobs/" + ids.get("acme/firefox") + "/retry", map());
        assertThat(alone.status()).as(alone.body()).isEqualTo(201);
        JsonNode copy = api.get("/api/v1/jobs/" + alone.json().get("jobId").asLong()).json();
        assertThat(copy.get("cell").toString()).isEqualTo(acmeFirefox);
        assertThat(copy.get("scheduleName").isNull()).as("a copy is no fire of the schedule").isTrue();
        assertThat(loggedIn(reader).get("/console/jobs/" + copy.get("id").asLong()).doc().select("#cell").text())
                .isEqualTo(acmeFirefox);

        Response bulk = api.postJson("/api/v1/jobs/retry?task=cell-grid-check&state=failed&limit=100", map());
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
        assertThat(bulk.json().get("applied").asInt()).as(bulk.body()).isEqualTo(2);
        JsonNode copies = api.get("/api/v1/jobs?task=cell-grid-check&state=scheduled").json().get("items");
        assertThat(copies).hasSize(3);
        for (JsonNode job : copies) {
            JsonNode kwargs = job.get("kwargs");
            assertThat(job.get("cell").toString()).as(job.toString()).isEqualTo("{\"browser\":\""
                    + kwargs.get("browser").asText() + "\",\"partner\":\"" + kwargs.get("partner").asText() + "\"}");
        }
    }

    @Test
    void aReadUserSeesTheGridButNoRetryAndItsForgedOrTokenlessPostsAreRefused() {
        firedGrid("guarded-grid", "guarded-grid-q");
        ConsoleBrowser reading = loggedIn(reader);
        Page page = reading.get("/console/schedules/guarded-grid");
        assertThat(page.doc().select("#matrix-grid td.cell")).hasSize(4);
        assertThat(page.doc().select("#retry-failed")).isEmpty();
        assertThat(reading.get("/console/schedules/guarded-grid/retry-failed").status()).isEqualTo(403);
        assertThat(reading.post("/console/schedules/guarded-grid/retry-failed",
                Map.of("csrf", ConsoleBrowser.csrf(page))).status()).isEqualTo(403);
        ConsoleBrowser writing = loggedIn(writer);
        assertThat(writing.post("/console/schedules/guarded-grid/retry-failed", Map.of()).status()).isEqualTo(403);
        assertThat(server.withToken(reader).get("/api/v1/jobs?task=guarded-grid-check&state=scheduled").json()
                .get("items")).isEmpty();
    }

    @Test
    void aJobPageShowsWhatTheWorkerReportedAndTheRuleThatReclassifiedIt() {
        Map<String, Long> ids = firedGrid("rules-grid", "rules-grid-q");
        Page job = loggedIn(reader).get("/console/jobs/" + ids.get("globex/chrome"));
        assertThat(job.doc().select(".attempt .reclassified").text())
                .isEqualTo("reported succeeded → infra_error by outcomeRules[0]");
        assertThat(loggedIn(reader).get("/console/jobs/" + ids.get("acme/firefox")).doc().select(".reclassified"))
                .isEmpty();
    }

    @Test
    void anExpiredJobShowsItsReasonAndIsCountedAndFilteredAsExpired() {
        TestServer api = server.withToken(admin);
        assertThat(api.putJson("/api/v1/queues/grid-held", map("concurrency", 1)).status()).isEqualTo(200);
        assertThat(api.postJson("/api/v1/queues/grid-held/pause", map()).status()).isEqualTo(200);
        long id = api.postJson("/api/v1/jobs", map("task", "container", "queue", "grid-held", "kwargs",
                map("image", "alpine:3"), "expiresAfter", "100ms")).json().get("jobId").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/jobs/" + id).json().get("state").asText().equals("expired"));
        ConsoleBrowser browser = loggedIn(reader);

        Page job = browser.get("/console/jobs/" + id);
        assertThat(job.doc().select("#job-state").text()).isEqualTo("expired");
        assertThat(job.doc().select("#expired-reason").text()).startsWith("expired: not started");
        Page list = browser.get("/console/jobs?state=expired");
        assertThat(list.doc().select("#states option").eachAttr("value")).contains("expired");
        assertThat(list.doc().select("tr[data-job=" + id + "]")).hasSize(1);
        assertThat(browser.get("/console").doc().select("#states .tile.state-expired .count").text())
                .isNotEqualTo("0");
    }
}
