package io.hourglass.examples.reporttasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.examples.support.ExampleServer;
import io.hourglass.examples.support.ScriptRun;
import io.hourglass.testsupport.CeleryWorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's steps against a real server and a real Celery worker for reports.py (Redis broker and result
 * backend): load schedules.json, fire both schedules, edit one through the CLI while the server runs, disable it.
 */
class ReportTasksTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LAST_MINUTES = "reports-last-15-minutes";

    @TempDir
    Path dataDir;

    @Test
    void schedulesFromTheDataFileRunOnTheWorkerAndRuntimeEditsAndDisablingTakeEffectWithoutRestart()
            throws Exception {
        CeleryWorkerProcess.requireCelery();
        try (CeleryWorkerProcess worker = CeleryWorkerProcess.start(MODULE.resolve("src/main/python"), "reports",
                CeleryWorkerProcess.REDIS_BROKER, CeleryWorkerProcess.RESULT_BACKEND, "reports");
             ExampleServer server = ExampleServer.start(dataDir)) {
            ScriptRun load = ScriptRun.run(MODULE, List.of("python3", "src/main/python/load_schedules.py", "--url",
                    server.url(), "schedules.json"));
            assertThat(load.exitCode()).as(load.output()).isZero();
            JsonNode lastMinutes = server.get("/api/v1/schedules/" + LAST_MINUTES);
            assertThat(lastMinutes.get("every").asText()).isEqualTo("PT15M");
            assertThat(lastMinutes.get("args").toString()).isEqualTo("[15]");
            assertThat(server.get("/api/v1/schedules/reports-from-22-to-25").get("cron").asText())
                    .isEqualTo("5 1 * * *");

            assertThat(server.cli("schedules", "trigger", LAST_MINUTES).exitCode()).isZero();
            assertThat(server.cli("schedules", "trigger", "reports-from-22-to-25").exitCode()).isZero();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(outputs(server, LAST_MINUTES)).singleElement()
                        .satisfies(r -> assertThat(r.get("minutes").asInt()).isEqualTo(15));
                assertThat(outputs(server, "reports-from-22-to-25")).singleElement()
                        .satisfies(r -> assertThat(r.get("report").asText()).isEqualTo("from_22_to_25"));
            });
            assertThat(worker.recorded()).contains(
                    "{\"task\": \"build_reports_last_minutes\", \"args\": [15]}",
                    "{\"task\": \"build_reports_from_22_to_25\", \"args\": []}");

            ExampleServer.CliRun edit = server.cli("schedules", "update", LAST_MINUTES, "--every", "1s",
                    "--args", "[5]");
            assertThat(edit.exitCode()).as(edit.output()).isZero();
            await().atMost(WAIT).untilAsserted(() -> assertThat(outputs(server, LAST_MINUTES))
                    .filteredOn(r -> r.get("minutes").asInt() == 5).hasSizeGreaterThanOrEqualTo(2));

            assertThat(server.cli("schedules", "disable", LAST_MINUTES).exitCode()).isZero();
            int created = jobs(server, LAST_MINUTES).size();
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> jobs(server, LAST_MINUTES).size() == created);
        }
    }

    private static List<JsonNode> jobs(ExampleServer server, String schedule) {
        List<JsonNode> jobs = new ArrayList<>();
        server.get("/api/v1/jobs?limit=1000&schedule=" + schedule).get("items").forEach(jobs::add);
        return jobs;
    }

    /** The reports the schedule's succeeded jobs returned (their last attempt's output, the task's JSON). */
    private static List<JsonNode> outputs(ExampleServer server, String schedule) throws Exception {
        List<JsonNode> reports = new ArrayList<>();
        for (JsonNode job : jobs(server, schedule)) {
            if (job.get("state").asText().equals("succeeded")) {
                JsonNode attempts = server.get("/api/v1/jobs/" + job.get("id").asLong()).get("attemptHistory");
                reports.add(JSON.readTree(attempts.get(attempts.size() - 1).get("output").asText()));
            }
        }
        return reports;
    }
}
