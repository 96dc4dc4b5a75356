package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutorSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mapping from a definition's settings, and the sharing of connections; nothing is published. */
class CeleryExecutorTypeTest {
    private static final String BROKER = "redis://:broker-pass@127.0.0.1:6379/0";
    private static final String BACKEND = "redis://127.0.0.1:6379/1";

    private final CeleryExecutorType type = new CeleryExecutorType();

    @AfterEach
    void close() {
        type.close();
    }

    private static Map<String, Object> full() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("brokerUrl", "amqp://hourglass:sekrit@127.0.0.1:5672/jobs");
        settings.put("resultBackendUrl", BACKEND);
        settings.put("celeryTask", "tasks.scrape");
        settings.put("queue", "scrape");
        settings.put("routingKey", "scrape.high");
        settings.put("exchange", "");
        settings.put("fireAndForget", false);
        settings.put("defaultExpires", "1h");
        settings.put("softTimeLimit", "4m");
        settings.put("hardTimeLimit", "5m");
        settings.put("resultTimeout", "30m");
        settings.put("publishTimeout", "5s");
        settings.put("queueMaxPriority", 10);
        settings.put("origin", "hourglass@test");
        return settings;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> settings = full();
        settings.put(key, value);
        return settings;
    }

    private CeleryExecutor create(Map<String, Object> settings) {
        return (CeleryExecutor) type.create("scrape", ExecutorSettings.of("celery", settings));
    }

    private AbstractThrowableAssert<?, ?> refused(Map<String, Object> settings, String field) {
        return assertThatThrownBy(() -> create(settings)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo(field));
    }

    @Test
    void fullSettingsBuildAnExecutorWithEachOfThem() {
        try (CeleryExecutor executor = create(full())) {
            CelerySettings settings = executor.settings();

            assertThat(type.name()).isEqualTo("celery");
            assertThat(settings.brokerUrl()).isEqualTo("amqp://hourglass:sekrit@127.0.0.1:5672/jobs");
            assertThat(settings.brokerKind()).isEqualTo(CelerySettings.BrokerKind.AMQP);
            assertThat(settings.resultBackendUrl()).isEqualTo(BACKEND);
            assertThat(settings.celeryTask()).isEqualTo("tasks.scrape");
            assertThat(settings.queue()).isEqualTo("scrape");
            assertThat(settings.effectiveRoutingKey()).isEqualTo("scrape.high");
            assertThat(settings.exchange()).isEmpty();
            assertThat(settings.fireAndForget()).isFalse();
            assertThat(settings.defaultExpires()).isEqualTo(Duration.ofHours(1));
            assertThat(settings.softTimeLimit()).isEqualTo(Duration.ofMinutes(4));
            assertThat(settings.hardTimeLimit()).isEqualTo(Duration.ofMinutes(5));
            assertThat(settings.resultTimeout()).isEqualTo(Duration.ofMinutes(30));
            assertThat(settings.publishTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(settings.queueMaxPriority()).isEqualTo(10);
            assertThat(settings.origin()).isEqualTo("hourglass@test");
            assertThat(settings.toString()).contains("amqp://hourglass:***@127.0.0.1").doesNotContain("sekrit");
        }
    }

    @Test
    void aResultBackendIsEnoughAndTheRestKeepsTheBuildersDefaults() {
        try (CeleryExecutor executor = create(Map.of("resultBackendUrl", BACKEND))) {
            CelerySettings settings = executor.settings();

            assertThat(settings.brokerUrl()).isEqualTo(CelerySettings.DEFAULT_BROKER_URL);
            assertThat(settings.queue()).isEqualTo(CelerySettings.DEFAULT_QUEUE);
            assertThat(settings.celeryTask()).isNull();
            assertThat(settings.resultTimeout()).isEqualTo(CelerySettings.DEFAULT_RESULT_TIMEOUT);
            assertThat(settings.publishTimeout()).isEqualTo(CelerySettings.DEFAULT_PUBLISH_TIMEOUT);
            assertThat(settings.queueMaxPriority()).isNull();
        }
    }

    @Test
    void missingResultBackendIsRefusedUnlessFireAndForget() {
        refused(Map.of("brokerUrl", BROKER), "settings.resultBackendUrl")
                .hasMessageContaining("needs a result backend URL unless fireAndForget is set");
        try (CeleryExecutor executor = create(Map.of("brokerUrl", BROKER, "fireAndForget", true))) {
            assertThat(executor.settings().fireAndForget()).isTrue();
        }
    }

    @Test
    void unknownSettingIsRefusedListingTheKnownOnes() {
        refused(with("broker", BROKER), "settings.broker")
                .hasMessageContaining("not a setting of the celery executor").hasMessageContaining("brokerUrl");
    }

    @Test
    void wrongTypesNameTheSettingAndWhatWasExpected() {
        refused(with("brokerUrl", 6379), "settings.brokerUrl").hasMessageContaining("must be a string");
        refused(with("fireAndForget", "yes"), "settings.fireAndForget").hasMessageContaining("true or false");
        refused(with("softTimeLimit", 30), "settings.softTimeLimit").hasMessageContaining("must be a string");
        refused(with("resultTimeout", "soon"), "settings.resultTimeout").hasMessageContaining("not a duration");
        refused(with("queueMaxPriority", 1.5), "settings.queueMaxPriority").hasMessageContaining("whole number");
    }

    @Test
    void valuesTheBuilderRefusesNameTheSettingAndTheRule() {
        refused(with("brokerUrl", "http://127.0.0.1:5672"), "settings.brokerUrl")
                .hasMessageContaining("must start with amqp://, amqps:// or redis://");
        refused(with("resultBackendUrl", "amqp://127.0.0.1"), "settings.resultBackendUrl")
                .hasMessageContaining("must start with redis://");
        refused(with("queue", " "), "settings.queue").hasMessageContaining("must not be blank");
        refused(with("celeryTask", ""), "settings.celeryTask").hasMessageContaining("must not be blank");
        refused(with("queueMaxPriority", 0), "settings.queueMaxPriority").hasMessageContaining("between 1 and 255");
        refused(with("softTimeLimit", "6m"), "settings.softTimeLimit")
                .hasMessageContaining("soft time limit must not exceed the hard one");
        refused(with("publishTimeout", "0s"), "settings.publishTimeout").hasMessageContaining("must be positive");
    }

    @Test
    void malformedUrlsAreRefusedWithoutShowingThePassword() {
        refused(with("brokerUrl", "amqp://hourglass:sek rit@127.0.0.1:5672/jobs"), "settings.brokerUrl")
                .hasMessageContaining("not a valid URL").hasMessageContaining("hourglass:***@")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sek rit"));
        refused(with("resultBackendUrl", "redis:///1"), "settings.resultBackendUrl")
                .hasMessageContaining("must name a host");
        refused(with("brokerUrl", "http://user:hunter2@host/"), "settings.brokerUrl")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void executorsOnTheSameBrokerAndBackendShareTheirConnectionsUntilTheLastIsClosed() {
        Map<String, Object> redis = Map.of("brokerUrl", BROKER, "resultBackendUrl", BACKEND, "queue", "a");
        CeleryExecutor first = create(redis);
        CeleryExecutor second = create(Map.of("brokerUrl", BROKER, "resultBackendUrl", BACKEND, "queue", "b"));
        assertThat(type.openConnections()).as("one broker pool, one result subscription").isEqualTo(2);

        CeleryExecutor otherBroker = create(full());
        assertThat(type.openConnections()).as("plus one AMQP connection").isEqualTo(3);

        first.close();
        first.close();
        assertThat(type.openConnections()).isEqualTo(3);
        otherBroker.close();
        assertThat(type.openConnections()).as("the AMQP connection went with its last user").isEqualTo(2);
        second.close();
        assertThat(type.openConnections()).isZero();
    }

    @Test
    void closingTheTypeClosesWhatIsStillSharedAndRefusesNewExecutors() {
        create(full());
        create(Map.of("brokerUrl", BROKER, "fireAndForget", true));

        type.close();

        assertThat(type.openConnections()).isZero();
        assertThatThrownBy(() -> create(full())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed").hasMessageNotContaining("sekrit");
    }
}
