package io.hourglass.server.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The container-jobs API's behaviours its existing clients depend on, over HTTP against a real server. */
class CompatApiTest {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss");
    private static final Pattern CREATED = Pattern.compile("job (.+) with id ([0-9]+) will be scheduled to run in (.+)");

    @TempDir
    static Path dataDir;
    static TestServer server;
    static final List<Response> responses = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start(ServerConfig.forTests(dataDir));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Response get(String path) {
        return record(server.get(path));
    }

    private static Response post(Map<String, String> form) {
        return record(server.postForm("/job", form));
    }

    private static Response record(Response r) {
        synchronized (responses) {
            responses.add(r);
        }
        return r;
    }

    private static String submit(Map<String, String> form) {
        Response r = post(form);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Matcher m = CREATED.matcher(r.json().get("message").asText());
        assertThat(m.matches()).as(r.body()).isTrue();
        return m.group(2);
    }

    @Test
    void rootRedirectsToJobs() {
        Response r = get("/");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/jobs");
    }

    @Test
    void jobsHasRunningScheduledAndHistoryMaps() {
        Response r = get("/jobs");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().fieldNames()).toIterable().containsExactly("running", "scheduled", "history");
        assertThat(r.json().get("running").isObject()).isTrue();
        assertThat(r.json().get("scheduled").isObject()).isTrue();
        assertThat(r.json().get("history").isObject()).isTrue();
    }

    @Test
    void submitAnswersWithTheMessageClientsParse() {
        Response r = post(Map.of("job_name", "JOB_B", "time", "2m"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).matches("job JOB_B with id [0-9]+ will be scheduled to run in 2m");
    }

    @ParameterizedTest
    @CsvSource({"30s,30", "2m,120", "1h,3600", "4d,345600"})
    void relativeTimeAddsExactly(String time, long seconds) {
        String id = submit(Map.of("job_name", "busybox", "time", time));
        JsonNode job = get("/job/" + id).json();
        LocalDateTime in = LocalDateTime.parse(job.get("scheduled_in").asText(), FORMAT);
        LocalDateTime to = LocalDateTime.parse(job.get("scheduled_to").asText(), FORMAT);
        assertThat(Duration.between(in, to)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void absoluteDateIsKept() {
        Response r = post(Map.of("job_name", "JOB_C", "date", "20-06-2031 16:13:00"));
        assertThat(r.status()).isEqualTo(200);
        Matcher m = CREATED.matcher(r.json().get("message").asText());
        assertThat(m.matches()).isTrue();
        assertThat(m.group(3)).isEqualTo("20-06-2031 16:13:00");
        assertThat(get("/job/" + m.group(2)).json().get("scheduled_to").asText()).isEqualTo("20-06-2031 16:13:00");
    }

    @Test
    void newJobIsScheduledWithItsImageAsName() {
        String id = submit(Map.of("job_name", "alpine:3", "time", "1h"));
        JsonNode job = get("/job/" + id).json();
        assertThat(job.get("status").asText()).isEqualTo("scheduled");
        assertThat(job.get("id").asText()).isEqualTo(id);
        assertThat(job.get("job_name").asText()).isEqualTo("alpine:3");
        assertThat(job.fieldNames()).toIterable()
                .containsExactly("id", "job_name", "scheduled_in", "scheduled_to", "status");
        assertThat(get("/jobs").json().get("scheduled").get(id).get("job_name").asText()).isEqualTo("alpine:3");
    }

    @Test
    void unknownJobIs404WithMessageNamingTheId() {
        Response r = get("/job/987654321");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("message").asText()).contains("987654321");
        Response notANumber = get("/job/abc");
        assertThat(notANumber.status()).isEqualTo(404);
        assertThat(notANumber.json().get("message").asText()).contains("abc");
    }

    @Test
    void missingJobNameIs400() {
        Response r = post(Map.of("time", "2m"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains("job_name");
    }

    @Test
    void missingTimeAndDateIs400() {
        Response r = post(Map.of("job_name", "x"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains("time").contains("date");
    }

    @Test
    void bothTimeAndDateIs400() {
        Response r = post(Map.of("job_name", "x", "time", "2m", "date", "20-06-2031 16:13:00"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains("not both");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10x", "10", "s", "-5s", "1.5h", "2 m", "99999999999999999999999d", "5000d"})
    void malformedTimeIs400(String time) {
        Response r = post(Map.of("job_name", "x", "time", time));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains("time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2h30m", "1d2h", "30s10s"})
    void compoundTimeIsRejected(String time) {
        Response r = post(Map.of("job_name", "x", "time", time));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains(time).contains("compound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2031-06-20 16:13:00", "32-01-2031 10:00:00", "20-06-2031", "tomorrow", "31-02-2031 10:00:00"})
    void malformedDateIs400(String date) {
        Response r = post(Map.of("job_name", "x", "date", date));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).contains(date);
    }

    @Test
    void deleteDeschedulesAndMovesTheJobToHistory() {
        String id = submit(Map.of("job_name", "JOB_D", "time", "1h"));
        Response r = record(server.delete("/job/" + id));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("message").asText()).isEqualTo("job " + id + " was de-scheduled");
        JsonNode jobs = get("/jobs").json();
        assertThat(jobs.get("scheduled").has(id)).isFalse();
        assertThat(jobs.get("history").get(id).get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void deleteUnknownJobIs404() {
        Response r = record(server.delete("/job/424242"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("message").asText()).contains("424242");
    }

    @Test
    void dueJobWithoutContainerEngineLandsInHistoryWithAClearError() {
        String id = submit(Map.of("job_name", "hello-world", "time", "1s"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/jobs").json().get("history").has(id)).isTrue());
        assertThat(get("/job/" + id).json().get("status").asText()).isEqualTo("failed");
        JsonNode detail = server.get("/api/v1/jobs/" + id).json();
        assertThat(detail.get("lastOutcome").asText()).isEqualTo("infra_error");
        assertThat(detail.get("lastError").asText()).contains("container executor is not configured")
                .contains("hello-world");
    }

    @Test
    void everyAnswerIsJson() {
        get("/");
        get("/jobs");
        get("/job/1");
        post(Map.of("job_name", "x", "time", "2h30m"));
        post(Map.of("job_name", "x", "time", "1h"));
        record(server.delete("/job/999999"));
        synchronized (responses) {
            assertThat(responses).isNotEmpty().allSatisfy(r ->
                    assertThat(r.contentType()).as(r.raw().uri() + " " + r.status()).startsWith("application/json"));
        }
    }
}
