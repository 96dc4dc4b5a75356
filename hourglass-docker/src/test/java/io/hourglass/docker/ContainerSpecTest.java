package io.hourglass.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a job's kwargs into a container spec: defaults from the settings, strict checks naming the field. */
class ContainerSpecTest {
    private final ContainerSettings settings = ContainerSettings.builder()
            .allowedImages(List.of("localhost/*"))
            .memory("128m")
            .cpus(1.0)
            .allowedHostPaths(List.of(Path.of("/srv/data")))
            .build();

    private static Map<String, Object> kwargs(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private void assertRefused(Map<String, Object> kwargs, String field, String message) {
        assertThatThrownBy(() -> ContainerSpec.parse(kwargs, settings))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void settingsFillInWhatTheJobLeavesOut() {
        ContainerSpec spec = ContainerSpec.parse(kwargs("image", "localhost/app"), settings);

        assertThat(spec.command()).isEmpty();
        assertThat(spec.env()).isEmpty();
        assertThat(spec.memoryBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(spec.cpus()).isEqualTo(1.0);
        assertThat(spec.network()).isEqualTo(ContainerSettings.DEFAULT_NETWORK);
        assertThat(spec.mounts()).isEmpty();
    }

    @Test
    void jobValuesOverrideTheSettings() {
        ContainerSpec spec = ContainerSpec.parse(kwargs("image", "localhost/app:2", "command", List.of("run", "--fast"),
                "env", Map.of("N", 2, "DRY", true), "workdir", "/work", "memory", "1g", "cpus", "0.25",
                "network", "none", "mounts", List.of("/srv/data/in:/in:ro")), settings);

        assertThat(spec.command()).containsExactly("run", "--fast");
        assertThat(spec.env()).containsEntry("N", "2").containsEntry("DRY", "true");
        assertThat(spec.workdir()).isEqualTo("/work");
        assertThat(spec.memoryBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(spec.cpus()).isEqualTo(0.25);
        assertThat(spec.network()).isEqualTo("none");
        assertThat(spec.mounts()).containsExactly(new ContainerSpec.Mount("/srv/data/in", "/in", true));
    }

    @Test
    void unknownKeysAreRefusedSoTyposDoNotRunTheWrongThing() {
        assertRefused(kwargs("image", "localhost/app", "comand", List.of("x")), "kwargs", "unknown key(s) [comand]");
    }

    @Test
    void imageIsRequiredUnlessTheSettingsFixOne() {
        assertRefused(kwargs(), "image", "is required");
        ContainerSettings fixed = ContainerSettings.builder().image("localhost/fixed:1").build();

        assertThat(ContainerSpec.parse(kwargs(), fixed).image()).isEqualTo("localhost/fixed:1");
        assertThatThrownBy(() -> ContainerSpec.parse(kwargs("image", "localhost/other"), fixed))
                .hasMessage("image: this task runs 'localhost/fixed:1' only, was 'localhost/other'");
    }

    @Test
    void malformedValuesAreRefusedNamingTheField() {
        assertRefused(kwargs("image", "Not An Image"), "image", "must be an image name");
        assertRefused(kwargs("image", "localhost/app", "command", "echo hi"), "command",
                "must be a list of strings, run as-is without a shell");
        assertRefused(kwargs("image", "localhost/app", "command", List.of("echo", 3)), "command[1]",
                "must be a string, was a Integer (3)");
        assertRefused(kwargs("image", "localhost/app", "env", Map.of("1BAD", "x")), "env", "variable names");
        assertRefused(kwargs("image", "localhost/app", "env", Map.of("OK", List.of())), "env.OK",
                "must be a string, number or boolean");
        assertRefused(kwargs("image", "localhost/app", "workdir", "relative"), "workdir", "absolute path");
        assertRefused(kwargs("image", "localhost/app", "memory", "lots"), "memory", "must be a size like");
        assertRefused(kwargs("image", "localhost/app", "memory", "1m"), "memory", "at least 6m");
        assertRefused(kwargs("image", "localhost/app", "cpus", 0), "cpus", "must be in (0, 1024]");
        assertRefused(kwargs("image", "localhost/app", "cpus", "many"), "cpus", "must be a number of CPUs");
        assertRefused(kwargs("image", "localhost/app", "network", "host"), "network",
                "must be one of the allowed networks [bridge, none]");
    }

    @Test
    void mountsMustBeUnderAnAllowedHostPath() {
        assertRefused(kwargs("image", "localhost/app", "mounts", List.of("/srv/data/../../etc:/etc2")), "mounts[0]",
                "host path /etc is not under an allowed host path [/srv/data]");
        assertRefused(kwargs("image", "localhost/app", "mounts", List.of("/srv/data:relative")), "mounts[0]",
                "must be \"/host/path:/container/path\"");
        Map<String, Object> mount = kwargs("image", "localhost/app", "mounts", List.of("/srv/data:/data"));
        assertThatThrownBy(() -> ContainerSpec.parse(mount, ContainerSettings.builder().build()))
                .hasMessageContaining("host mounts are not allowed: configure allowed host paths");
    }
}
