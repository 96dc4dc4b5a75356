package io.hourglass.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.attempt.Outcome;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.testing.ManualClock;
import io.hourglass.testing.RecordingJobContext;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes on the wire: bodies, templates, signatures and per-job overrides, as a real server receives them. */
class WebhookRequestTest {
    private static final String SECRET = "a-long-shared-secret-for-tests";
    private final ObjectMapper json = new ObjectMapper();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ExecutionResult run(WebhookSettings settings, List<Object> args, Map<String, Object> kwargs) {
        return new WebhookExecutor(settings).execute(new RecordingJobContext(42, "notify", args, kwargs, null));
    }

    @Test
    void defaultBodyIsTheJobAsJson() throws Exception {
        run(WebhookSettings.builder(server.url("/hook")).build(), List.of("a", 1), Map.of("account", "coned-17"));

        assertThat(json.readValue(server.last().body(), Map.class)).isEqualTo(Map.of("job_id", 42, "task", "notify",
                "attempt", 1, "args", List.of("a", 1), "kwargs", Map.of("account", "coned-17")));
        assertThat(server.last().header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void bodyTemplateSubstitutesArgsKwargsAndJobFieldsWithoutBreakingJson() throws Exception {
        String template = "{\"account\":\"{{kwargs.account}}\",\"first\":{{args.0}},\"job\":{{job.id}},"
                + "\"task\":\"{{job.task}}\",\"all\":{{kwargs}}}";
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("account", "evil\", \"admin\": true, \"x\": \"");
        kwargs.put("limit", 3);

        run(WebhookSettings.builder(server.url("/hook")).bodyTemplate(template).build(), List.of(5), kwargs);

        Map<String, Object> body = json.readValue(server.last().body(), new TypeReference<>() { });
        assertThat(body).containsOnlyKeys("account", "first", "job", "task", "all");
        assertThat(body.get("account")).isEqualTo("evil\", \"admin\": true, \"x\": \"");
        assertThat(body.get("first")).isEqualTo(5);
        assertThat(body.get("job")).isEqualTo(42);
        assertThat(body.get("task")).isEqualTo("notify");
        assertThat(body.get("all")).isEqualTo(kwargs);
    }

    @Test
    void plainTextTemplateInsertsValuesAsTheyAre() {
        WebhookSettings settings = WebhookSettings.builder(server.url("/hook")).header("Content-Type", "text/plain")
                .bodyTemplate("hello {{kwargs.name}} \"{{args.0}}\"").build();

        run(settings, List.of("x\"y"), Map.of("name", "Ada"));

        assertThat(server.last().bodyText()).isEqualTo("hello Ada \"x\"y\"");
        assertThat(server.last().header("Content-Type")).isEqualTo("text/plain");
    }

    @Test
    void urlTemplateEncodesValuesSoTheyCannotAddPathSegments() {
        WebhookSettings settings = WebhookSettings.builder(server.url("/accounts/{{kwargs.id}}?job={{job.id}}"))
                .method("GET").build();

        assertThat(run(settings, List.of(), Map.of("id", "a b/../c")).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(server.last().rawPath()).isEqualTo("/accounts/a%20b%2F..%2Fc?job=42");
        assertThat(server.last().method()).isEqualTo("GET");
        assertThat(server.last().body()).isEmpty();
    }

    @Test
    void missingKwargFailsNamingThePlaceholder() {
        WebhookSettings settings = WebhookSettings.builder(server.url("/hook"))
                .bodyTemplate("{\"a\":\"{{kwargs.account}}\"}").build();

        ExecutionResult result = run(settings, List.of(), Map.of("other", 1));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("job 42", "{{kwargs.account}}", "no kwarg 'account'");
        assertThat(server.received).isEmpty();
    }

    @Test
    void signatureVerifiesOnTheServerWithTheDocumentedScheme() throws Exception {
        ManualClock clock = ManualClock.atEpochDay();
        WebhookSettings settings = WebhookSettings.builder(server.url("/hook")).hmacSecret(SECRET).build();

        new WebhookExecutor(settings, clock).execute(RecordingJobContext.of("notify", Map.of("a", "b")));

        TestServer.Received request = server.last();
        String timestamp = request.header("X-Hourglass-Timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        // Recomputed here from the documented scheme, independently of WebhookSignature.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body()));
        assertThat(request.header("X-Hourglass-Signature")).isEqualTo(expected);
        assertThat(WebhookSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8), timestamp, request.body(),
                request.header("X-Hourglass-Signature"))).isTrue();
    }

    @Test
    void signatureDoesNotVerifyForAChangedBody() {
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        String signature = WebhookSignature.sign(secret, 1000, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

        assertThat(WebhookSignature.verify(secret, "1000", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
        assertThat(WebhookSignature.verify(secret, "1001", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), signature))
                .isFalse();
    }

    @Test
    void unsignedSettingsSendNoSignature() {
        run(WebhookSettings.builder(server.url("/hook")).build(), List.of(), Map.of());

        assertThat(server.last().header("X-Hourglass-Signature")).isNull();
        assertThat(server.last().header("X-Hourglass-Timestamp")).isNull();
    }

    @Test
    void perJobOverridesAreRefusedByDefault() {
        ExecutionResult result = run(WebhookSettings.builder(server.url("/hook")).build(), List.of(),
                Map.of("_http", Map.of("url", server.url("/elsewhere"))));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("kwargs._http", "SSRF");
        assertThat(server.received).isEmpty();
    }

    @Test
    void perJobOverridesApplyWhenAllowedAndStayOutOfTheBody() throws Exception {
        WebhookSettings settings = WebhookSettings.builder(server.url("/hook")).allowJobOverrides(true)
                .header("X-Team", "ops").build();
        Map<String, Object> kwargs = Map.of("n", 1, "_http",
                Map.of("url", server.url("/elsewhere"), "method", "put", "headers", Map.of("X-Team", "billing")));

        assertThat(run(settings, List.of(), kwargs).outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(server.last().rawPath()).isEqualTo("/elsewhere");
        assertThat(server.last().method()).isEqualTo("PUT");
        assertThat(server.last().header("X-Team")).isEqualTo("billing");
        assertThat(json.readValue(server.last().body(), Map.class).get("kwargs")).isEqualTo(Map.of("n", 1));
    }

    @Test
    void overrideWithANonHttpUrlFails() {
        WebhookSettings settings = WebhookSettings.builder(server.url("/hook")).allowJobOverrides(true).build();

        ExecutionResult result = run(settings, List.of(), Map.of("_http", Map.of("url", "file:///etc/passwd")));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.error()).contains("kwargs._http.url", "http://");
    }
}
