package io.hourglass.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hourglass.HourglassBuilder;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** IDEs complete every builder setting under hourglass.*, and the properties' defaults are the builder's. */
class StarterMetadataTest {
    /** Builder settings that are objects, not values: a customizer sets them. */
    private static final Set<String> NOT_PROPERTIES = Set.of("store", "clock", "task", "tasks", "executorType",
            "secrets", "listener", "feedReader", "ownedStore", "build");

    @Test
    void everyBuilderSettingHasADocumentedProperty() throws Exception {
        Set<String> documented = new HashSet<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("metadata written by spring-boot-configuration-processor").isNotNull();
            for (JsonNode property : new ObjectMapper().readTree(in).get("properties")) {
                assertThat(property.path("description").asText()).as(property.get("name").asText()).isNotBlank();
                documented.add(property.get("name").asText());
            }
        }
        Set<String> settings = Arrays.stream(HourglassBuilder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).filter(name -> !NOT_PROPERTIES.contains(name))
                .map(name -> "hourglass." + name.replaceAll("([A-Z])", "-$1").toLowerCase())
                .collect(Collectors.toSet());

        assertThat(settings).isNotEmpty();
        assertThat(documented).containsAll(settings);
    }

    @Test
    void propertyDefaultsAreTheBuildersDefaults() {
        HourglassProperties defaults = new HourglassProperties();

        assertThat(defaults.getWorkerThreads()).isEqualTo(HourglassBuilder.DEFAULT_WORKER_THREADS);
        assertThat(defaults.getClaimBatchSize()).isEqualTo(HourglassBuilder.DEFAULT_CLAIM_BATCH_SIZE);
        assertThat(defaults.getPrefetch()).isEqualTo(HourglassBuilder.DEFAULT_PREFETCH);
        assertThat(defaults.getClaimAhead()).isEqualTo(HourglassBuilder.DEFAULT_CLAIM_AHEAD);
        assertThat(defaults.getLeaseDuration()).isEqualTo(HourglassBuilder.DEFAULT_LEASE_DURATION);
        assertThat(defaults.getHeartbeatInterval()).isNull();
        assertThat(defaults.getPollInterval()).isEqualTo(HourglassBuilder.DEFAULT_POLL_INTERVAL);
        assertThat(defaults.getMisfireGrace()).isEqualTo(HourglassBuilder.DEFAULT_MISFIRE_GRACE);
        assertThat(defaults.getMaxOutputChars()).isEqualTo(HourglassBuilder.DEFAULT_MAX_OUTPUT_CHARS);
        assertThat(defaults.getHistoryRetention()).isEqualTo(HourglassBuilder.DEFAULT_HISTORY_RETENTION);
        assertThat(defaults.getCompletionBatchSize()).isEqualTo(HourglassBuilder.DEFAULT_COMPLETION_BATCH_SIZE);
        assertThat(defaults.getStopGrace()).isEqualTo(io.hourglass.Hourglass.DEFAULT_STOP_GRACE);
        assertThat(defaults.getLeaseDuration()).isGreaterThan(Duration.ZERO);
    }
}
