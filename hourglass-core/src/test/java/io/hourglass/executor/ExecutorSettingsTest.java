package io.hourglass.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorSettingsTest {

    private static ExecutorSettings settings(Map<String, Object> values) {
        return ExecutorSettings.of("webhook", values);
    }

    private static void assertField(Runnable read, String field, String message) {
        assertThatThrownBy(read::run)
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void typedReadsReturnValuesOrFallbacks() {
        ExecutorSettings s = settings(Map.of("url", "http://x", "retries", 3, "tls", true, "timeout", "30s",
                "tags", List.of("a", "b"), "headers", Map.of("X-A", "1")));

        assertThat(s.string("url")).isEqualTo("http://x");
        assertThat(s.integer("retries", 0, 0, 10)).isEqualTo(3);
        assertThat(s.bool("tls", false)).isTrue();
        assertThat(s.duration("timeout", null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.strings("tags")).containsExactly("a", "b");
        assertThat(s.stringMap("headers")).containsEntry("X-A", "1");
        assertThat(s.string("method", "POST")).isEqualTo("POST");
        assertThat(s.duration("connectTimeout", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.strings("none")).isEmpty();
    }

    @Test
    void everyFailedReadNamesTheSettingAndTheRule() {
        ExecutorSettings s = settings(Map.of("url", 5, "retries", 2.5, "big", 99, "tls", "yes", "timeout", "soon",
                "negative", "0s", "tags", List.of("a", 1), "headers", Map.of("X-A", 1)));

        assertField(() -> s.string("url"), "settings.url", "must be a string, was 5");
        assertField(() -> s.string("missing"), "settings.missing", "required by the webhook executor");
        assertField(() -> s.integer("retries", 0, 0, 10), "settings.retries", "must be a whole number");
        assertField(() -> s.integer("big", 0, 0, 10), "settings.big", "between 0 and 10, was 99");
        assertField(() -> s.bool("tls", false), "settings.tls", "must be true or false, was the string \"yes\"");
        assertField(() -> s.duration("timeout", null), "settings.timeout", "'soon' is not a duration");
        assertField(() -> s.duration("negative", null), "settings.negative", "must be positive");
        assertField(() -> s.strings("tags"), "settings.tags", "a list of strings");
        assertField(() -> s.stringMap("headers"), "settings.headers.X-A", "must be a string, was 1");
    }

    @Test
    void secretReferencesAreResolvedInEveryStringRead() {
        Secrets secrets = Secrets.of(Map.of("TOKEN", "t0k$n\\1", "PW", "pw"));
        ExecutorSettings s = ExecutorSettings.of("webhook", Map.of("url", "amqp://u:${secret:PW}@h//",
                "args", List.of("${secret:TOKEN}"), "headers", Map.of("Authorization", "Bearer ${secret:TOKEN}"),
                "plain", "${notasecret}"), secrets);

        assertThat(s.string("url")).isEqualTo("amqp://u:pw@h//");
        assertThat(s.strings("args")).containsExactly("t0k$n\\1");
        assertThat(s.stringMap("headers")).containsEntry("Authorization", "Bearer t0k$n\\1");
        assertThat(s.string("plain")).isEqualTo("${notasecret}");
        assertThat(s.toString()).doesNotContain("t0k").contains("${secret:TOKEN}");
        assertField(() -> settings(Map.of("headers", Map.of("X", "${secret:TOKEN}"))).stringMap("headers"),
                "settings.headers.X", "refers to secret 'TOKEN', which this node does not have");
    }

    @Test
    void unknownSettingsAreRefusedListingTheKnownOnes() {
        assertField(() -> settings(Map.of("urll", "x")).allowOnly("url", "method"), "settings.urll",
                "not a setting of the webhook executor; it knows [method, url]");
    }

    @Test
    void redactionHidesSecretsAtAnyDepthAndUrlPasswords() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("url", "https://hooks.example/x");
        values.put("broker", "amqp://guest:s3cret@rabbit:5672//");
        values.put("headers", Map.of("Authorization", "Bearer abc", "X-Trace", "on"));
        values.put("signingSecret", "k");
        values.put("backends", List.of("redis://:pw@cache:6379/0"));

        Map<String, Object> shown = ExecutorSettings.redacted(values);

        assertThat(shown).containsEntry("url", "https://hooks.example/x")
                .containsEntry("broker", "amqp://guest:***@rabbit:5672//")
                .containsEntry("headers", Map.of("Authorization", "***", "X-Trace", "on"))
                .containsEntry("signingSecret", "***")
                .containsEntry("backends", List.of("redis://:***@cache:6379/0"));
        assertThat(settings(values).toString()).doesNotContain("s3cret", "abc", "pw@");
    }

    @Test
    void settingsSentBackStillMaskedKeepTheirStoredValuesAndChangedOnesAreTaken() {
        Map<String, Object> stored = Map.of("url", "https://partner.example/hook", "token", "s3cret",
                "headers", Map.of("Authorization", "Bearer abc", "X-Team", "ops"),
                "broker", "amqp://app:pw@rabbit:5672/");
        Map<String, Object> edited = new LinkedHashMap<>(ExecutorSettings.redacted(stored));
        edited.put("url", "https://partner.example/v2/hook");
        edited.put("headers", Map.of("Authorization", "***", "X-Team", "billing"));

        Map<String, Object> saved = ExecutorSettings.restoreRedacted(edited, stored);

        assertThat(saved).containsEntry("url", "https://partner.example/v2/hook").containsEntry("token", "s3cret")
                .containsEntry("headers", Map.of("Authorization", "Bearer abc", "X-Team", "billing"))
                .containsEntry("broker", "amqp://app:pw@rabbit:5672/");
        assertThat(ExecutorSettings.restoreRedacted(Map.of("token", "new-one", "extra", "***"), stored))
                .isEqualTo(Map.of("token", "new-one", "extra", "***"));
    }
}
