package io.hourglass.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.HourglassBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's settings from each source, in precedence order, and a bad value named with the source that gave it. */
class EngineSettingsTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("hourglass.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void leaseDurationComesFromTheOptionThenTheEnvironmentThenTheFileThenTheDefault() throws IOException {
        Path file = yaml("leaseDuration: 40s\n");
        Map<String, String> env = Map.of("HOURGLASS_LEASE_DURATION", "50s");
        Map<Setting, String> option = Map.of(Setting.LEASE_DURATION, "1m");

        assertThat(ServerConfigLoader.load(option, file, env).engine().leaseDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ServerConfigLoader.load(Map.of(), file, env).engine().leaseDuration()).isEqualTo(Duration.ofSeconds(50));
        assertThat(ServerConfigLoader.load(Map.of(), file, Map.of()).engine().leaseDuration())
                .isEqualTo(Duration.ofSeconds(40));
        assertThat(ServerConfigLoader.load(Map.of(), null, Map.of()).engine().leaseDuration())
                .isEqualTo(HourglassBuilder.DEFAULT_LEASE_DURATION);
    }

    @Test
    void everyEngineSettingIsReadFromEachSource() throws IOException {
        Path file = yaml("claimBatchSize: 11\nprefetch: 12\ncompletionBatchSize: 13\npollInterval: 250ms\n"
                + "heartbeatInterval: 2s\nmisfireGrace: 0s\nmaxOutputChars: 100\nhistoryRetention: 7d\n");
        EngineSettings fromFile = ServerConfigLoader.load(Map.of(), file, Map.of()).engine();
        assertThat(fromFile).isEqualTo(new EngineSettings(11, 12, 13, HourglassBuilder.DEFAULT_LEASE_DURATION,
                Duration.ofSeconds(2), Duration.ofMillis(250), Duration.ZERO, 100, Duration.ofDays(7),
                HourglassBuilder.DEFAULT_CLAIM_AHEAD));

        EngineSettings fromEnv = ServerConfigLoader.load(Map.of(), file, Map.of("HOURGLASS_CLAIM_BATCH_SIZE", "21",
                "HOURGLASS_PREFETCH", "0", "HOURGLASS_COMPLETION_BATCH_SIZE", "23", "HOURGLASS_POLL_INTERVAL", "5s",
                "HOURGLASS_HEARTBEAT_INTERVAL", "3s", "HOURGLASS_MISFIRE_GRACE", "5m",
                "HOURGLASS_MAX_OUTPUT_CHARS", "200", "HOURGLASS_HISTORY_RETENTION", "PT12H")).engine();
        assertThat(fromEnv).isEqualTo(new EngineSettings(21, 0, 23, HourglassBuilder.DEFAULT_LEASE_DURATION,
                Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofMinutes(5), 200, Duration.ofHours(12),
                HourglassBuilder.DEFAULT_CLAIM_AHEAD));

        EngineSettings fromOptions = ServerConfigLoader.load(Map.of(Setting.CLAIM_BATCH_SIZE, "31",
                Setting.MAX_OUTPUT_CHARS, "0", Setting.HEARTBEAT_INTERVAL, "4s"), file, Map.of()).engine();
        assertThat(fromOptions.claimBatchSize()).isEqualTo(31);
        assertThat(fromOptions.maxOutputChars()).isZero();
        assertThat(fromOptions.heartbeatInterval()).isEqualTo(Duration.ofSeconds(4));
        assertThat(fromOptions.prefetch()).as("the file still gives the rest").isEqualTo(12);
    }

    @Test
    void withoutAHeartbeatIntervalTheBuilderChoosesIt() {
        assertThat(ServerConfigLoader.load(Map.of(), null, Map.of()).engine().heartbeatInterval()).isNull();
    }

    @Test
    void aBadOptionNamesTheSettingTheRuleAndTheOption() {
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.LEASE_DURATION, "100ms"), null, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting --lease-duration / HOURGLASS_LEASE_DURATION / leaseDuration must be at least"
                        + " 300ms, was '100ms' (from --lease-duration)");
    }

    @Test
    void aBadEnvironmentVariableNamesTheVariable() {
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(), null, Map.of("HOURGLASS_CLAIM_BATCH_SIZE", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting --claim-batch-size / HOURGLASS_CLAIM_BATCH_SIZE / claimBatchSize must be a whole"
                        + " number between 1 and 10000, was 'lots' (from HOURGLASS_CLAIM_BATCH_SIZE)");
    }

    @Test
    void aBadYamlValueNamesTheKeyAndTheFile() throws IOException {
        Path file = yaml("historyRetention: soon\n");
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(), file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("setting --history-retention / HOURGLASS_HISTORY_RETENTION / historyRetention"
                        + " must be a duration such as 30s")
                .hasMessageEndingWith("was 'soon' (from historyRetention in " + file + ")");
        Path negative = yaml("misfireGrace: -PT1S\n");
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(), negative, Map.of()))
                .hasMessageContaining("misfireGrace must be at least 0s, was '-PT1S'");
    }

    @Test
    void aHeartbeatLongerThanHalfTheLeaseIsRefusedNamingBoth() {
        assertThatThrownBy(() -> ServerConfigLoader.load(Map.of(Setting.HEARTBEAT_INTERVAL, "20s"), null,
                Map.of("HOURGLASS_LEASE_DURATION", "30s")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting --heartbeat-interval / HOURGLASS_HEARTBEAT_INTERVAL / heartbeatInterval must be"
                        + " at most half of --lease-duration (15s) so one late beat does not lose leases, was '20s'"
                        + " (from --heartbeat-interval)");
    }
}
