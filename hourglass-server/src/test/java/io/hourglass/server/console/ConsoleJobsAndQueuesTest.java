package io.hourglass.server.console;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.TestServer;
import io.hourglass.server.console.ConsoleBrowser.Page;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The jobs list's search, time ranges and bulk actions, and the queues' concurrency limit, on H2: what each role
 * is offered, what the server refuses, and bad input shown with the API's message.
 */
class ConsoleJobsAndQueuesTest extends ServerWithRoles {
    static long enqueue(TestServer server, String token, String queue, List<Object> args) {
        return server.withToken(token).postJson("/api/v1/jobs", map("task", "console-remote", "queue", queue,
                "allowUnknownTask", true, "delay", "PT1H", "args", args)).json().get("jobId").asLong();
    }

    private static List<String> rows(Page page) {
        return page.doc().select("#jobs tbody tr").eachAttr("data-job");
    }

    @Test
    void theSearchFindsJobsByArgumentTextAndById() {
        long invoice = enqueue(server, admin, "search-queue", List.of("invoice-9911"));
        long other = enqueue(server, admin, "search-queue", List.of("receipt-1"));
        ConsoleBrowser browser = ConsoleTasksTest.loggedIn(server, reader);

        Page byText = browser.get("/console/jobs?text=invoice-99");
        Page byId = browser.get("/console/jobs?text=" + other);

        assertThat(rows(byText)).containsExactly(Long.toString(invoice));
        assertThat(byText.doc().select("#filter-text").val()).isEqualTo("invoice-99");
        assertThat(rows(byId)).containsExactly(Long.toString(other));
    }

    @Test
    void timeRangesTakeDatetimeLocalValuesAsUtcAndIsoInstants() {
        long job = enqueue(server, admin, "range-queue", List.of());
        ConsoleBrowser browser = ConsoleTasksTest.loggedIn(server, reader);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String local = now.minusSeconds(3600).toString().replace("Z", "");

        Page local1 = browser.get("/console/jobs?queue=range-queue&createdFrom=" + local.substring(0, 16));
        Page iso = browser.get("/console/jobs?queue=range-queue&createdFrom=" + now.minusSeconds(3600)
                + "&dueTo=" + now.plusSeconds(7200));
        Page none = browser.get("/console/jobs?queue=range-queue&createdFrom=" + now.plusSeconds(3600));
        Page bad = browser.get("/console/jobs?createdFrom=" + now + "&createdTo=" + now.minusSeconds(60));
        Page malformed = browser.get("/console/jobs?dueFrom=tomorrow");

        assertThat(rows(local1)).containsExactly(Long.toString(job));
        assertThat(local1.doc().select("#filter-createdFrom").attr("type")).isEqualTo("datetime-local");
        assertThat(rows(iso)).containsExactly(Long.toString(job));
        assertThat(iso.doc().select("#filter-createdFrom").val()).isEqualTo(local);
        assertThat(rows(none)).isEmpty();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.doc().select("#createdTo-error").text()).contains("must be after createdFrom");
        assertThat(malformed.doc().select("#dueFrom-error").text()).isEqualTo(server.withToken(reader)
                .get("/api/v1/jobs?dueFrom=tomorrow").json().get("message").asText());
    }

    @Test
    void bulkCancelConfirmsHowManyThenCancelsThoseAndLeavesNewerJobsAlone() {
        long first = enqueue(server, admin, "bulk-queue", List.of());
        long second = enqueue(server, admin, "bulk-queue", List.of());
        ConsoleBrowser browser = ConsoleTasksTest.loggedIn(server, writer);
        Page list = browser.get("/console/jobs?queue=bulk-queue&state=scheduled");
        String confirmLink = list.doc().select("#bulk-cancel").attr("href");
        assertThat(confirmLink).isEqualTo("/console/jobs/bulk/cancel?state=scheduled&queue=bulk-queue");

        Page confirm = browser.get(confirmLink);
        assertThat(confirm.doc().select("#bulk-count").text()).startsWith("2 jobs match");
        assertThat(confirm.doc().select("#bulk-confirm").text()).isEqualTo("Cancel 2 jobs");
        long newer = enqueue(server, admin, "bulk-queue", List.of());
        Page done = ConsoleForms.submit(browser, confirm, "#bulk-form", Map.of());

        assertThat(done.status()).isEqualTo(303);
        Page after = browser.get(done.location());
        assertThat(after.doc().select("#notice").text()).isEqualTo("Cancel: 2 matching jobs, 2 cancelled or asked to"
                + " stop.");
        assertThat(rows(after)).containsExactly(Long.toString(newer));
        for (long id : List.of(first, second)) {
            assertThat(server.withToken(reader).get("/api/v1/jobs/" + id).json().get("state").asText())
                    .isEqualTo("cancelled");
        }
    }

    @Test
    void bulkRetryCopiesTheMatchingFinishedJobs() {
        long job = enqueue(server, admin, "bulk-retry-queue", List.of("again"));
        server.withToken(admin).postJson("/api/v1/jobs/" + job + "/cancel", Map.of());
        ConsoleBrowser browser = ConsoleTasksTest.loggedIn(server, writer);

        Page confirm = browser.get("/console/jobs/bulk/retry?queue=bulk-retry-queue");
        assertThat(confirm.doc().select("#bulk-states").text()).isEqualTo("cancelled, failed");
        Page done = ConsoleForms.submit(browser, confirm, "#bulk-form", Map.of());

        assertThat(browser.get(done.location()).doc().select("#notice").text()).contains("1 retried");
        assertThat(server.withToken(reader).get("/api/v1/jobs/count?queue=bulk-retry-queue&state=scheduled").json()
                .get("count").asLong()).isEqualTo(1);
    }

    @Test
    void aBulkActionOnNothingOffersNoButtonAndReadersAreRefused() {
        ConsoleBrowser writing = ConsoleTasksTest.loggedIn(server, writer);
        Page nothing = writing.get("/console/jobs/bulk/cancel?queue=no-such-queue");
        assertThat(nothing.doc().select("#bulk-none")).isNotEmpty();
        assertThat(nothing.doc().select("#bulk-form")).isEmpty();
        Page finishedOnly = writing.get("/console/jobs/bulk/cancel?state=succeeded");
        assertThat(finishedOnly.doc().select("#bulk-states").text()).isEqualTo("none");
        assertThat(writing.get("/console/jobs/bulk/cancel?state=nope").doc().select("#query-error").text())
                .contains("unknown state 'nope'");

        long job = enqueue(server, admin, "bulk-ro-queue", List.of());
        ConsoleBrowser reading = ConsoleTasksTest.loggedIn(server, reader);
        Page list = reading.get("/console/jobs?queue=bulk-ro-queue");
        assertThat(list.doc().select("#bulk-actions")).isEmpty();
        assertThat(reading.get("/console/jobs/bulk/cancel?queue=bulk-ro-queue").status()).isEqualTo(403);
        assertThat(reading.post("/console/jobs/bulk/cancel", Map.of("csrf", ConsoleBrowser.csrf(list), "queue",
                "bulk-ro-queue")).status()).isEqualTo(403);
        assertThat(writing.post("/console/jobs/bulk/cancel", Map.of("queue", "bulk-ro-queue")).status())
                .isEqualTo(403);
        assertThat(server.withToken(reader).get("/api/v1/jobs/" + job).json().get("state").asText())
                .isEqualTo("scheduled");
    }

    @Test
    void anAdminSetsAQueuesConcurrencyLimitAndBadValuesShowTheApisMessage() {
        enqueue(server, admin, "limit-queue", List.of());
        ConsoleBrowser browser = ConsoleTasksTest.loggedIn(server, admin);
        Page queues = browser.get("/console/queues");
        String form = "tr[data-queue=limit-queue] .limit-form";
        assertThat(queues.doc().select(form)).hasSize(1);

        Page saved = ConsoleForms.submit(browser, queues, form, Map.of("concurrency", "3"));
        Page after = browser.get(saved.location());
        assertThat(after.doc().select("#notice").text()).contains("at most 3 of its jobs run at once");
        assertThat(after.doc().select(form + " input[name=concurrency]").val()).isEqualTo("3");
        assertThat(server.withToken(reader).get("/api/v1/queues/limit-queue").json().get("concurrency").asInt())
                .isEqualTo(3);

        String api = server.withToken(admin).putJson("/api/v1/queues/limit-queue", map("concurrency", 0)).json()
                .get("message").asText();
        Page zero = ConsoleForms.submit(browser, after, form, Map.of("concurrency", "0"));
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.doc().select("#concurrency-error").text()).isEqualTo(api);
        assertThat(zero.doc().select(form + " input[name=concurrency]").val()).isEqualTo("0");
        Page words = ConsoleForms.submit(browser, after, form, Map.of("concurrency", "three"));
        assertThat(words.doc().select("#concurrency-error").text()).contains("whole number").contains("'three'");
        assertThat(server.withToken(reader).get("/api/v1/queues/limit-queue").json().get("concurrency").asInt())
                .isEqualTo(3);

        Page unlimited = ConsoleForms.submit(browser, after, form, Map.of("concurrency", ""));
        assertThat(browser.get(unlimited.location()).doc().select("#notice").text()).contains("no concurrency limit");
        assertThat(server.withToken(reader).get("/api/v1/queues/limit-queue").json().get("concurrency").isNull())
                .isTrue();
    }

    @Test
    void readAndWriteUsersSeeTheLimitReadOnlyAndAForgedPostIsRefused() {
        enqueue(server, admin, "limit-ro-queue", List.of());
        for (String token : new String[] {reader, writer}) {
            ConsoleBrowser browser = ConsoleTasksTest.loggedIn(server, token);
            Page queues = browser.get("/console/queues");
            assertThat(queues.doc().select(".limit-form")).isEmpty();
            assertThat(queues.doc().select("tr[data-queue=limit-ro-queue] .queue-limit").text()).isEqualTo("no limit");
            assertThat(browser.post("/console/queues/limit-ro-queue/limit", Map.of("csrf",
                    ConsoleBrowser.csrf(queues), "concurrency", "1")).status()).isEqualTo(403);
        }
        ConsoleBrowser owner = ConsoleTasksTest.loggedIn(server, admin);
        assertThat(owner.post("/console/queues/limit-ro-queue/limit", Map.of("concurrency", "1")).status())
                .isEqualTo(403);
        assertThat(owner.post("/console/queues/nope/limit", Map.of("csrf", ConsoleBrowser.csrf(
                owner.get("/console/queues")), "concurrency", "1")).status()).isEqualTo(404);
        assertThat(server.withToken(reader).get("/api/v1/queues/limit-ro-queue").json().get("concurrency").isNull())
                .isTrue();
    }
}
