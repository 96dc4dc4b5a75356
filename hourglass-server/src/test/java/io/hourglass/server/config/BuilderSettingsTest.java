package io.hourglass.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.Hourglass;
import io.hourglass.HourglassBuilder;
import io.hourglass.InvalidRequestException;
import io.hourglass.NodeSettings;
import io.hourglass.internal.Durations;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.server.HourglassServer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's settings and {@link HourglassBuilder}'s stay in step: every builder setting has a row, the rows'
 * defaults are the builder's, the server refuses exactly the values the builder refuses, and what the server is
 * given is what its node runs with ({@link Hourglass#settings()}).
 */
class BuilderSettingsTest {
    /** Builder settings that are objects, not values: the server wires them itself. */
    private static final Set<String> NOT_SETTINGS = Set.of("store", "ownedStore", "clock", "task", "tasks",
            "executorType", "secrets", "listener", "feedReader", "build");

    @TempDir
    static Path storeDir;
    private static JdbcStore store;

    @BeforeAll
    static void openStore() {
        store = JdbcStore.embedded(storeDir);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    private static List<Method> builderSettings() {
        return Arrays.stream(HourglassBuilder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !NOT_SETTINGS.contains(m.getName())).toList();
    }

    @Test
    void everyBuilderSettingHasAServerSetting() {
        List<String> missing = builderSettings().stream().map(Method::getName)
                .filter(name -> Setting.forBuilderSetting(name).isEmpty()).toList();
        assertThat(builderSettings()).hasSizeGreaterThanOrEqualTo(11);
        assertThat(missing).as("builder settings without a row in Setting (add one: option, env, YAML key,"
                + " default, help; read it in EngineSettings and apply it in ServerConfig.applyTo)").isEmpty();
        for (RecordComponent component : NodeSettings.class.getRecordComponents()) {
            if (!component.getName().equals("store")) {
                assertThat(Setting.forBuilderSetting(component.getName())).as(component.getName()).isPresent();
            }
        }
    }

    @Test
    void theDefaultsAreTheBuilders() {
        ServerConfig defaults = ServerConfigLoader.load(Map.of(), null, Map.of());
        assertThat(defaults.engine()).isEqualTo(EngineSettings.DEFAULTS);
        assertThat(defaults.workerThreads()).isEqualTo(HourglassBuilder.DEFAULT_WORKER_THREADS);
        assertThat(Setting.LEASE_DURATION.defaultValue()).isEqualTo("30s");
        assertThat(Setting.HISTORY_RETENTION.defaultValue()).isEqualTo("30d");
    }

    @Test
    void whatTheServerIsGivenIsWhatItsNodeRunsWith(@TempDir Path dataDir) {
        ServerConfig config = ServerConfigLoader.load(Map.of(Setting.WORKER_THREADS, "3",
                Setting.CLAIM_BATCH_SIZE, "17", Setting.PREFETCH, "5", Setting.COMPLETION_BATCH_SIZE, "9",
                Setting.LEASE_DURATION, "45s", Setting.HEARTBEAT_INTERVAL, "7s", Setting.NODE_NAME, "settings-node"),
                null, Map.of("HOURGLASS_PORT", "0", "HOURGLASS_DATA_DIR", dataDir.toString(),
                        "HOURGLASS_POLL_INTERVAL", "250ms", "HOURGLASS_MISFIRE_GRACE", "0s",
                        "HOURGLASS_MAX_OUTPUT_CHARS", "1000", "HOURGLASS_HISTORY_RETENTION", "2d"));
        try (HourglassServer server = HourglassServer.start(config, Clock.systemUTC(),
                EnvironmentSecrets.from(Map.of()))) {
            NodeSettings settings = server.hourglass().settings();
            assertThat(settings).isEqualTo(new NodeSettings("settings-node", settings.store(), 3, 17, 5,
                    Duration.ofSeconds(45), Duration.ofSeconds(7), Duration.ofMillis(250), Duration.ZERO, 1000,
                    Duration.ofDays(2), 9, HourglassBuilder.DEFAULT_CLAIM_AHEAD));
        }
    }

    @Test
    void aValueOnlyTheBuilderRefusesStillStopsTheServerNamingTheSetting(@TempDir Path dataDir) {
        EngineSettings unchecked = new EngineSettings(0, 0, 1, Duration.ofSeconds(30), null, Duration.ofSeconds(1),
                Duration.ZERO, 0, Duration.ofDays(1), Duration.ZERO); // made without the loader's checks
        ServerConfig config = ServerConfig.forTests(dataDir).withEngine(unchecked);
        assertThatThrownBy(() -> HourglassServer.start(config, Clock.systemUTC(), EnvironmentSecrets.from(Map.of())))
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting --claim-batch-size / HOURGLASS_CLAIM_BATCH_SIZE / claimBatchSize must be between"
                        + " 1 and 10000, was 0");
    }

    @Test
    void theServerRefusesExactlyWhatTheBuilderRefuses() throws Exception {
        Object[][] cases = {
                {Setting.WORKER_THREADS, "-1", "0", "10000", "10001"},
                {Setting.CLAIM_BATCH_SIZE, "0", "1", "10000", "10001"},
                {Setting.PREFETCH, "-1", "0", "10000", "10001"},
                {Setting.COMPLETION_BATCH_SIZE, "0", "1", "10000", "10001"},
                {Setting.LEASE_DURATION, "299ms", "300ms"},
                {Setting.HEARTBEAT_INTERVAL, "9ms", "10ms", "15s", "15001ms"},
                {Setting.POLL_INTERVAL, "9ms", "10ms"},
                {Setting.MISFIRE_GRACE, "-PT0.001S", "0s"},
                {Setting.MAX_OUTPUT_CHARS, "-1", "0", String.valueOf(Integer.MAX_VALUE)},
                {Setting.HISTORY_RETENTION, "59s", "1m"},
                {Setting.NODE_NAME, "n".repeat(HourglassBuilder.MAX_NODE_NAME_LENGTH),
                        "n".repeat(HourglassBuilder.MAX_NODE_NAME_LENGTH + 1), "a\u0001b"},
        };
        List<String> disagreements = new ArrayList<>();
        for (Object[] row : cases) {
            Setting setting = (Setting) row[0];
            for (int i = 1; i < row.length; i++) {
                String value = (String) row[i];
                boolean server = serverAccepts(setting, value);
                boolean builder = builderAccepts(setting, value);
                if (server != builder) {
                    disagreements.add(setting.option() + " " + value + ": server " + (server ? "accepts" : "refuses")
                            + ", builder " + (builder ? "accepts" : "refuses"));
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static boolean serverAccepts(Setting setting, String value) {
        try {
            ServerConfigLoader.load(Map.of(setting, value), null, Map.of());
            return true;
        } catch (ConfigException e) {
            assertThat(e.getMessage()).contains(setting.label());
            return false;
        }
    }

    /** The value on a builder by the setting's own method, read as its parameter type, then built. */
    private static boolean builderAccepts(Setting setting, String value) throws Exception {
        String name = builderSettings().stream().map(Method::getName)
                .filter(n -> Setting.forBuilderSetting(n).orElse(null) == setting).findFirst().orElseThrow();
        Method method = builderSettings().stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        Class<?> type = method.getParameterTypes()[0];
        Object arg = type == int.class ? Integer.parseInt(value) : type == Duration.class ? Durations.parse(value)
                : value;
        HourglassBuilder builder = Hourglass.builder().store(store);
        try {
            method.invoke(builder, arg);
            builder.build().close();
            return true;
        } catch (InvocationTargetException e) {
            throw e;
        } catch (InvalidRequestException e) {
            return false;
        }
    }
}
