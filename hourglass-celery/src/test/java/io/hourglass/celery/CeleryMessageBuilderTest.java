package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protocol v2 message, checked against Celery's documented message format (task protocol 2). */
class CeleryMessageBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final String ID = "0b6a2d42-52f3-4c1b-9a55-3a3c3e0d3f11";

    private CeleryMessage build(CelerySettings settings, List<Object> args, Map<String, Object> kwargs) {
        return new CeleryMessageBuilder(settings, JSON).build("tasks.add", ID, args, kwargs, 0, NOW);
    }

    private static CelerySettings.Builder settings() {
        return CelerySettings.builder().resultBackendUrl("redis://127.0.0.1:6379/1").origin("hourglass@test");
    }

    @Test
    void bodyIsArgsKwargsAndAnEmptyEmbed() throws Exception {
        CeleryMessage message = build(settings().build(), List.of(4, 5), Map.of());

        assertThat(JSON.readTree(message.body())).isEqualTo(JSON.readTree(
                "[[4,5],{},{\"callbacks\":null,\"errbacks\":null,\"chain\":null,\"chord\":null}]"));
    }

    @Test
    void headersCarryWhatTheWorkerRequires() {
        Map<String, Object> headers = build(settings().build(), List.of(4, 5), Map.of()).headers();

        assertThat(headers).containsEntry("lang", "py").containsEntry("task", "tasks.add").containsEntry("id", ID)
                .containsEntry("root_id", ID).containsEntry("parent_id", null).containsEntry("group", null)
                .containsEntry("eta", null).containsEntry("expires", null).containsEntry("retries", 0)
                .containsEntry("timelimit", Arrays.asList(null, null)).containsEntry("argsrepr", "(4, 5)")
                .containsEntry("kwargsrepr", "{}").containsEntry("origin", "hourglass@test")
                .containsEntry("ignore_result", false);
    }

    @Test
    void expiresIsIsoUtcFromTheGivenTime() {
        CeleryMessage message = build(settings().defaultExpires(Duration.ofMinutes(5)).build(), List.of(), Map.of());

        assertThat(message.headers()).containsEntry("expires", "2026-11-24T12:05:00Z");
    }

    @Test
    void timeLimitsAreHardThenSoftInSecondsAsCeleryOrdersThem() {
        CeleryMessage message = build(settings().softTimeLimit(Duration.ofSeconds(30))
                .hardTimeLimit(Duration.ofMinutes(1)).build(), List.of(), Map.of());

        assertThat(message.headers()).containsEntry("timelimit", List.of(60L, 30L));
    }

    @Test
    void fireAndForgetAsksTheWorkerNotToStoreAResult() {
        CeleryMessage message = build(CelerySettings.builder().fireAndForget(true).build(), List.of(), Map.of());

        assertThat(message.headers()).containsEntry("ignore_result", true);
    }

    @Test
    void routingDefaultsToTheQueueOnTheDefaultExchange() {
        CeleryMessage message = build(settings().queue("scrape").build(), List.of(), Map.of());

        assertThat(message.exchange()).isEmpty();
        assertThat(message.routingKey()).isEqualTo("scrape");
    }

    @Test
    void argumentsThatAreNotJsonAreRefusedNamingTheTask() {
        assertThatThrownBy(() -> build(settings().build(), List.of(new Object()), Map.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("tasks.add");
    }
}
