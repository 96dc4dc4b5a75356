package io.hourglass.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    @Test
    void defaultsArePostTwoHundredsUnsignedAndNoOverrides() {
        WebhookSettings settings = WebhookSettings.builder("https://example.test/hook").build();

        assertThat(settings.method()).isEqualTo("POST");
        assertThat(settings.expectedStatus()).contains(200, 204, 299).doesNotContain(300, 199);
        assertThat(settings.signed()).isFalse();
        assertThat(settings.allowJobOverrides()).isFalse();
        assertThat(settings.signatureHeader()).isEqualTo("X-Hourglass-Signature");
        assertThat(settings.timeout()).isEqualTo(WebhookSettings.DEFAULT_TIMEOUT);
    }

    @Test
    void unknownPlaceholderIsRefusedAtBuildTime() {
        assertThatThrownBy(() -> WebhookSettings.builder("https://example.test/hook")
                .bodyTemplate("{{kwarg.name}}").build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("bodyTemplate").hasMessageContaining("{{kwarg.name}}");
    }

    @Test
    void nonHttpUrlIsRefused() {
        assertThatThrownBy(() -> WebhookSettings.builder("ftp://example.test/{{job.id}}").build())
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("url").hasMessageContaining("http://");
    }

    @Test
    void bodyTemplateWithGetIsRefused() {
        assertThatThrownBy(() -> WebhookSettings.builder("https://example.test/hook").method("GET")
                .bodyTemplate("x").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("GET requests carry no body");
    }

    @Test
    void headersTheClientOrSignatureOwnAreRefused() {
        assertThatThrownBy(() -> WebhookSettings.builder("https://example.test/hook").header("Host", "x").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'Host'");
        assertThatThrownBy(() -> WebhookSettings.builder("https://example.test/hook")
                .header("X-Hourglass-Signature", "forged").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("X-Hourglass-Signature");
    }

    @Test
    void outOfRangeValuesNameTheField() {
        assertThatThrownBy(() -> WebhookSettings.builder("https://example.test/hook").timeout(Duration.ZERO).build())
                .hasMessageStartingWith("timeout:");
        assertThatThrownBy(() -> WebhookSettings.builder("https://example.test/hook").expectedStatus(700).build())
                .hasMessageStartingWith("expectedStatus:");
        assertThatThrownBy(() -> WebhookSettings.builder("https://example.test/hook").maxResponseChars(0).build())
                .hasMessageStartingWith("maxResponseChars:");
        assertThatThrownBy(() -> WebhookSettings.builder("https://example.test/hook").hmacSecret("short").build())
                .hasMessageStartingWith("hmacSecret:");
        assertThatThrownBy(() -> WebhookSettings.builder("https://example.test/hook").method("TRACE").build())
                .hasMessageStartingWith("method:");
    }

    @Test
    void descriptionHidesSecretsQueryAndHeaderValues() {
        WebhookSettings settings = WebhookSettings.builder("https://user:pw@example.test/hook?token=abc")
                .header("Authorization", "Bearer sekrit").hmacSecret("a-long-shared-secret-for-tests").build();

        assertThat(settings.toString()).contains("example.test/hook?...", "Authorization", "signed=true",
                        "expectedStatus=[200-299]")
                .doesNotContain("abc", "sekrit", "shared-secret", "pw");
    }
}
