package io.hourglass.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.hourglass.server.PostgresDatabases;
import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.server.console.ConsoleBrowser.Page;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Tasks page, the queue limit, the search and bulk cancel on PostgreSQL: the same forms through the client,
 * on the other store (its text search, bounded count and batch cancel are the PostgreSQL dialect's).
 */
class ConsoleOpsOnPostgresTest extends ServerWithRoles {
    @Override
    protected ServerConfig config(Path dataDir) {
        return ServerConfig.forTests(dataDir).withDatabase(PostgresDatabases.recreate("hourglass_console_ops", 5432),
                "postgres", null);
    }

    @Test
    void tasksQueueLimitsSearchAndBulkCancelWorkOnPostgres() {
        ConsoleBrowser browser = ConsoleTasksTest.loggedIn(server, admin);

        Page defined = ConsoleTasksTest.defineThroughTheForm(server, browser, "pg-hook");
        assertThat(defined.status()).as(defined.doc().text()).isEqualTo(303);
        Page edit = browser.get("/console/tasks/pg-hook/edit");
        ConsoleTasksTest.assertNoSecretIn(edit);
        ConsoleForms.submit(browser, edit, "#task-form", Map.of("timeout", "1m"));
        assertThat(server.server.hourglass().taskDefinition("pg-hook").orElseThrow().settings())
                .containsEntry("hmacSecret", ConsoleTasksTest.HMAC);
        ConsoleTasksTest.assertNoSecretIn(browser.get("/console/tasks/pg-hook"));

        long invoice = ConsoleJobsAndQueuesTest.enqueue(server, admin, "pg-ops", List.of("invoice-77"));
        long other = ConsoleJobsAndQueuesTest.enqueue(server, admin, "pg-ops", List.of("receipt-5"));
        assertThat(browser.get("/console/jobs?text=invoice-77").doc().select("#jobs tbody tr").eachAttr("data-job"))
                .containsExactly(Long.toString(invoice));

        Page queues = browser.get("/console/queues");
        Page limited = ConsoleForms.submit(browser, queues, "tr[data-queue=pg-ops] .limit-form",
                Map.of("concurrency", "2"));
        assertThat(browser.get(limited.location()).doc().select("#notice").text()).contains("at most 2");
        assertThat(ConsoleForms.submit(browser, queues, "tr[data-queue=pg-ops] .limit-form",
                Map.of("concurrency", "-1")).doc().select("#concurrency-error").text())
                .contains("concurrency must be >= 1, was -1");

        Page confirm = browser.get("/console/jobs/bulk/cancel?queue=pg-ops");
        assertThat(confirm.doc().select("#bulk-count").text()).startsWith("2 jobs match");
        Page done = ConsoleForms.submit(browser, confirm, "#bulk-form", Map.of());
        assertThat(browser.get(done.location()).doc().select("#notice").text()).contains("2 cancelled");
        for (long id : List.of(invoice, other)) {
            assertThat(server.withToken(reader).get("/api/v1/jobs/" + id).json().get("state").asText())
                    .isEqualTo("cancelled");
        }
    }
}
