package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI client commands against a real server: tables by default, JSON with --json, meaningful exit codes. */
class ClientCommandsTest {
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

    private static CliRun run(String... args) {
        return CliRun.of(server.server.url(), args);
    }

    @Test
    void submitListShowAndCancelAJob() throws Exception {
        CliRun submitted = run("jobs", "submit", "cli-task", "--kwargs", "{\"a\":1}", "--queue", "cli-q",
                "--delay", "PT1H", "--allow-unknown-task");
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String id = submitted.out().trim();
        assertThat(id).matches("[0-9]+");
        CliRun table = run("jobs", "list", "--task", "cli-task");
        assertThat(table.out()).contains("ID").contains("TASK").contains("cli-task").contains("scheduled");
        JsonNode json = new ObjectMapper().readTree(run("jobs", "list", "--task", "cli-task", "--json").out());
        assertThat(json.get("items").get(0).get("id").asText()).isEqualTo(id);
        assertThat(run("jobs", "show", id).out()).contains("cli-q");
        assertThat(run("jobs", "cancel", id).out()).contains("cancelled");
        CliRun again = run("jobs", "cancel", id);
        assertThat(again.exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
        assertThat(again.err()).contains("already finished");
    }

    @Test
    void submitOfUnknownTaskIsRefusedUnlessAllowed() {
        CliRun refused = run("jobs", "submit", "cli-nobody-runs");
        assertThat(refused.exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
        assertThat(refused.err()).contains("cli-nobody-runs", "allowUnknownTask");
        assertThat(run("jobs", "submit", "cli-nobody-runs", "--allow-unknown-task").exit()).isZero();
    }

    @Test
    void unknownJobExitsWithNotFound() {
        CliRun r = run("jobs", "show", "99999");
        assertThat(r.exit()).isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("99999");
    }

    @Test
    void schedulesAndQueuesFromTheCommandLine() {
        assertThat(run("schedules", "create", "cli-every", "cli-task", "--every", "1h", "--allow-unknown-task")
                .exit()).isZero();
        assertThat(run("schedules", "list").out()).contains("cli-every").contains("PT1H");
        assertThat(run("schedules", "disable", "cli-every").out()).contains("disabled");
        assertThat(run("schedules", "enable", "cli-every").out()).contains("enabled");
        CliRun badCron = run("schedules", "create", "bad", "t", "--cron", "not a cron");
        assertThat(badCron.exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
        CliRun twoTimings = run("schedules", "create", "bad", "t", "--cron", "0 * * * *", "--every", "5m");
        assertThat(twoTimings.exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(twoTimings.err()).contains("give one of --cron, --every or --once, not 2");
        assertThat(run("schedules", "create", "bad", "t").exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(run("schedules", "update", "cli-every", "--once", "2030-01-01T00:00:00Z", "--every", "5m")
                .exit()).isEqualTo(HourglassCommand.EXIT_USAGE);
        assertThat(run("schedules", "delete", "cli-every").exit()).isZero();
        assertThat(run("schedules", "delete", "cli-every").exit()).isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
        run("jobs", "submit", "cli-task", "--queue", "cli-paused", "--delay", "PT1H", "--allow-unknown-task");
        assertThat(run("queues", "pause", "cli-paused").out()).contains("paused");
        assertThat(run("queues", "list").out()).contains("cli-paused").contains("true");
        assertThat(run("queues", "resume", "cli-paused").exit()).isZero();
    }

    @Test
    void tasksAreListedDefinedShownAndDeleted(@TempDir Path files) throws Exception {
        assertThat(run("tasks", "list").out()).contains("NAME").contains("SOURCE").contains("container")
                .contains("code");
        CliRun defined = run("tasks", "define", "cli-hook", "--executor", "webhook", "--settings",
                "{\"url\": \"http://127.0.0.1:1/hook\", \"hmacSecret\": \"0123456789abcdef0123\"}",
                "--queue", "cli-hooks", "--timeout", "30s");
        assertThat(defined.exit()).as(defined.err()).isZero();
        assertThat(defined.out()).contains("task cli-hook defined (version 1");
        CliRun shown = run("tasks", "show", "cli-hook");
        assertThat(shown.out()).contains("webhook").contains("cli-hooks").contains("30s").contains("settings: ")
                .contains("***").doesNotContain("0123456789abcdef0123");
        JsonNode json = new ObjectMapper().readTree(run("tasks", "show", "cli-hook", "--json").out());
        assertThat(json.get("version").asLong()).isEqualTo(1);

        Path file = files.resolve("task.json");
        Files.writeString(file, "{\"executor\": \"webhook\", \"settings\": {\"url\": \"http://127.0.0.1:1/v2\"},"
                + " \"retry\": {\"maxAttempts\": 2}}");
        CliRun replaced = run("tasks", "define", "cli-hook", "--file", file.toString(), "--expected-version", "1");
        assertThat(replaced.out()).as(replaced.err()).contains("replaced (version 2");
        CliRun stale = run("tasks", "define", "cli-hook", "--file", file.toString(), "--expected-version", "1");
        assertThat(stale.exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
        assertThat(stale.err()).contains("version 2");

        CliRun refused = run("tasks", "define", "cli-bad", "--executor", "webhook", "--settings", "{}");
        assertThat(refused.exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
        assertThat(refused.err()).contains("settings.url");
        assertThat(run("tasks", "define", "cli-bad", "--executor", "webhook", "--settings", "[1]").err())
                .contains("--settings must be a JSON object");
        assertThat(run("tasks", "define", "cli-bad", "--settings", "{}").err()).contains("--executor");

        assertThat(run("tasks", "delete", "cli-hook").out()).contains("task cli-hook deleted");
        assertThat(run("tasks", "delete", "cli-hook").exit()).isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
        assertThat(run("tasks", "show", "cli-hook").exit()).isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
        assertThat(run("tasks", "delete", "container").exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
    }

    @Test
    void statsPrintsJobsByStateAndOutcomesPerBucket() throws Exception {
        run("jobs", "submit", "cli-stats", "--delay", "PT1H", "--allow-unknown-task");
        CliRun quiet = run("stats", "--bucket", "1d", "--from", "2024-05-01T00:00:00Z", "--to", "2024-05-02T00:00:00Z");
        assertThat(quiet.out()).contains("scheduled").contains("(no attempt ended in this range)");
        // the built-in container task ends with infra_error at once on a server without a container engine
        String failed = run("jobs", "submit", "container", "--kwargs", "{\"image\":\"x\"}", "--json").out();
        String failedId = new ObjectMapper().readTree(failed).get("jobId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> server.get("/api/v1/jobs/" + failedId).json()
                .get("state").asText().equals("failed"));
        CliRun table = run("stats", "--bucket", "1d");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("STATE").contains("scheduled").contains("START").contains("SUCCEEDED")
                .contains("INFRA_ERROR").contains("1d buckets");
        assertThat(table.out().lines().filter(line -> line.matches("\\d{4}-.*"))).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(run("stats", "--json").out());
        assertThat(json.get("jobs").get("scheduled").asLong()).isPositive();
        assertThat(json.get("attempts")).isNotEmpty();
        Instant to = Instant.parse("2024-05-02T00:00:00Z");
        JsonNode range = new ObjectMapper().readTree(run("stats", "--json", "--from", to.minusSeconds(3600).toString(),
                "--to", to.toString(), "--bucket", "5m").out());
        assertThat(range.get("attempts")).hasSize(12);
        CliRun bad = run("stats", "--bucket", "7m");
        assertThat(bad.exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
        assertThat(bad.err()).contains("bucket").contains("7m");
    }

    @Test
    void unreachableServerIsOneLineAndExitCode1() {
        CliRun r = CliRun.of("http://127.0.0.1:1", "jobs", "list");
        assertThat(r.exit()).isEqualTo(HourglassCommand.EXIT_FAILURE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("cannot reach the server");
    }
}
