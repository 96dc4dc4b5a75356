package io.hourglass.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerSettingsTest {

    @Test
    void defaultsAreSafe() {
        ContainerSettings settings = ContainerSettings.builder().build();

        assertThat(settings.endpoint()).hasToString(ContainerSettings.DEFAULT_ENDPOINT);
        assertThat(settings.allowedImages()).isEmpty();
        assertThat(settings.allowedHostPaths()).isEmpty();
        assertThat(settings.pullPolicy()).isEqualTo(PullPolicy.IF_MISSING);
        assertThat(settings.memoryBytes()).isNull();
        assertThat(settings.network()).isEqualTo("bridge");
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertRefused(ContainerSettings.builder().endpoint("http://docker:2375"), "endpoint");
        assertRefused(ContainerSettings.builder().apiVersion("latest"), "apiVersion");
        assertRefused(ContainerSettings.builder().nodeName(" "), "nodeName");
        assertRefused(ContainerSettings.builder().network("host"), "network");
        assertRefused(ContainerSettings.builder().allowedNetworks(Set.of("none")), "network");
        assertRefused(ContainerSettings.builder().label("io.hourglass.job-id", "7"), "labels");
        assertRefused(ContainerSettings.builder().allowedHostPaths(List.of(Path.of("relative"))), "allowedHostPaths");
        assertRefused(ContainerSettings.builder().cpus(-1.0), "cpus");
        assertRefused(ContainerSettings.builder().maxConnections(0), "maxConnections");
        assertThatThrownBy(() -> ContainerSettings.builder().memory("12q"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("memory"));
    }

    private static void assertRefused(ContainerSettings.Builder builder, String field) {
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
