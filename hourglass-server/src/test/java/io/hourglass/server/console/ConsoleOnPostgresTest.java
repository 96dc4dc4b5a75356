package io.hourglass.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hourglass.server.PostgresDatabases;
import io.hourglass.server.ServerWithRoles;
import io.hourglass.server.config.ServerConfig;
import io.hourglass.server.console.ConsoleBrowser.Page;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's pages and an action on PostgreSQL: the same reads through the client, on the other store. */
class ConsoleOnPostgresTest extends ServerWithRoles {
    @Override
    protected ServerConfig config(Path dataDir) {
        return ServerConfig.forTests(dataDir).withDatabase(PostgresDatabases.recreate("hourglass_console", 5432),
                "postgres", null);
    }

    @Test
    void pagesAndActionsWorkOnPostgres() {
        long later = ConsoleTest.enqueueLater(server, writer, "pg-queue", Map.of("k", "v"));
        long failed = ConsoleTest.failedJob(server, writer, "pg-fail", "pg failure");
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        Page overview = browser.login("/console", writer);
        assertThat(overview.doc().select("#failures").text()).contains("#" + failed).contains("pg failure");
        assertThat(overview.doc().select("#queues td a").eachText()).contains("pg-queue");

        Page list = browser.get("/console/jobs?queue=pg-queue");
        assertThat(list.doc().select("#jobs tbody tr").eachAttr("data-job")).containsExactly(Long.toString(later));
        assertThat(browser.get("/console/jobs?outcome=nope").doc().select("#outcome-error").text())
                .contains("unknown outcome 'nope'");

        Page job = browser.get("/console/jobs/" + later);
        Page cancelled = browser.post("/console/jobs/" + later + "/cancel",
                Map.of("csrf", ConsoleBrowser.csrf(job)));
        assertThat(browser.get(cancelled.location()).doc().select("#job-state").text()).isEqualTo("cancelled");

        Page queues = browser.get("/console/queues");
        Page paused = browser.post("/console/queues/pg-queue/pause", Map.of("csrf", ConsoleBrowser.csrf(queues)));
        assertThat(browser.get(paused.location()).doc().select("tr[data-queue=pg-queue] .queue-state").text())
                .isEqualTo("paused");
        assertThat(browser.get("/console/overdue").status()).isEqualTo(200);
    }

    @Test
    void liveUpdatesTheChartAndTheNodesPageWorkOnPostgres() {
        ConsoleLiveTest.aWatchedJobPageHearsItsJobRunAndFinish(server, writer, "pg-live");
        ConsoleBrowser browser = new ConsoleBrowser(server.server.url());
        Page overview = browser.login("/console", writer);
        // the chart's figures are shared for up to ten seconds: the attempt shows within that
        await().atMost(Duration.ofSeconds(15)).until(() ->
                browser.get("/console").doc().select("#attempts th").eachText().contains("succeeded"));
        assertThat(overview.doc().select("#start-latency").text()).contains("p99");
        assertThat(browser.get("/console/overview/attempts?window=day").raw().body())
                .contains("\"bucketSeconds\":300").contains("\"succeeded\":[");
        Page nodes = browser.get("/console/nodes");
        assertThat(nodes.doc().select("#nodes .state").text()).isEqualTo("alive");
        assertThat(nodes.doc().select("tr[data-worker=live-worker]")).hasSize(1);
    }
}
