package io.hourglass.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellExecutorTypeTest {
    @TempDir
    Path dir;

    private ShellExecutorType type() {
        return ShellExecutorType.builder().allow("/bin/echo", "/bin/sh").workingDirectory(dir)
                .passEnv("ACCOUNT_REGION").build();
    }

    private static Map<String, Object> full() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("command", List.of("/bin/echo", "report", "--daily"));
        settings.put("environment", Map.of("LANG", "C.UTF-8", "API_TOKEN", "sekrit"));
        settings.put("timeout", "10m");
        settings.put("maxOutputChars", 4096);
        settings.put("killGrace", "500ms");
        return settings;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> settings = full();
        settings.put(key, value);
        return settings;
    }

    private ShellSettings create(Map<String, Object> settings) {
        return ((ShellExecutor) type().create("report", ExecutorSettings.of("shell", settings))).settings();
    }

    private AbstractThrowableAssert<?, ?> refused(Map<String, Object> settings, String field) {
        return assertThatThrownBy(() -> create(settings)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo(field));
    }

    @Test
    void fullSettingsBuildAnExecutorWithThemAndTheNodesLimits() {
        ShellSettings settings = create(full());

        assertThat(type().name()).isEqualTo("shell");
        assertThat(settings.command()).containsExactly("/bin/echo", "report", "--daily");
        assertThat(settings.environment()).containsOnly(Map.entry("LANG", "C.UTF-8"), Map.entry("API_TOKEN", "sekrit"));
        assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.maxOutputChars()).isEqualTo(4096);
        assertThat(settings.killGrace()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.workingDirectory()).isEqualTo(dir);
        assertThat(settings.passEnv()).containsExactly("ACCOUNT_REGION");
        assertThat(settings.allowJobCommands()).isFalse();
        assertThat(settings.toString()).doesNotContain("sekrit");
    }

    @Test
    void onlyTheCommandIsRequiredAndTheRestKeepsTheBuildersDefaults() {
        ShellSettings settings = create(Map.of("command", List.of("/bin/sh", "-c", "echo hi")));

        assertThat(settings.timeout()).isEqualTo(ShellSettings.DEFAULT_TIMEOUT);
        assertThat(settings.maxOutputChars()).isEqualTo(ShellSettings.DEFAULT_MAX_OUTPUT_CHARS);
        assertThat(settings.killGrace()).isEqualTo(ShellSettings.DEFAULT_KILL_GRACE);
        assertThat(settings.environment()).isEmpty();
    }

    @Test
    void aTypeWithoutAnAllowListCannotBeBuilt() {
        assertThatThrownBy(() -> ShellExecutorType.builder().build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("allow:").hasMessageContaining("do not register the type");
    }

    @Test
    void invalidNodeLimitsAreRefusedWhenTheTypeIsBuilt() {
        assertThatThrownBy(() -> ShellExecutorType.builder().allow("/bin/echo").workingDirectory(dir.resolve("no"))
                .build()).hasMessageStartingWith("workingDirectory:");
        assertThatThrownBy(() -> ShellExecutorType.builder().allow("/bin/echo").passEnv("LD_PRELOAD").build())
                .hasMessageStartingWith("passEnv:");
    }

    @Test
    void commandOutsideTheAllowListIsRefusedNamingTheList() {
        refused(with("command", List.of("/usr/bin/python3", "-c", "print(1)")), "settings.command")
                .hasMessageContaining("'/usr/bin/python3' is not in the allow-list [/bin/echo, /bin/sh]");
    }

    @Test
    void missingCommandIsRefused() {
        Map<String, Object> settings = full();
        settings.remove("command");
        refused(settings, "settings.command").hasMessageContaining("required").hasMessageContaining("/bin/echo");
        refused(with("command", List.of()), "settings.command").hasMessageContaining("non-empty list");
    }

    @Test
    void limitsOnlyTheOperatorSetsAreRefusedInADefinition() {
        refused(with("allow", List.of("/usr/bin/python3")), "settings.allow")
                .hasMessageContaining("decided by the node's operator");
        refused(with("workingDirectory", "/"), "settings.workingDirectory")
                .hasMessageContaining("decided by the node's operator");
        refused(with("passEnv", List.of("HOME")), "settings.passEnv");
        refused(with("allowJobCommands", true), "settings.allowJobCommands");
    }

    @Test
    void unknownSettingIsRefusedListingTheKnownOnes() {
        refused(with("comand", List.of("/bin/echo")), "settings.comand")
                .hasMessageContaining("not a setting of the shell executor").hasMessageContaining("killGrace");
    }

    @Test
    void wrongTypesNameTheSettingAndWhatWasExpected() {
        refused(with("command", "/bin/echo hi"), "settings.command").hasMessageContaining("a list of strings");
        refused(with("command", List.of("/bin/echo", 3)), "settings.command").hasMessageContaining("a list of strings");
        refused(with("environment", Map.of("COUNT", 3)), "settings.environment.COUNT")
                .hasMessageContaining("must be a string");
        refused(with("timeout", 600), "settings.timeout").hasMessageContaining("must be a string");
        refused(with("timeout", "soon"), "settings.timeout").hasMessageContaining("not a duration");
        refused(with("maxOutputChars", "big"), "settings.maxOutputChars").hasMessageContaining("whole number");
    }

    @Test
    void outOfLimitValuesNameTheSettingAndTheRule() {
        refused(with("timeout", "0s"), "settings.timeout").hasMessageContaining("must be positive");
        refused(with("killGrace", "-PT1S"), "settings.killGrace").hasMessageContaining("must be positive");
        refused(with("maxOutputChars", 0), "settings.maxOutputChars").hasMessageContaining("between 1 and");
        refused(with("command", List.of("/bin/echo", "a\0b")), "settings.command").hasMessageContaining("NUL");
    }

    @Test
    void environmentThatWouldChangeWhichCodeRunsIsRefused() {
        refused(with("environment", Map.of("LD_PRELOAD", "/tmp/x.so")), "settings.environment.LD_PRELOAD")
                .hasMessageContaining("changes which code runs");
        refused(with("environment", Map.of("PATH", "/tmp")), "settings.environment.PATH")
                .hasMessageContaining("changes which code runs");
        refused(with("environment", Map.of("ACCOUNT_REGION", "eu")), "settings.environment.ACCOUNT_REGION")
                .hasMessageContaining("passEnv");
        refused(with("environment", Map.of("1X", "y")), "settings.environment.1X")
                .hasMessageContaining("not a valid environment variable name");
    }
}
