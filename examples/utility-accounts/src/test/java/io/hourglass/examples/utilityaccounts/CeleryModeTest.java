package io.hourglass.examples.utilityaccounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import io.hourglass.celery.CelerySettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the environment selects Celery mode. */
class CeleryModeTest {

    @Test
    void noBrokerMeansTheScrapesRunInTheJvm() {
        assertThat(CeleryMode.fromEnv(Map.of())).isEmpty();
        assertThat(CeleryMode.fromEnv(Map.of(CeleryMode.BROKER_URL, " "))).isEmpty();
    }

    @Test
    void brokerAndResultBackendSelectCeleryOnTheScrapeQueue() {
        CelerySettings settings = CeleryMode.fromEnv(Map.of(
                CeleryMode.BROKER_URL, "amqp://guest:guest@rabbit:5672//",
                CeleryMode.RESULT_BACKEND, "redis://cache:6379/1")).orElseThrow();

        assertThat(settings.brokerUrl()).isEqualTo("amqp://guest:guest@rabbit:5672//");
        assertThat(settings.resultBackendUrl()).isEqualTo("redis://cache:6379/1");
        assertThat(settings.queue()).isEqualTo(ScrapeTasks.QUEUE);
        assertThat(settings.celeryTask()).isNull();
        assertThat(settings.fireAndForget()).isFalse();
    }

    @Test
    void theCeleryQueueCanBeNamed() {
        CelerySettings settings = CeleryMode.fromEnv(Map.of(
                CeleryMode.BROKER_URL, "redis://cache:6379/0",
                CeleryMode.RESULT_BACKEND, "redis://cache:6379/1",
                CeleryMode.QUEUE, "scrape-east")).orElseThrow();

        assertThat(settings.queue()).isEqualTo("scrape-east");
    }

    @Test
    void aBrokerWithoutResultBackendIsRefusedNamingTheMissingVariable() {
        assertThatThrownBy(() -> CeleryMode.fromEnv(Map.of(CeleryMode.BROKER_URL, "redis://cache:6379/0")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo(CeleryMode.RESULT_BACKEND))
                .hasMessageContaining("CELERY_BROKER_URL is set but CELERY_RESULT_BACKEND is not");
    }

    @Test
    void aResultBackendWithoutBrokerIsRefused() {
        assertThatThrownBy(() -> CeleryMode.fromEnv(Map.of(CeleryMode.RESULT_BACKEND, "redis://cache:6379/1")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo(CeleryMode.BROKER_URL));
    }

    @Test
    void aBadUrlIsRefusedNamingItsVariableWithoutThePassword() {
        assertThatThrownBy(() -> CeleryMode.fromEnv(Map.of(
                CeleryMode.BROKER_URL, "http://user:secret@rabbit:5672//",
                CeleryMode.RESULT_BACKEND, "redis://cache:6379/1")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo(CeleryMode.BROKER_URL))
                .hasMessage("CELERY_BROKER_URL: celery broker URL must start with amqp://, amqps:// or redis://, "
                        + "was 'http://user:***@rabbit:5672//'");
        assertThatThrownBy(() -> CeleryMode.fromEnv(Map.of(
                CeleryMode.BROKER_URL, "redis://cache:6379/0",
                CeleryMode.RESULT_BACKEND, "rpc://")))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo(CeleryMode.RESULT_BACKEND));
    }
}
