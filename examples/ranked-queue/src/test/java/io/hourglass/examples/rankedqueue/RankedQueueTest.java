package io.hourglass.examples.rankedqueue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.examples.support.ExampleServer;
import io.hourglass.examples.support.ScriptRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's steps against a real server: define the ranked `scan` task from scan-task.json, queue the targets
 * with enqueue.py, and run the Python worker until the queue is empty.
 */
class RankedQueueTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    @TempDir
    Path dataDir;

    @Test
    void thePythonWorkerScansTheStalestTargetsFirstAndADuplicateTargetIsRefused() throws Exception {
        try (ExampleServer server = ExampleServer.start(dataDir)) {
            server.put("/api/v1/tasks/scan", Files.readString(MODULE.resolve("scan-task.json")));

            ScriptRun enqueue = python("enqueue.py", "--url", server.url(), "targets.json");
            assertThat(enqueue.exitCode()).as(enqueue.output()).isZero();
            assertThat(enqueue.lines()).filteredOn(l -> l.startsWith("queued")).hasSize(4);
            assertThat(enqueue.lines()).filteredOn(l -> l.startsWith("refused duplicate scan:www.example.com"))
                    .hasSize(1);

            ScriptRun worker = python("worker.py", "--url", server.url(), "--name", "scanner-test", "--until-empty");
            assertThat(worker.exitCode()).as(worker.output()).isZero();
            assertThat(popped(worker)).containsExactly("scan:www.example.com priority 240",
                    "scan:vpn.example.com priority 30", "scan:mail.example.com priority 5",
                    "scan:api.example.com priority 0");

            JsonNode jobs = server.get("/api/v1/jobs?queue=scans").get("items");
            assertThat(jobs).hasSize(4)
                    .allSatisfy(job -> assertThat(job.get("state").asText()).isEqualTo("succeeded"));
            JsonNode oneJob = server.get("/api/v1/jobs/" + jobs.get(3).get("id").asLong());
            assertThat(oneJob.toString()).contains("scanner-test").contains("openPorts");
        }
    }

    private static List<String> popped(ScriptRun worker) {
        List<String> popped = new ArrayList<>();
        for (String line : worker.lines()) {
            if (line.startsWith("popped job ")) {
                popped.add(line.substring(line.indexOf("scan:")));
            }
        }
        return popped;
    }

    private static ScriptRun python(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", "src/main/python/" + script));
        command.addAll(List.of(args));
        return ScriptRun.run(MODULE, command);
    }
}
