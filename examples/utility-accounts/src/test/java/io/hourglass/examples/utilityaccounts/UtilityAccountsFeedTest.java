package io.hourglass.examples.utilityaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hourglass.examples.support.ExampleServer;
import io.hourglass.examples.support.RunningScript;
import io.hourglass.testsupport.CeleryWorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's feed way on real parts: the shipped account service, a server in process, the two scrape tasks
 * defined on the Celery executor (Redis) from their files, the feed from feed.json, and a real Celery worker
 * running scrapers.py.
 */
class UtilityAccountsFeedTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVING = Pattern.compile("on (http://\\S+/account/)");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void aPollCreatesOneScrapeJobPerAccountWithItsTaskAndFieldsAndTheyRunOnCelery() throws Exception {
        CeleryWorkerProcess.requireCelery();
        List<Map<String, Object>> accounts = JSON.readValue(MODULE.resolve("feed/accounts.json").toFile(),
                new TypeReference<>() {
                });
        try (CeleryWorkerProcess worker = CeleryWorkerProcess.start(MODULE.resolve("src/main/python"), "scrapers",
                CeleryWorkerProcess.REDIS_BROKER, CeleryWorkerProcess.RESULT_BACKEND, "scrape");
             RunningScript service = RunningScript.start(MODULE, List.of("python3",
                     "src/main/python/account_service.py", "--port", "0", "feed/accounts.json"));
             ExampleServer server = ExampleServer.start(directory.resolve("data"))) {
            String url = await().atMost(WAIT).until(() -> serving(service), u -> u != null);
            for (String task : List.of("scrape-coned", "scrape-ngrid")) {
                ExampleServer.CliRun define = server.cli("tasks", "define", task, "--file",
                        MODULE.resolve("feed/" + task + ".json").toString());
                assertThat(define.exitCode()).as(define.output()).isZero();
            }
            ExampleServer.CliRun feed = server.cli("feeds", "define", "accounts", "--file", feedAt(url).toString());
            assertThat(feed.exitCode()).as(feed.output()).isZero();
            ExampleServer.CliRun poll = server.cli("feeds", "poll", "accounts");
            assertThat(poll.exitCode()).as(poll.output()).isZero();

            await().atMost(WAIT).untilAsserted(() -> assertThat(scrapes(server))
                    .hasSize(accounts.size())
                    .allSatisfy(job -> assertThat(job.get("state").asText()).isEqualTo("succeeded")));
            for (Map<String, Object> account : accounts) {
                String task = "scrape-" + account.get("utility");
                JsonNode job = scrapes(server).stream()
                        .filter(j -> j.get("dedupKey").asText().equals("account:" + account.get("id")))
                        .findFirst().orElseThrow();
                assertThat(job.get("task").asText()).isEqualTo(task);
                assertThat(JSON.convertValue(job.get("kwargs"), Map.class)).isEqualTo(account);
                assertThat(worker.recorded()).anySatisfy(line -> assertThat(JSON.readTree(line))
                        .isEqualTo(JSON.valueToTree(Map.of("task", task, "kwargs", account))));
            }
            JsonNode lastPoll = server.get("/api/v1/feeds/accounts").get("lastPoll");
            assertThat(lastPoll.get("jobsCreated").asInt()).isEqualTo(accounts.size());
        }
    }

    private static String serving(RunningScript service) {
        Matcher m = SERVING.matcher(service.output());
        return m.find() ? m.group(1) : null;
    }

    /** feed.json with its url pointed at the account service of this test (the README's runs on 18090). */
    private Path feedAt(String url) throws Exception {
        ObjectNode feed = (ObjectNode) JSON.readTree(MODULE.resolve("feed/feed.json").toFile());
        feed.put("url", url);
        Path file = directory.resolve("feed.json");
        Files.writeString(file, JSON.writeValueAsString(feed));
        return file;
    }

    private static List<JsonNode> scrapes(ExampleServer server) {
        List<JsonNode> jobs = new ArrayList<>();
        server.get("/api/v1/jobs?queue=scrape&limit=100").get("items").forEach(jobs::add);
        return jobs;
    }
}
