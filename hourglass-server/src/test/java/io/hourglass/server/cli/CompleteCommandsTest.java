package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that make the CLI cover the REST API (issue 8): positional arguments, retry, attempts, overdue,
 * nodes, schedules show/update/trigger/preview, queues configure and the default end of {@code stats}, each
 * against a real server.
 */
class CompleteCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static TestServer server;

    /** A task the server knows (a server may refuse jobs of tasks nobody runs); its jobs fail fast. */
    static final String TASK = "cli-hook";

    @BeforeAll
    static void start() {
        server = TestServer.start(ServerConfig.forTests(dataDir));
        assertThat(server.putJson("/api/v1/tasks/" + TASK, TestServer.map("executor", "webhook", "settings",
                TestServer.map("url", "http://127.0.0.1:1/hook"))).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static CliRun run(String... args) {
        return CliRun.of(server.server.url(), args);
    }

    private static JsonNode json(CliRun run) throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void submitSendsPositionalArgsAndScheduleCreateToo() throws Exception {
        CliRun submitted = run("jobs", "submit", TASK, "--args", "[1, \"two\", {\"three\": 3}]",
                "--kwargs", "{\"k\": true}", "--delay", "1h");
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        JsonNode job = server.get("/api/v1/jobs/" + submitted.out().trim()).json();
        assertThat(job.get("args").toString()).isEqualTo("[1,\"two\",{\"three\":3}]");
        assertThat(job.get("kwargs").toString()).isEqualTo("{\"k\":true}");

        assertThat(run("schedules", "create", "cli-args-every", TASK, "--every", "1h", "--args", "[7]",
                "--kwargs", "{\"a\": 1}").exit()).isZero();
        JsonNode schedule = server.get("/api/v1/schedules/cli-args-every").json();
        assertThat(schedule.get("args").toString()).isEqualTo("[7]");
        assertThat(schedule.get("kwargs").toString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void retryCopiesAFinishedJobAndAttemptsListsEachAttempt() throws Exception {
        // the built-in container task ends with infra_error at once on a server without a container engine
        String id = json(run("jobs", "submit", "container", "--kwargs", "{\"image\": \"x\"}", "--json"))
                .get("jobId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> server.get("/api/v1/jobs/" + id).json()
                .get("state").asText().equals("failed"));

        CliRun attempts = run("jobs", "attempts", id);
        assertThat(attempts.out()).contains("NUMBER").contains("OWNER").contains("STARTEDAT").contains("FINISHEDAT")
                .contains("DURATION").contains("OUTCOME").contains("ERROR").contains("infra_error");
        assertThat(attempts.out().lines().skip(1).findFirst().orElseThrow()).startsWith("1 ")
                .matches(".*\\d+\\.\\d{3}s.*");
        JsonNode attemptsJson = json(run("jobs", "attempts", id, "--json"));
        assertThat(attemptsJson.isArray()).isTrue();
        assertThat(attemptsJson.get(0).get("outcome").asText()).isEqualTo("infra_error");

        CliRun retried = run("jobs", "retry", id);
        assertThat(retried.exit()).as(retried.err()).isZero();
        assertThat(retried.out()).startsWith("job " + id + " retried as job ");
        String copy = retried.out().trim().replaceAll(".* ", "");
        assertThat(server.get("/api/v1/jobs/" + copy).json().get("task").asText()).isEqualTo("container");

        String later = run("jobs", "submit", TASK, "--delay", "1h").out().trim();
        assertThat(run("jobs", "attempts", later).out()).contains("(no attempts yet)");
        assertThat(run("jobs", "retry", later).out()).contains("job " + later + " is due now");
        assertThat(run("jobs", "retry", "99999").exit()).isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
    }

    @Test
    void overdueListsDueJobsNobodyClaimed() throws Exception {
        // a queue with settings exists before it has jobs, so it can be paused before its first job is claimed
        assertThat(run("queues", "configure", "cli-overdue", "--concurrency", "1").exit()).isZero();
        assertThat(run("queues", "pause", "cli-overdue").exit()).isZero();
        String id = run("jobs", "submit", TASK, "--queue", "cli-overdue").out().trim();
        CliRun table = run("overdue");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("ID").contains("DUEAT").contains(TASK);
        JsonNode items = json(run("overdue", "--json", "--limit", "1000")).get("items");
        assertThat(items.findValuesAsText("id")).contains(id);
        assertThat(run("overdue", "--limit", "0").exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
    }

    @Test
    void nodesListsThisServersNode() throws Exception {
        CliRun table = run("nodes");
        assertThat(table.out()).contains("NAME").contains("STARTEDAT").contains("LASTHEARTBEATAT");
        JsonNode items = json(run("nodes", "--json")).get("items");
        assertThat(items).isNotEmpty();
        assertThat(table.out()).contains(items.get(0).get("name").asText());
    }

    @Test
    void workersListsAWorkerThatPoppedWithItsQueueAndTheJobsItHolds() throws Exception {
        assertThat(server.putJson("/api/v1/tasks/cli-remote", TestServer.map("executor", "remote", "queue",
                "cli-remote-q")).status()).isEqualTo(201);
        assertThat(run("jobs", "submit", "cli-remote").exit()).isZero();
        assertThat(server.postJson("/api/v1/queues/cli-remote-q/pop?limit=1", TestServer.map("worker",
                "cli-worker-1")).json().get("jobs")).hasSize(1);
        CliRun table = run("workers");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("NAME", "LASTSEENAT", "QUEUES", "JOBSHELD").contains("cli-worker-1");
        JsonNode worker = json(run("workers", "--json")).get("items").get(0);
        assertThat(worker.get("name").asText()).isEqualTo("cli-worker-1");
        assertThat(worker.get("queues").get(0).asText()).isEqualTo("cli-remote-q");
        assertThat(worker.get("jobsHeld").asInt()).isEqualTo(1);
    }

    @Test
    void schedulesShowTriggerAndPreview() throws Exception {
        assertThat(run("schedules", "create", "cli-show", TASK, "--cron", "0 3 * * *", "--zone",
                "Europe/Amsterdam", "--priority", "4").exit()).isZero();
        CliRun shown = run("schedules", "show", "cli-show");
        assertThat(shown.out()).containsPattern("cron +0 3 \\* \\* \\*").containsPattern("zone +Europe/Amsterdam")
                .containsPattern("priority +4").contains("nextFireAt");
        assertThat(json(run("schedules", "show", "cli-show", "--json")).get("task").asText())
                .isEqualTo(TASK);

        CliRun triggered = run("schedules", "trigger", "cli-show");
        assertThat(triggered.exit()).as(triggered.err()).isZero();
        JsonNode job = server.get("/api/v1/jobs/" + triggered.out().trim()).json();
        assertThat(job.get("scheduleName").asText()).isEqualTo("cli-show");

        CliRun preview = run("schedules", "preview", "cli-show", "--count", "3", "--after", "2024-01-01T00:00:00Z");
        assertThat(preview.out().lines()).containsExactly("FIREAT", "2024-01-01T02:00:00Z", "2024-01-02T02:00:00Z",
                "2024-01-03T02:00:00Z");
        assertThat(json(run("schedules", "preview", "cli-show", "--json")).get("fireTimes")).hasSize(10);
        assertThat(run("schedules", "show", "nope").exit()).isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
        assertThat(run("schedules", "trigger", "nope").exit()).isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
    }

    @Test
    void schedulesHistoryListsWhoChangedWhatNewestFirst() throws Exception {
        assertThat(run("schedules", "create", "cli-history", "nobody-runs-this", "--every", "5m",
                "--allow-unknown-task").exit()).isZero();
        CliRun updated = run("schedules", "update", "cli-history", "--every", "10m"); // keeps allowUnknownTask
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(run("schedules", "disable", "cli-history").exit()).isZero();

        CliRun history = run("schedules", "history", "cli-history");
        assertThat(history.exit()).as(history.err()).isZero();
        List<String> lines = history.out().lines().toList();
        assertThat(lines.get(0)).contains("CHANGEDAT", "ACTOR", "ACTION", "CHANGES");
        assertThat(lines.get(1)).contains("anonymous", "disabled", "enabled: true -> false");
        assertThat(lines.get(2)).contains("updated", "every: PT5M -> PT10M");
        assertThat(lines.get(3)).contains("created");
        assertThat(json(run("schedules", "history", "cli-history", "--limit", "1", "--json")).get("items"))
                .hasSize(1);
        assertThat(run("schedules", "history", "never-was").exit()).isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
    }

    @Test
    void aMatrixScheduleIsCreatedUpdatedAndPreviewedWithItsCombinations() throws Exception {
        CliRun created = run("schedules", "create", "cli-matrix", TASK, "--every", "5m", "--expires-after", "3m",
                "--matrix", "{\"partner\": [\"acme\", \"globex\"], \"browser\": [\"chrome\", \"firefox\"],"
                        + " \"exclude\": [{\"partner\": \"globex\", \"browser\": \"firefox\"}]}");
        assertThat(created.exit()).as(created.err()).isZero();
        JsonNode s = server.get("/api/v1/schedules/cli-matrix").json();
        assertThat(s.get("matrix").get("exclude")).hasSize(1);
        assertThat(s.get("expiresAfter").asText()).isEqualTo("3m");

        CliRun preview = run("schedules", "preview", "cli-matrix", "--count", "1");
        assertThat(preview.out()).contains("each fire creates 3 jobs, one per combination:")
                .contains("{\"partner\":\"globex\",\"browser\":\"chrome\"}");

        CliRun retimed = run("schedules", "update", "cli-matrix", "--every", "10m");
        assertThat(retimed.exit()).as(retimed.err()).isZero();
        JsonNode kept = server.get("/api/v1/schedules/cli-matrix").json();
        assertThat(kept.get("every").asText()).isEqualTo("PT10M");
        assertThat(kept.get("matrix").get("partner")).hasSize(2);
        assertThat(kept.get("matrix").get("exclude")).hasSize(1);
        assertThat(kept.get("expiresAfter").asText()).isEqualTo("3m");

        assertThat(run("schedules", "update", "cli-matrix", "--matrix", "{\"partner\": [\"acme\"]}").exit()).isZero();
        assertThat(server.get("/api/v1/schedules/cli-matrix").json().get("matrix").toString())
                .isEqualTo("{\"partner\":[\"acme\"]}");

        CliRun refused = run("schedules", "create", "cli-matrix-bad", TASK, "--every", "5m", "--matrix",
                "{\"partner\": []}");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("matrix.partner");
    }

    @Test
    void scheduleUpdateChangesOnlyTheGivenOptionsAndKeepsItDisabled() throws Exception {
        assertThat(run("schedules", "create", "cli-update", TASK, "--cron", "0 3 * * *", "--zone",
                "Europe/Amsterdam", "--kwargs", "{\"keep\": 1}", "--queue", "cli-update-q").exit()).isZero();
        assertThat(run("schedules", "disable", "cli-update").exit()).isZero();

        CliRun updated = run("schedules", "update", "cli-update", "--cron", "0 4 * * *", "--priority", "9");
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(updated.out()).startsWith("schedule cli-update updated");
        JsonNode s = server.get("/api/v1/schedules/cli-update").json();
        assertThat(s.get("cron").asText()).isEqualTo("0 4 * * *");
        assertThat(s.get("zone").asText()).isEqualTo("Europe/Amsterdam");
        assertThat(s.get("priority").asInt()).isEqualTo(9);
        assertThat(s.get("kwargs").toString()).isEqualTo("{\"keep\":1}");
        assertThat(s.get("queue").asText()).isEqualTo("cli-update-q");
        assertThat(s.get("task").asText()).isEqualTo(TASK);
        assertThat(s.get("enabled").asBoolean()).isFalse();

        assertThat(run("schedules", "update", "cli-update", "--every", "5m", "--task", "container").exit()).isZero();
        s = server.get("/api/v1/schedules/cli-update").json();
        assertThat(s.get("every").asText()).isEqualTo("PT5M");
        assertThat(s.hasNonNull("cron")).isFalse();
        assertThat(s.hasNonNull("zone")).isFalse();
        assertThat(s.get("task").asText()).isEqualTo("container");
        assertThat(s.get("enabled").asBoolean()).isFalse();

        CliRun nothing = run("schedules", "update", "cli-update");
        assertThat(nothing.exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(nothing.err()).contains("give at least one option");
        assertThat(run("schedules", "update", "nope", "--every", "1m").exit())
                .isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
        CliRun refused = run("schedules", "update", "cli-update", "--zone", "UTC");
        assertThat(refused.exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
        assertThat(refused.err()).contains("zone");
    }

    @Test
    void queuesConfigureKeepsLimitsNotGivenAndNoneRemovesOne() throws Exception {
        CliRun first = run("queues", "configure", "cli-conf", "--concurrency", "3", "--max-size", "100");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("queue cli-conf: concurrency 3, max size 100, bypass priority none\n");
        assertThat(run("queues", "configure", "cli-conf", "--bypass-priority", "10").exit()).isZero();
        JsonNode q = server.get("/api/v1/queues/cli-conf").json();
        assertThat(q.get("concurrency").asInt()).isEqualTo(3);
        assertThat(q.get("maxSize").asInt()).isEqualTo(100);
        assertThat(q.get("bypassPriority").asInt()).isEqualTo(10);

        assertThat(run("queues", "configure", "cli-conf", "--concurrency", "none").exit()).isZero();
        q = server.get("/api/v1/queues/cli-conf").json();
        assertThat(q.get("concurrency").isNull()).isTrue();
        assertThat(q.get("maxSize").asInt()).isEqualTo(100);
        assertThat(run("queues", "list").out()).contains("BYPASSPRIORITY").contains("cli-conf");

        CliRun bad = run("queues", "configure", "cli-conf", "--max-size", "lots");
        assertThat(bad.exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(bad.err()).contains("--max-size must be a whole number or none");
        assertThat(run("queues", "configure", "cli-conf").exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(run("queues", "configure", "cli-conf", "--concurrency", "0").exit())
                .isEqualTo(HourglassCommand.EXIT_REFUSED);
    }

    @Test
    void statsToDefaultsToNowAlsoWhenFromIsGiven() throws Exception {
        Instant before = Clock.systemUTC().instant();
        JsonNode stats = json(run("stats", "--from", before.minusSeconds(7200).toString(), "--json"));
        Instant after = Clock.systemUTC().instant();
        Instant to = Instant.parse(stats.get("to").asText());
        assertThat(to).isBetween(before, after);
    }
}
