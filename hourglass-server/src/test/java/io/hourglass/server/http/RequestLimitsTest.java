package io.hourglass.server.http;

import static io.hourglass.server.TestServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hourglass.server.TestServer;
import io.hourglass.server.TestServer.Response;
import io.hourglass.server.config.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The request limits on a real server on H2, with real requests: chunked bodies (java.net.http with a body of
 * unknown length), paths Jetty refuses before routing (a raw socket, since java.net.http normalises paths), and
 * bodies whose JSON is over a million characters but under the 1 MiB limit.
 */
class RequestLimitsTest {
    @TempDir
    static Path dataDir;
    static TestServer server;
    static final String TASK = "limits-task";

    @BeforeAll
    static void start() {
        server = TestServer.start(ServerConfig.forTests(dataDir));
        server.putJson("/api/v1/tasks/" + TASK, map("executor", "webhook", "settings", map("url", "http://127.0.0.1:1/")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWith413WhileReading() throws IOException {
        byte[] body = ("{\"task\":\"" + TASK + "\",\"kwargs\":{\"blob\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        int before = jobCount();
        Response r = server.postChunked("/api/v1/jobs", body);
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        JsonNode error = r.json();
        assertThat(error.get("error").asText()).isEqualTo("payload_too_large");
        assertThat(error.get("message").asText()).contains(String.valueOf(HttpApp.MAX_BODY_BYTES));
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void chunkedBodyUnderTheLimitIsAccepted() throws IOException {
        byte[] body = ("{\"task\":\"" + TASK + "\",\"delay\":\"1h\"}").getBytes(StandardCharsets.UTF_8);
        Response r = server.postChunked("/api/v1/jobs", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void bodyOverAMillionCharactersAsStoredButUnderTheLimitIsAcceptedAndReadBack() {
        // 1e6 is 3 characters in the request and 9 ("1000000.0") as stored: 1.9 million characters of args
        List<Object> args = new ArrayList<>(Collections.nCopies(210_000, 1e6));
        String body = "{\"task\":\"" + TASK + "\",\"delay\":\"1h\",\"args\":[" + "1e6,".repeat(209_999) + "1e6],"
                + "\"kwargs\":{\"blob\":\"" + "y".repeat(150_000) + "\"}}";
        assertThat(body.length()).isLessThan((int) HttpApp.MAX_BODY_BYTES);
        Response created = server.postJson("/api/v1/jobs", body);
        assertThat(created.status()).as(created.body().substring(0, Math.min(500, created.body().length())))
                .isEqualTo(201);
        JsonNode job = server.get("/api/v1/jobs/" + created.json().get("jobId").asLong()).json();
        assertThat(job.get("args").size()).isEqualTo(args.size());
        assertThat(job.get("kwargs").get("blob").asText()).hasSize(150_000);

        String scheduleBody = "{\"name\":\"big\",\"task\":\"" + TASK + "\",\"cron\":\"0 3 * * *\",\"kwargs\":{\"blob\":\""
                + "z".repeat(1_040_000) + "\"}}";
        Response schedule = server.postJson("/api/v1/schedules", scheduleBody);
        assertThat(schedule.status()).isEqualTo(201);
        assertThat(server.get("/api/v1/schedules/big").json().get("kwargs").get("blob").asText()).hasSize(1_040_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/jobs/%00", "/api/v1/jobs/%zz", "/api/v1/%", "/../../etc/passwd",
            "/api/v1/../../x", "/api/v1/jobs/%C0%AF"})
    void pathsJettyRefusesGetAJsonError(String path) throws IOException {
        TestServer.RawResponse r = server.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).as(r.text()).isBetween(400, 499);
        assertThat(r.header("content-type")).as(r.text()).startsWith("application/json");
        JsonNode error = TestServer.JSON.readTree(r.body());
        assertThat(error.get("error").asText()).as(r.body()).isNotBlank();
        assertThat(error.get("message").asText()).as(r.body()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/job/%00", "/job/%zz", "/jobs/%"})
    void containerJobsPathsJettyRefusesGetTheContainerJobsErrorShape(String path) throws IOException {
        TestServer.RawResponse r = server.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.header("content-type")).as(r.text()).startsWith("application/json");
        assertThat(TestServer.JSON.readTree(r.body()).get("message").asText()).as(r.body()).isNotBlank();
    }

    @Test
    void aUrlTooLongIsA414ThatSaysSo() throws IOException {
        TestServer.RawResponse r = server.raw("GET /api/v1/jobs?text=" + "x".repeat(20_000)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).as(r.text()).isEqualTo(414);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(TestServer.JSON.readTree(r.body()).get("message").asText()).contains("URL is longer than");
    }

    @Test
    void aBodyThatEndsEarlyIsA400NamingNoFieldButWhereItEnds() {
        Response r = server.postJson("/api/v1/jobs", "{\"task\": \"" + TASK + "\", ");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("field").isNull()).as(r.body()).isTrue();
        assertThat(r.json().get("message").asText()).contains("ends early", "line 1");
    }

    @Test
    void aRequestJettyCannotParseGetsAJsonError() throws IOException {
        TestServer.RawResponse r = server.raw("GET /api/v1/jobs HTTP/1.1\r\nHost: localhost\r\nBad Header\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.header("content-type")).as(r.text()).startsWith("application/json");
        assertThat(TestServer.JSON.readTree(r.body()).get("message").asText()).isNotBlank();
    }

    private static int jobCount() {
        return server.get("/api/v1/jobs?limit=1000").json().get("items").size();
    }
}
