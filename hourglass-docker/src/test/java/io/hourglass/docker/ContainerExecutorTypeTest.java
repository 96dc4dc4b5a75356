package io.hourglass.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutorSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The mapping from a definition's settings; no engine is contacted (the client connects on first use). */
class ContainerExecutorTypeTest {
    private final ContainerExecutorType type = new ContainerExecutorType(node().build());

    @AfterEach
    void close() {
        type.close();
    }

    private static ContainerSettings.Builder node() {
        return ContainerSettings.builder().endpoint("unix:///nonexistent/engine.sock").nodeName("node-7")
                .allowedImages(List.of("localhost/*", "myorg/*:*")).allowedHostPaths(List.of(Path.of("/srv/data")))
                .memory("128m").network("none").label("owner", "ops");
    }

    private static Map<String, Object> full() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("image", "localhost/scraper:2.3");
        settings.put("memory", "256m");
        settings.put("cpus", 1.5);
        settings.put("network", "bridge");
        settings.put("pullPolicy", "never");
        settings.put("labels", Map.of("team", "billing"));
        settings.put("maxOutputChars", 1000);
        settings.put("errorTailChars", 100);
        return settings;
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> settings = full();
        settings.put(key, value);
        return settings;
    }

    private ContainerSettings create(Map<String, Object> settings) {
        return ((ContainerExecutor) type.create("scrape", ExecutorSettings.of("container", settings))).settings();
    }

    private AbstractThrowableAssert<?, ?> refused(Map<String, Object> settings, String field) {
        return assertThatThrownBy(() -> create(settings)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo(field));
    }

    @Test
    void fullSettingsBuildAnExecutorWithThemWithinTheNodesLimits() {
        ContainerSettings settings = create(full());

        assertThat(type.name()).isEqualTo("container");
        assertThat(settings.image()).isEqualTo("localhost/scraper:2.3");
        assertThat(settings.memoryBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(settings.cpus()).isEqualTo(1.5);
        assertThat(settings.network()).isEqualTo("bridge");
        assertThat(settings.pullPolicy()).isEqualTo(PullPolicy.NEVER);
        assertThat(settings.labels()).containsOnly(Map.entry("owner", "ops"), Map.entry("team", "billing"));
        assertThat(settings.maxOutputChars()).isEqualTo(1000);
        assertThat(settings.errorTailChars()).isEqualTo(100);
        assertThat(settings.endpoint()).hasToString("unix:///nonexistent/engine.sock");
        assertThat(settings.nodeName()).isEqualTo("node-7");
        assertThat(settings.allowedImages()).containsExactly("localhost/*", "myorg/*:*");
        assertThat(settings.allowedHostPaths()).containsExactly(Path.of("/srv/data"));
    }

    @Test
    void emptySettingsTakeTheNodesDefaultsAndLeaveTheImageToEachJob() {
        ContainerSettings settings = create(Map.of());

        assertThat(settings.image()).isNull();
        assertThat(settings.memoryBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(settings.cpus()).isNull();
        assertThat(settings.network()).isEqualTo("none");
        assertThat(settings.pullPolicy()).isEqualTo(ContainerSettings.DEFAULT_PULL_POLICY);
        assertThat(settings.labels()).containsOnly(Map.entry("owner", "ops"));
        assertThat(settings.maxOutputChars()).isEqualTo(ContainerSettings.DEFAULT_MAX_OUTPUT_CHARS);
    }

    @Test
    void aTypeWithoutAllowedImagesOrWithAFixedImageCannotBeBuilt() {
        assertThatThrownBy(() -> new ContainerExecutorType(ContainerSettings.builder().build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("allowedImages:")
                .hasMessageContaining("do not register the type");
        assertThatThrownBy(() -> new ContainerExecutorType(node().image("localhost/app").build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("image:");
    }

    @Test
    void imageOutsideTheAllowListIsRefusedNamingThePatterns() {
        refused(with("image", "docker.io/library/alpine:3"), "settings.image")
                .hasMessageContaining("'docker.io/library/alpine:3' matches none of this node's allowed image "
                        + "patterns [localhost/*, myorg/*:*]");
        refused(with("image", "myorg/team/x:1"), "settings.image").hasMessageContaining("matches none");
        assertThat(create(with("image", "myorg/app:1")).image()).isEqualTo("myorg/app:1");
    }

    @Test
    void malformedImageIsRefused() {
        refused(with("image", "Local Host/app"), "settings.image").hasMessageContaining("must be an image name");
        refused(with("image", 7), "settings.image").hasMessageContaining("must be a string");
    }

    @Test
    void limitsOnlyTheOperatorSetsAreRefusedInADefinition() {
        for (String key : List.of("endpoint", "apiVersion", "nodeName", "allowedImages", "allowedNetworks",
                "allowedHostPaths", "connectTimeout", "maxConnections")) {
            refused(with(key, "x"), "settings." + key).hasMessageContaining("decided by the node's operator");
        }
    }

    @Test
    void unknownSettingIsRefusedListingTheKnownOnes() {
        refused(with("command", List.of("echo")), "settings.command")
                .hasMessageContaining("not a setting of the container executor").hasMessageContaining("pullPolicy");
    }

    @Test
    void wrongTypesNameTheSettingAndWhatWasExpected() {
        refused(with("memory", 268435456), "settings.memory").hasMessageContaining("must be a string");
        refused(with("cpus", "2"), "settings.cpus").hasMessageContaining("must be a number");
        refused(with("labels", List.of("team=billing")), "settings.labels").hasMessageContaining("object of strings");
        refused(with("labels", Map.of("tier", 2)), "settings.labels.tier").hasMessageContaining("must be a string");
        refused(with("network", true), "settings.network").hasMessageContaining("must be a string");
        refused(with("maxOutputChars", "lots"), "settings.maxOutputChars").hasMessageContaining("whole number");
    }

    @Test
    void outOfLimitValuesNameTheSettingAndTheRule() {
        refused(with("network", "host"), "settings.network")
                .hasMessageContaining("must be one of the allowed networks");
        refused(with("memory", "1m"), "settings.memory").hasMessageContaining("at least 6m");
        refused(with("memory", "lots"), "settings.memory").hasMessageContaining("a size like");
        refused(with("cpus", 0), "settings.cpus").hasMessageContaining("(0, 1024]");
        refused(with("pullPolicy", "always"), "settings.pullPolicy")
                .hasMessageContaining("\"if_missing\" or \"never\"");
        refused(with("labels", Map.of("io.hourglass.job-id", "1")), "settings.labels")
                .hasMessageContaining("io.hourglass.");
        refused(with("maxOutputChars", -1), "settings.maxOutputChars").hasMessageContaining("between 0 and");
    }

    @Test
    void networksTheNodeDoesNotAllowAreRefused() {
        try (ContainerExecutorType noBridge = new ContainerExecutorType(node().allowedNetworks(Set.of("none"))
                .build())) {
            assertThatThrownBy(() -> noBridge.create("t", ExecutorSettings.of("container", Map.of("network",
                    "bridge")))).isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("settings.network"))
                    .hasMessageContaining("[none]");
        }
    }
}
