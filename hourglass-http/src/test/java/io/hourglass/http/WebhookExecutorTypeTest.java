package io.hourglass.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutorSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookExecutorTypeTest {
    private final WebhookExecutorType type = new WebhookExecutorType();

    @AfterEach
    void close() {
        type.close();
    }

    private static Map<String, Object> full() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("url", "https://billing.example.test/accounts/{{kwargs.account}}");
        settings.put("method", "put");
        settings.put("headers", Map.of("Authorization", "Bearer sekrit-token"));
        settings.put("bodyTemplate", "{\"account\":\"{{kwargs.account}}\"}");
        settings.put("timeout", "45s");
        settings.put("connectTimeout", "PT3S");
        settings.put("expectedStatus", List.of(200, 202));
        settings.put("hmacSecret", "a-long-shared-secret-for-tests");
        settings.put("signatureHeader", "X-Signature");
        settings.put("maxResponseChars", 1000);
        settings.put("allowJobOverrides", true);
        return settings;
    }

    private WebhookExecutor create(Map<String, Object> settings) {
        return (WebhookExecutor) type.create("notify", ExecutorSettings.of("webhook", settings));
    }

    private AbstractThrowableAssert<?, ?> refused(Map<String, Object> settings, String field) {
        return assertThatThrownBy(() -> create(settings)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo(field));
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> settings = full();
        settings.put(key, value);
        return settings;
    }

    @Test
    void fullSettingsBuildAnExecutorWithEachOfThem() {
        WebhookSettings settings = create(full()).settings();

        assertThat(type.name()).isEqualTo("webhook");
        assertThat(settings.url()).isEqualTo("https://billing.example.test/accounts/{{kwargs.account}}");
        assertThat(settings.method()).isEqualTo("PUT");
        assertThat(settings.headers()).containsExactly(Map.entry("Authorization", "Bearer sekrit-token"));
        assertThat(settings.bodyTemplate()).isEqualTo("{\"account\":\"{{kwargs.account}}\"}");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.expectedStatus()).containsExactlyInAnyOrder(200, 202);
        assertThat(settings.signed()).isTrue();
        assertThat(settings.signatureHeader()).isEqualTo("X-Signature");
        assertThat(settings.maxResponseChars()).isEqualTo(1000);
        assertThat(settings.allowJobOverrides()).isTrue();
    }

    @Test
    void onlyTheUrlIsRequiredAndTheRestKeepsTheBuildersDefaults() {
        WebhookSettings settings = create(Map.of("url", "https://example.test/hook")).settings();

        assertThat(settings.method()).isEqualTo(WebhookSettings.DEFAULT_METHOD);
        assertThat(settings.timeout()).isEqualTo(WebhookSettings.DEFAULT_TIMEOUT);
        assertThat(settings.expectedStatus()).isEqualTo(WebhookSettings.DEFAULT_EXPECTED_STATUS);
        assertThat(settings.signed()).isFalse();
        assertThat(settings.allowJobOverrides()).isFalse();
    }

    @Test
    void missingUrlIsRefused() {
        Map<String, Object> settings = full();
        settings.remove("url");
        refused(settings, "settings.url").hasMessageContaining("required");
    }

    @Test
    void unknownSettingIsRefusedListingTheKnownOnes() {
        refused(with("uri", "https://example.test"), "settings.uri")
                .hasMessageContaining("not a setting of the webhook executor").hasMessageContaining("bodyTemplate");
    }

    @Test
    void wrongTypesNameTheSettingAndWhatWasExpected() {
        refused(with("url", 42), "settings.url").hasMessageContaining("must be a string");
        refused(with("headers", List.of("Authorization")), "settings.headers")
                .hasMessageContaining("an object of strings");
        refused(with("headers", Map.of("X-Count", 3)), "settings.headers.X-Count")
                .hasMessageContaining("must be a string");
        refused(with("timeout", "soon"), "settings.timeout").hasMessageContaining("not a duration");
        refused(with("expectedStatus", "2xx"), "settings.expectedStatus")
                .hasMessageContaining("list of HTTP status codes");
        refused(with("expectedStatus", List.of(200, "202")), "settings.expectedStatus")
                .hasMessageContaining("list of HTTP status codes");
        refused(with("maxResponseChars", 1.5), "settings.maxResponseChars").hasMessageContaining("whole number");
        refused(with("allowJobOverrides", "yes"), "settings.allowJobOverrides")
                .hasMessageContaining("true or false");
    }

    @Test
    void valuesTheBuilderRefusesNameTheSettingAndTheRule() {
        refused(with("url", "ftp://example.test/x"), "settings.url").hasMessageContaining("http://");
        refused(with("url", "https://example.test/{{kwarg.x}}"), "settings.url")
                .hasMessageContaining("{{kwarg.x}}");
        refused(with("method", "TRACE"), "settings.method").hasMessageContaining("must be one of");
        refused(with("headers", Map.of("Host", "x")), "settings.headers").hasMessageContaining("'Host'");
        refused(with("expectedStatus", List.of(700)), "settings.expectedStatus")
                .hasMessageContaining("100..599");
        refused(with("hmacSecret", "short"), "settings.hmacSecret").hasMessageContaining("at least 16")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short"));
        refused(with("maxResponseChars", 0), "settings.maxResponseChars").hasMessageContaining("between 1 and");
        refused(with("timeout", "0s"), "settings.timeout").hasMessageContaining("must be positive");
        Map<String, Object> getWithBody = with("method", "GET");
        refused(getWithBody, "settings.bodyTemplate").hasMessageContaining("GET requests carry no body");
    }

    @Test
    void executorsWithTheSameConnectTimeoutShareOneClient() {
        var first = create(full()).client();
        var second = create(with("url", "https://other.example.test/")).client();
        var other = create(with("connectTimeout", "7s")).client();

        assertThat(second).isSameAs(first);
        assertThat(other).isNotSameAs(first);
    }

    @Test
    void executorDescriptionShowsNoSecret() {
        assertThat(create(full()).settings().toString()).contains("Authorization", "signed=true")
                .doesNotContain("sekrit", "shared-secret");
    }
}
