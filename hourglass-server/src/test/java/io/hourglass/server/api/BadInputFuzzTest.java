package io.hourglass.server.api;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input of every kind gets a 4xx in the error format with a message, and changes nothing: the counts of jobs,
 * schedules, queues and tasks are the same before and after each request.
 */
class BadInputFuzzTest {
    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(ServerConfig.forTests(dataDir));
        server.putJson("/api/v1/tasks/fuzz-scheduled", map("executor", "webhook",
                "settings", map("url", "http://127.0.0.1:1/")));
        Response created = server.postJson("/api/v1/schedules", map("name", SCHEDULE.substring(SCHEDULE.lastIndexOf('/') + 1),
                "task", "fuzz-scheduled", "cron", "0 3 * * *"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static final String TASK = "/api/v1/tasks/fuzz-task";
    private static final String SCHEDULE = "/api/v1/schedules/fuzz-schedule";

    /** A well-formed webhook task definition with {@code extra} fields added. */
    private static String hook(String extra) {
        return "{\"executor\":\"webhook\",\"settings\":{\"url\":\"http://127.0.0.1:1/\"}"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static Stream<Arguments> badRequests() {
        String huge = "{\"task\":\"t\",\"kwargs\":{\"blob\":\"" + "x".repeat(1_100_000) + "\"}}";
        return Stream.of(
                Arguments.of("POST", "/api/v1/jobs", "{not json", 400, null),
                Arguments.of("POST", "/api/v1/jobs", "", 400, null),
                Arguments.of("POST", "/api/v1/jobs", "[1,2]", 400, null),
                Arguments.of("POST", "/api/v1/jobs", "null", 400, null),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\"} trailing", 400, null),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"colour\":\"red\"}", 400, "colour"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":42}", 400, "task"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"priority\":\"high\"}", 400, "priority"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"priority\":1.5}", 400, "priority"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"args\":{\"a\":1}}", 400, "args"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"at\":\"yesterday\"}", 400, "at"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"delay\":\"PT-5S\"}", 400, "delay"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"\"}", 400, "task"),
                Arguments.of("POST", "/api/v1/jobs", "{}", 400, "task"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"at\":\"2030-01-01T00:00:00Z\",\"delay\":\"PT1S\"}",
                        400, "at"),
                Arguments.of("POST", "/api/v1/jobs", huge, 413, null),
                Arguments.of("POST", "/api/v1/jobs/bulk", "{\"jobs\":[]}", 400, "jobs"),
                Arguments.of("POST", "/api/v1/jobs/bulk", "{\"jobs\":[{\"task\":\"t\"},{\"task\":\"\"}]}", 400,
                        "jobs[1].task"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"cron\":\"61 * * * *\"}",
                        400, "cron"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"cron\":\"* * *\"}",
                        400, "cron"),
                Arguments.of("POST", "/api/v1/schedules",
                        "{\"name\":\"s\",\"task\":\"t\",\"cron\":\"* * * * *\",\"zone\":\"Mars/Base\"}", 400, "zone"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"every\":\"often\"}", 400,
                        "every"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"every\":\"1ms\"}", 400,
                        "every"),
                Arguments.of("POST", "/api/v1/schedules",
                        "{\"name\":\"s\",\"task\":\"t\",\"every\":\"5m\",\"misfirePolicy\":\"panic\"}", 400,
                        "misfirePolicy"),
                Arguments.of("POST", "/api/v1/schedules",
                        "{\"name\":\"s\",\"task\":\"t\",\"every\":\"5m\",\"misfireCap\":-1}", 400, "misfireCap"),
                Arguments.of("PUT", "/api/v1/queues/q", "{\"concurrency\":-1}", 400, "concurrency"),
                Arguments.of("PUT", "/api/v1/queues/q", "{\"maxSize\":\"big\"}", 400, "maxSize"),
                Arguments.of("GET", "/api/v1/jobs?limit=-1", null, 400, "limit"),
                Arguments.of("GET", "/api/v1/jobs?limit=abc", null, 400, "limit"),
                Arguments.of("GET", "/api/v1/jobs?state=exploded", null, 400, "state"),
                Arguments.of("GET", "/api/v1/jobs?cursor=abc", null, 400, "cursor"),
                Arguments.of("GET", "/api/v1/jobs?dueFrom=monday", null, 400, "dueFrom"),
                Arguments.of("GET", "/api/v1/jobs/abc", null, 400, "id"),
                Arguments.of("GET", "/api/v1/overdue?limit=0", null, 400, "limit"),
                Arguments.of("POST", "/api/v1/queues/q/pop?limit=-5", "{\"worker\":\"w\"}", 400, "limit"),
                Arguments.of("POST", "/api/v1/jobs/1/heartbeat", "{\"worker\":\"w\"}", 400, "attempt"),
                Arguments.of("POST", "/api/v1/jobs/1/heartbeat",
                        "{\"worker\":\"w\",\"attempt\":1,\"leaseSeconds\":0}", 400, "leaseSeconds"),
                Arguments.of("POST", "/api/v1/jobs/1/fail",
                        "{\"worker\":\"w\",\"attempt\":1,\"outcome\":\"succeeded\",\"message\":\"x\"}", 400,
                        "outcome"),
                Arguments.of("PUT", TASK, "{\"executor\":\"remote\",\"settings\":{\"url\":\"x\"}}", 400,
                        "settings"),
                Arguments.of("PUT", TASK, "{not json", 400, null),
                Arguments.of("PUT", TASK, "null", 400, null),
                Arguments.of("PUT", TASK, "[]", 400, null),
                Arguments.of("PUT", TASK, "{}", 400, "executor"),
                Arguments.of("PUT", TASK, "{\"executor\":42}", 400, "executor"),
                Arguments.of("PUT", TASK, "{\"executor\":\"webhook\",\"settings\":\"url\"}", 400, "settings"),
                Arguments.of("PUT", TASK, hook("\"colour\":\"red\""), 400, "colour"),
                Arguments.of("PUT", TASK, hook("\"retry\":{\"tries\":3}"), 400, "retry.tries"),
                Arguments.of("PUT", TASK, hook("\"retry\":{\"maxAttempts\":\"three\"}"), 400,
                        "retry.maxAttempts"),
                Arguments.of("PUT", TASK, hook("\"retry\":{\"maxAttempts\":-1}"), 400, "retry.maxAttempts"),
                Arguments.of("PUT", TASK, hook("\"retry\":{\"maxAttempts\":2.5}"), 400, "retry.maxAttempts"),
                Arguments.of("PUT", TASK, hook("\"retry\":{\"initialDelay\":\"fast\"}"), 400,
                        "retry.initialDelay"),
                Arguments.of("PUT", TASK, hook("\"retry\":{\"jitter\":1.5}"), 400, "retry.jitter"),
                Arguments.of("PUT", TASK, hook("\"retry\":{\"retryOn\":[\"exploded\"]}"), 400, "retry.retryOn"),
                Arguments.of("PUT", TASK, hook("\"timeout\":\"soon\""), 400, "timeout"),
                Arguments.of("PUT", TASK, hook("\"timeout\":\"PT-5S\""), 400, "timeout"),
                Arguments.of("PUT", TASK, hook("\"timeout\":30"), 400, "timeout"),
                Arguments.of("PUT", TASK, hook("\"ranker\":{\"kind\":\"random\"}"), 400, "ranker.kind"),
                Arguments.of("PUT", TASK, hook("\"ranker\":{\"kind\":\"age_based\"}"), 400, "ranker.unit"),
                Arguments.of("PUT", TASK, hook("\"ranker\":{\"kind\":\"fixed\",\"cap\":3}"), 400,
                        "ranker.cap"),
                Arguments.of("PUT", TASK, hook("\"queue\":\" \""), 400, "queue"),
                Arguments.of("PUT", TASK, hook("\"version\":-1"), 400, "version"),
                Arguments.of("PUT", TASK, hook("\"name\":\"another\""), 400, "name"),
                Arguments.of("PUT", "/api/v1/tasks/bad%20name", hook(""), 400, "name"),
                Arguments.of("PUT", TASK, hook("\"version\":3"), 409, null),
                Arguments.of("PUT", TASK, "{\"executor\":\"teleport\"}", 422, "executor"),
                Arguments.of("PUT", TASK, "{\"executor\":\"shell\",\"settings\":{\"command\":[\"/bin/sh\"]}}",
                        422, "executor"),
                Arguments.of("PUT", TASK, "{\"executor\":\"webhook\",\"settings\":{}}", 422, "settings.url"),
                Arguments.of("PUT", TASK, "{\"executor\":\"webhook\",\"settings\":{\"url\":\"http://127.0.0.1:1/\","
                        + "\"timeout\":\"soon\"}}", 422, "settings.timeout"),
                Arguments.of("PUT", TASK, "{\"executor\":\"webhook\",\"settings\":{\"url\":\"http://127.0.0.1:1/\","
                        + "\"retries\":3}}", 422, "settings.retries"),
                Arguments.of("PUT", TASK, "{\"executor\":\"webhook\",\"settings\":{\"url\":\"http://127.0.0.1:1/\","
                        + "\"blob\":\"" + "x".repeat(1_100_000) + "\"}}", 413, null),
                Arguments.of("PUT", "/api/v1/tasks/container", hook(""), 409, null),
                Arguments.of("DELETE", "/api/v1/tasks/container", null, 409, null),
                Arguments.of("DELETE", TASK, null, 404, null),
                Arguments.of("GET", "/api/v1/no-such-thing", null, 404, null),
                // instants far outside 1970..9999 and durations that overflow
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"at\":\"+294277-01-01T00:00:00Z\"}", 400, "at"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"at\":\"+1000000000-01-01T00:00:00Z\"}", 400,
                        "at"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"at\":\"-1000000000-01-01T00:00:00Z\"}", 400,
                        "at"),
                Arguments.of("POST", "/api/v1/jobs/bulk", "{\"jobs\":[{\"task\":\"t\",\"at\":\"+294277-01-01T00:00:00Z\"}]}",
                        400, "jobs[0].at"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"delay\":\"P999999999D\"}", 400, "delay"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"delay\":\"PT2562047788015215H\"}", 400, "delay"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"delay\":\"100000000d\"}", 400, "delay"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"timeout\":\"PT2562047788015216H\"}", 400,
                        "timeout"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"every\":\"100000000d\"}",
                        400, "every"),
                Arguments.of("POST", "/api/v1/schedules",
                        "{\"name\":\"s\",\"task\":\"t\",\"once\":\"+1000000000-01-01T00:00:00Z\"}", 400, "once"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"every\":\"5m\","
                        + "\"startAt\":\"-1000000000-01-01T00:00:00Z\"}", 400, "startAt"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"every\":\"5m\","
                        + "\"endAt\":\"+294277-01-01T00:00:00Z\"}", 400, "endAt"),
                Arguments.of("POST", "/api/v1/schedules/preview?after=%2B1000000000-01-01T00:00:00Z",
                        "{\"task\":\"t\",\"every\":\"5m\"}", 400, "after"),
                Arguments.of("PUT", TASK, hook("\"timeout\":\"P999999999D\""), 400, "timeout"),
                Arguments.of("PUT", TASK, hook("\"retry\":{\"maxDelay\":\"100000000d\"}"), 400, "retry.maxDelay"),
                Arguments.of("GET", "/api/v1/jobs?dueFrom=%2B294277-01-01T00:00:00Z", null, 400, "dueFrom"),
                Arguments.of("GET", "/api/v1/jobs?dueTo=-1000000000-01-01T00:00:00Z", null, 400, "dueTo"),
                Arguments.of("GET", "/api/v1/stats?from=-1000000000-01-01T00:00:00Z", null, 400, "from"),
                Arguments.of("GET", "/api/v1/stats?to=%2B1000000000-01-01T00:00:00Z", null, 400, "to"),
                // numbers that are not finite, duplicate keys, NUL and broken Unicode in names
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"kwargs\":{\"x\":1e400}}", 400, "kwargs.x"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"args\":[1,-1e400]}", 400, "args[1]"),
                Arguments.of("PUT", TASK, hook("\"retry\":{\"multiplier\":1e400}"), 400, "retry.multiplier"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"task\":\"u\"}", 400, "task"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"kwargs\":{\"a\":1,\"a\":2}}", 400, "kwargs.a"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\\u0000x\"}", 400, "task"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"dedupKey\":\"k\\u0000\"}", 400, "dedupKey"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"queue\":\"q\\u0000\"}", 400, "queue"),
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\\ud800\"}", 400, "task"),
                Arguments.of("POST", "/api/v1/jobs", invalidUtf8("{\"task\":\"t", "\"}"), 400, "task"),
                Arguments.of("POST", "/api/v1/schedules", invalidUtf8("{\"name\":\"s", "\",\"task\":\"t\",\"every\":\"5m\"}"),
                        400, "name"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\\u0000\",\"task\":\"t\",\"every\":\"5m\"}",
                        400, "name"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"" + "t".repeat(201)
                        + "\",\"every\":\"5m\"}", 400, "task"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"cron\":\"0 "
                        + "1,".repeat(100) + "2 * * *\"}", 400, "cron"),
                Arguments.of("POST", "/api/v1/queues/q/pop?limit=1", "{\"worker\":\"w\\u0000\"}", 400, "worker"),
                Arguments.of("GET", "/api/v1/jobs?task=t%00", null, 400, "task"),
                Arguments.of("GET", "/api/v1/jobs?task=%ff%fe", null, 400, "task"),
                Arguments.of("GET", "/api/v1/jobs?queue=q&task=t%ed%a0%80", null, 400, "task"),
                Arguments.of("GET", "/api/v1/jobs?queue=%c3", null, 400, "queue"),
                // valid JSON numbers too large for their field
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"t\",\"priority\":2147483648}", 400, "priority"),
                Arguments.of("PUT", "/api/v1/queues/q", "{\"concurrency\":2147483648}", 400, "concurrency"),
                // schedules that never fire
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"cron\":\"0 0 30 2 *\"}",
                        400, "cron"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"every\":\"5m\","
                        + "\"endAt\":\"2001-01-01T00:00:00Z\"}", 400, "endAt"),
                // queues that do not exist are not created by pausing them; a patch of no schedule
                Arguments.of("POST", "/api/v1/queues/no-such-queue/pause", "", 404, null),
                Arguments.of("POST", "/api/v1/queues/no-such-queue/resume", "", 404, null),
                Arguments.of("PATCH", "/api/v1/schedules/no-such-schedule", "{\"every\":\"5m\"}", 404, null),
                Arguments.of("PATCH", SCHEDULE, "{\"cron\":\"0 0 30 2 *\"}", 400, "cron"),
                Arguments.of("PATCH", SCHEDULE, "{\"task\":null}", 400, "task"),
                Arguments.of("PATCH", SCHEDULE, "{\"enabled\":null}", 400, "enabled"),
                Arguments.of("PATCH", SCHEDULE, "{\"colour\":\"red\"}", 400, "colour"),
                Arguments.of("PATCH", SCHEDULE, "{\"every\":\"100000000d\"}", 400, "every"),
                Arguments.of("PATCH", SCHEDULE, "{\"endAt\":\"+294277-01-01T00:00:00Z\"}", 400, "endAt"),
                Arguments.of("PATCH", SCHEDULE, "{\"zone\":\"Mars/Base\"}", 400, "zone"),
                Arguments.of("PATCH", SCHEDULE, "{\"priority\":1,\"priority\":2}", 400, "priority"),
                Arguments.of("PATCH", SCHEDULE, "[]", 400, null),
                Arguments.of("PATCH", SCHEDULE, "", 400, null),
                // a task no node knows, in code or defined, is refused unless the request says allowUnknownTask
                Arguments.of("POST", "/api/v1/jobs", "{\"task\":\"nobody-runs-this\"}", 422, "task"),
                Arguments.of("POST", "/api/v1/jobs/bulk", "{\"jobs\":[{\"task\":\"nobody-runs-this\"}]}", 422,
                        "jobs[0].task"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"nobody-runs-this\","
                        + "\"every\":\"5m\"}", 422, "task"),
                Arguments.of("PATCH", SCHEDULE, "{\"task\":\"nobody-runs-this\"}", 422, "task"),
                Arguments.of("POST", "/api/v1/schedules", "{\"name\":\"s\",\"task\":\"t\",\"every\":\"5m\","
                        + "\"skipIfPending\":\"yes\"}", 400, "skipIfPending"),
                Arguments.of("DELETE", "/api/v1/jobs", null, 405, null));
    }

    /** {@code before}, one byte that is not UTF-8 (0xFF), then {@code after}. */
    private static byte[] invalidUtf8(String before, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] body = Arrays.copyOf(head, head.length + 1 + tail.length);
        body[head.length] = (byte) 0xFF;
        System.arraycopy(tail, 0, body, head.length + 1, tail.length);
        return body;
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("badRequests")
    void badInputGets4xxWithAMessageAndChangesNothing(String method, String path, Object body, int status,
                                                      String field) {
        List<Integer> before = counts();
        Response r = body == null ? send(method, path) : server.sendJson(path, method, body);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().get("error").asText()).isNotBlank();
        assertThat(r.json().get("message").asText()).isNotBlank();
        if (field != null) {
            assertThat(r.json().get("field").asText()).as(r.body()).isEqualTo(field);
        }
        assertThat(counts()).isEqualTo(before);
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/api/v1/jobs/%00", "/api/v1/jobs/%zz", "/api/v1/%", "/../../etc/passwd",
            "/api/../../x", "/job/%00", "/jobs/%zz"})
    void malformedPathsGetAJson400AndChangeNothing(String path) throws IOException {
        List<Integer> before = counts();
        TestServer.RawResponse r = server.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.header("Content-Type")).as(r.text()).startsWith("application/json");
        assertThat(TestServer.JSON.readTree(r.body()).get("message").asText()).isNotBlank();
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void chunkedBodyOverTheLimitGets413AndChangesNothing() {
        List<Integer> before = counts();
        Response r = server.postChunked("/api/v1/jobs", ("{\"task\":\"t\",\"kwargs\":{\"blob\":\""
                + "x".repeat(2_000_000) + "\"}}").getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.json().get("error").asText()).isEqualTo("payload_too_large");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void numberTooLargeForItsFieldIsRefusedByTheFieldsRangeNotAsBadJson() {
        Response r = server.sendJson("/api/v1/jobs", "POST", "{\"task\":\"t\",\"priority\":2147483648}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("message").asText())
                .isEqualTo("must be a whole number from -2147483648 to 2147483647, was 2147483648");
    }

    @Test
    void wrongTypeEchoesTheValueAsTheClientWroteIt() {
        assertThat(server.sendJson("/api/v1/jobs", "POST", "{\"task\":\"t\",\"priority\":\"high\"}").json()
                .get("message").asText()).isEqualTo("must be a whole number, was 'high'");
        assertThat(server.sendJson("/api/v1/jobs", "POST", "{\"task\":\"t\",\"priority\":1e400}").json()
                .get("message").asText()).isEqualTo("must be a whole number, was 1e400");
        assertThat(server.sendJson("/api/v1/jobs", "POST", "{\"task\":\"t\",\"priority\":1.5}").json()
                .get("message").asText()).isEqualTo("must be a whole number, was 1.5");
    }

    @Test
    void bodyNestedTooDeepIsRefusedWithoutTheReadersInternals() {
        Response r = server.sendJson("/api/v1/jobs", "POST", "{\"task\":\"t\",\"kwargs\":{\"a\":"
                + "[".repeat(2000) + "]".repeat(2000) + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("message").asText())
                .isEqualTo("the request body is beyond the JSON reader's limits: Document nesting depth (1001)"
                        + " exceeds the maximum allowed (1000)");
    }

    @Test
    void methodAPathDoesNotTakeIsA405ThatSaysWhichItTakes() {
        Response r = server.delete("/api/v1/jobs");
        assertThat(r.status()).as(r.body()).isEqualTo(405);
        assertThat(r.header("Allow")).contains("GET").contains("POST");
        assertThat(r.json().get("message").asText()).startsWith("method DELETE is not allowed on /api/v1/jobs; it takes ")
                .contains("GET");
    }

    @Test
    void queryValueThatIsNotUtf8SaysSo() {
        Response r = server.get("/api/v1/jobs?task=%ff");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).startsWith("is not UTF-8 once %-decoded: '%ff'");
        assertThat(server.get("/api/v1/jobs?text=100%25+caf%C3%A9").status()).isEqualTo(200);
    }

    @Test
    void queryValueWithABarePercentSaysSo() throws IOException {
        TestServer.RawResponse r = server.raw("GET /api/v1/jobs?text=100% HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        JsonNode error = TestServer.JSON.readTree(r.body());
        assertThat(error.get("field").asText()).isEqualTo("text");
        assertThat(error.get("message").asText()).startsWith("has a % that is not followed by two hex digits");
    }

    @Test
    void validRequestStillWorksAfterwards() {
        assertThat(server.postJson("/api/v1/jobs", map("task", "fuzz-ok", "allowUnknownTask", true, "delay",
                "PT1H")).status()).isEqualTo(201);
    }

    private static Response send(String method, String path) {
        return switch (method) {
            case "GET" -> server.get(path);
            case "DELETE" -> server.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private static List<Integer> counts() {
        return List.of(server.get("/api/v1/jobs?limit=1000").json().get("items").size(),
                server.get("/api/v1/schedules").json().get("items").size(),
                server.get("/api/v1/queues").json().get("items").size(),
                server.get("/api/v1/tasks").json().get("items").size());
    }
}
