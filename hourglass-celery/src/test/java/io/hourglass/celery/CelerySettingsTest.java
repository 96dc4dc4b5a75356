package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CelerySettingsTest {

    @Test
    void defaultsPublishToTheCeleryQueueOnLocalRabbitMq() {
        CelerySettings settings = CelerySettings.builder().resultBackendUrl("redis://127.0.0.1:6379/1").build();

        assertThat(settings.brokerUrl()).isEqualTo(CelerySettings.DEFAULT_BROKER_URL);
        assertThat(settings.brokerKind()).isEqualTo(CelerySettings.BrokerKind.AMQP);
        assertThat(settings.queue()).isEqualTo("celery");
        assertThat(settings.effectiveRoutingKey()).isEqualTo("celery");
        assertThat(settings.resultTimeout()).isEqualTo(CelerySettings.DEFAULT_RESULT_TIMEOUT);
        assertThat(settings.origin()).startsWith("hourglass@");
    }

    @Test
    void waitingForResultsNeedsAResultBackend() {
        assertThatThrownBy(() -> CelerySettings.builder().build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("result backend");
        assertThat(CelerySettings.builder().fireAndForget(true).build().resultBackendUrl()).isNull();
    }

    @Test
    void unknownBrokerSchemeIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> CelerySettings.builder().brokerUrl("sqs://user:secret@host/").fireAndForget(true)
                .build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("amqp://").hasMessageNotContaining("secret");
    }

    @Test
    void softTimeLimitAboveTheHardOneIsRefused() {
        assertThatThrownBy(() -> CelerySettings.builder().fireAndForget(true).softTimeLimit(Duration.ofMinutes(2))
                .hardTimeLimit(Duration.ofMinutes(1)).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("soft time limit");
    }

    @Test
    void redactHidesOnlyThePassword() {
        assertThat(CelerySettings.redact("amqp://guest:guest@127.0.0.1:5672//"))
                .isEqualTo("amqp://guest:***@127.0.0.1:5672//");
        assertThat(CelerySettings.redact("redis://127.0.0.1:6379/0")).isEqualTo("redis://127.0.0.1:6379/0");
    }

    @Test
    void kombuStyleDefaultVhostBecomesAnAmqpUri() {
        assertThat(AmqpConnection.kombuToAmqpUri("amqp://guest:guest@127.0.0.1:5672//"))
                .isEqualTo("amqp://guest:guest@127.0.0.1:5672/%2F");
        assertThat(AmqpConnection.kombuToAmqpUri("amqp://h:5672/jobs")).isEqualTo("amqp://h:5672/jobs");
    }
}
