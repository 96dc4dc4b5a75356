package io.hourglass.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.server.TestServer;
import io.hourglass.server.config.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI client commands against a real server: tables by default, JSON with --json, meaningful exit codes. */
class ClientCommandsTest {
    record Run(int exit, String out, String err) {
    }

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

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--url=" + server.server.url());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HourglassCommand.execute(all.toArray(String[]::new), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void submitListShowAndCancelAJob() throws Exception {
        Run submitted = run("jobs", "submit", "cli-task", "--kwargs", "{\"a\":1}", "--queue", "cli-q",
                "--delay", "PT1H");
        assertThat(submitted.exit()).as(submitted.err()).isZero();
        String id = submitted.out().trim();
        assertThat(id).matches("[0-9]+");
        Run table = run("jobs", "list", "--task", "cli-task");
        assertThat(table.out()).contains("ID").contains("TASK").contains("cli-task").contains("scheduled");
        JsonNode json = new ObjectMapper().readTree(run("jobs", "list", "--task", "cli-task", "--json").out());
        assertThat(json.get("items").get(0).get("id").asText()).isEqualTo(id);
        assertThat(run("jobs", "show", id).out()).contains("cli-q");
        assertThat(run("jobs", "cancel", id).out()).contains("cancelled");
        Run again = run("jobs", "cancel", id);
        assertThat(again.exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
        assertThat(again.err()).contains("already finished");
    }

    @Test
    void unknownJobExitsWithNotFound() {
        Run r = run("jobs", "show", "99999");
        assertThat(r.exit()).isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("99999");
    }

    @Test
    void schedulesAndQueuesFromTheCommandLine() {
        assertThat(run("schedules", "create", "cli-every", "cli-task", "--every", "1h").exit()).isZero();
        assertThat(run("schedules", "list").out()).contains("cli-every").contains("PT1H");
        assertThat(run("schedules", "disable", "cli-every").out()).contains("disabled");
        assertThat(run("schedules", "enable", "cli-every").out()).contains("enabled");
        Run badCron = run("schedules", "create", "bad", "t", "--cron", "not a cron");
        assertThat(badCron.exit()).isEqualTo(HourglassCommand.EXIT_REFUSED);
        assertThat(run("schedules", "delete", "cli-every").exit()).isZero();
        assertThat(run("schedules", "delete", "cli-every").exit()).isEqualTo(HourglassCommand.EXIT_NOT_FOUND);
        run("jobs", "submit", "cli-task", "--queue", "cli-paused", "--delay", "PT1H");
        assertThat(run("queues", "pause", "cli-paused").out()).contains("paused");
        assertThat(run("queues", "list").out()).contains("cli-paused").contains("true");
        assertThat(run("queues", "resume", "cli-paused").exit()).isZero();
    }

    @Test
    void unreachableServerIsOneLineAndExitCode1() {
        StringWriter err = new StringWriter();
        int exit = HourglassCommand.execute(new String[] {"jobs", "list", "--url=http://127.0.0.1:1"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(exit).isEqualTo(HourglassCommand.EXIT_FAILURE);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).contains("cannot reach the server");
    }
}
