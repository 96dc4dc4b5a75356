package io.hourglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.store.Store;
import io.hourglass.task.Task;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HourglassBuilderTest {
    /** Building only brings the schema up to date (so clients work before start): any other call fails the test. */
    private static final Store UNTOUCHED = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(),
            new Class<?>[] {Store.class}, (proxy, method, args) -> {
                if (method.getName().equals("migrate")) {
                    return null;
                }
                throw new AssertionError("build() called Store." + method.getName());
            });

    private static HourglassBuilder builder() {
        return Hourglass.builder().store(UNTOUCHED);
    }

    @Test
    void defaultsBuildANodeWithAGeneratedName() {
        Hourglass node = builder().task(Task.of("a", ctx -> { })).build();
        assertThat(node.nodeName()).isNotBlank();
        assertThat(node.tasks()).extracting(Task::name).containsExactly("a");
        assertThat(node.isRunning()).isFalse();
    }

    @Test
    void storeIsRequired() {
        assertThatThrownBy(() -> Hourglass.builder().build())
                .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("store:");
    }

    @Test
    void duplicateTaskNamesAreRefused() {
        assertThatThrownBy(() -> builder().task(Task.of("a", ctx -> { })).task(Task.of("a", ctx -> { })))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'a' is registered twice");
    }

    @Test
    void heartbeatMustFitTwiceIntoTheLease() {
        assertThatThrownBy(() -> builder().leaseDuration(Duration.ofSeconds(2))
                .heartbeatInterval(Duration.ofSeconds(2)).build())
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("heartbeatInterval"));
    }

    @Test
    void outOfRangeSettingsNameTheSettingAndTheValue() {
        assertThatThrownBy(() -> builder().workerThreads(-1).build())
                .hasMessage("workerThreads: must be between 0 and 10000, was -1");
        assertThatThrownBy(() -> builder().claimBatchSize(0).build()).hasMessageStartingWith("claimBatchSize:");
        assertThatThrownBy(() -> builder().pollInterval(Duration.ofMillis(1)).build())
                .hasMessageStartingWith("pollInterval:");
        assertThatThrownBy(() -> builder().leaseDuration(Duration.ofMillis(10)).build())
                .hasMessageStartingWith("leaseDuration:");
        assertThatThrownBy(() -> builder().maxOutputChars(-5).build()).hasMessageStartingWith("maxOutputChars:");
        assertThatThrownBy(() -> builder().nodeName(" ").build()).hasMessageStartingWith("nodeName:");
    }
}
