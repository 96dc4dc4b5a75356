package io.hourglass.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.ConflictException;
import io.hourglass.InvalidRequestException;
import io.hourglass.executor.ExecutionResult;
import io.hourglass.executor.ExecutorSettings;
import io.hourglass.executor.ExecutorType;
import io.hourglass.executor.JobExecutor;
import io.hourglass.executor.Secrets;
import io.hourglass.queue.RankerSpec;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.Task;
import io.hourglass.task.TaskDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRegistryTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    /** Builds executors that say which greeting they were defined with, and records which were closed. */
    static final class GreetingType implements ExecutorType {
        final List<String> closed = new ArrayList<>();

        @Override
        public String name() {
            return "greeting";
        }

        @Override
        public JobExecutor create(String taskName, ExecutorSettings settings) {
            settings.allowOnly("greeting");
            String greeting = settings.string("greeting");
            return new Greeter(greeting, closed);
        }
    }

    record Greeter(String greeting, List<String> closed) implements JobExecutor, AutoCloseable {
        @Override
        public ExecutionResult execute(io.hourglass.task.JobContext context) {
            context.appendOutput(greeting);
            return ExecutionResult.succeeded();
        }

        @Override
        public void close() {
            closed.add(greeting);
        }
    }

    private final GreetingType type = new GreetingType();
    private final Task codeTask = Task.of("in-code", ctx -> { });
    private final TaskRegistry registry = new TaskRegistry("node-a", Map.of("in-code", codeTask),
            Map.of("greeting", type), Secrets.of(Map.of("GREETING", "hello from a secret")), true);

    private static TaskDefinition hello(String greeting, long version) {
        return TaskDefinition.of("hello", "greeting", Map.of("greeting", greeting)).withQueue("greetings")
                .saved(version, NOW);
    }

    @Test
    void installedDefinitionRunsAlongsideCodeTasks() {
        registry.install(hello("hi", 1), registry.build(hello("hi", 1)));

        assertThat(registry.names()).containsExactlyInAnyOrder("in-code", "hello");
        assertThat(registry.get("hello").queue()).isEqualTo("greetings");
        assertThat(registry.tasks()).extracting(Task::name).containsExactlyInAnyOrder("in-code", "hello");
    }

    @Test
    void anExecutorTheNodeLacksIsRefusedNamingWhatItHas() {
        TaskDefinition shell = TaskDefinition.of("rm", "shell", Map.of());

        assertThatThrownBy(() -> registry.build(shell))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("executor"))
                .hasMessageContaining("node node-a has no executor 'shell'").hasMessageContaining("[greeting]");
    }

    @Test
    void settingsAreCheckedByTheExecutorType() {
        TaskDefinition typo = TaskDefinition.of("hello", "greeting", Map.of("greting", "hi"));

        assertThatThrownBy(() -> registry.build(typo))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("settings.greting"))
                .hasMessageContaining("knows [greeting]");
    }

    @Test
    void secretsArePutInWhenTheExecutorIsBuiltAndAnUnknownOneIsRefused() {
        Task built = registry.build(TaskDefinition.of("hello", "greeting",
                Map.of("greeting", "${secret:GREETING}!")));
        registry.install(hello("x", 1), built);
        type.closed.clear();
        registry.remove("hello");
        assertThat(type.closed).containsExactly("hello from a secret!");

        assertThatThrownBy(() -> registry.build(TaskDefinition.of("hello", "greeting",
                Map.of("greeting", "${secret:NOPE}"))))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("settings.greeting"))
                .hasMessageContaining("refers to secret 'NOPE', which this node does not have");
    }

    @Test
    void codeTasksCannotBeRedefined() {
        assertThatThrownBy(() -> registry.requireNotInCode("in-code", "defined"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("registered in code on node node-a");
    }

    @Test
    void aNewerVersionReplacesTheOldAndClosesItsIdleExecutor() {
        registry.install(hello("hi", 1), registry.build(hello("hi", 1)));
        registry.install(hello("hello", 2), registry.build(hello("hello", 2)));

        assertThat(type.closed).containsExactly("hi");
        assertThat(registry.names()).contains("hello");
    }

    @Test
    void anOlderVersionNeverReplacesANewerOne() {
        registry.install(hello("new", 3), registry.build(hello("new", 3)));
        registry.install(hello("old", 2), registry.build(hello("old", 2)));

        assertThat(type.closed).containsExactly("old");
        assertThat(registry.rules("hello")).isNotNull();
        registry.sync(List.of(hello("old", 2)));
        assertThat(type.closed).containsExactly("old"); // not rebuilt either
    }

    @Test
    void syncBuildsNewDefinitionsAndDropsDeletedOnes() {
        assertThat(registry.sync(List.of(hello("hi", 1)))).isTrue();
        assertThat(registry.names()).contains("hello");

        assertThat(registry.sync(List.of(hello("hi", 1)))).isFalse();
        assertThat(registry.sync(List.of())).isTrue();

        assertThat(registry.names()).containsExactly("in-code");
        assertThat(registry.rules("hello")).isNull();
        assertThat(type.closed).containsExactly("hi");
    }

    @Test
    void aStoredVersionThisNodeCannotBuildStopsTheStaleOneHere() {
        registry.sync(List.of(hello("hi", 1)));
        TaskDefinition broken = TaskDefinition.of("hello", "greeting", Map.of("greeting", 42)).saved(2, NOW);

        registry.sync(List.of(broken));

        assertThat(registry.names()).containsExactly("in-code");
        assertThat(type.closed).containsExactly("hi");
        assertThat(registry.rules("hello").queue()).isEqualTo("default"); // its rules still apply to enqueues
    }

    @Test
    void aNodeThatRunsNoWorkKnowsTheRulesButBuildsNothing() {
        TaskRegistry client = new TaskRegistry("client", Map.of(), Map.of(), Secrets.NONE, false);
        TaskDefinition ranked = hello("hi", 1).withRanker(RankerSpec.fixed(7))
                .withRetryPolicy(RetryPolicy.NONE);

        client.sync(List.of(ranked));

        assertThat(client.names()).isEmpty();
        TaskRegistry.Rules rules = client.rules("hello");
        assertThat(rules.queue()).isEqualTo("greetings");
        assertThat(rules.retryPolicy()).isEqualTo(RetryPolicy.NONE);
        assertThat(rules.ranker().rank(null)).isEqualTo(7);
    }

    private static TaskDefinition remote(long version) {
        return TaskDefinition.of("hello", TaskDefinition.REMOTE, Map.of()).withQueue("far")
                .withRanker(RankerSpec.fixed(9)).withTimeout(java.time.Duration.ofMinutes(5)).saved(version, NOW);
    }

    @Test
    void aRemoteDefinitionLendsItsRulesButIsNeverRunHere() {
        registry.sync(List.of(remote(1)));

        assertThat(registry.names()).containsExactly("in-code");
        TaskRegistry.Rules rules = registry.rules("hello");
        assertThat(rules.queue()).isEqualTo("far");
        assertThat(rules.ranker().rank(null)).isEqualTo(9);
        assertThat(rules.timeout()).isEqualTo(java.time.Duration.ofMinutes(5));
    }

    @Test
    void redefiningATaskForRemoteWorkersStopsRunningItHere() {
        registry.install(hello("hi", 1), registry.build(hello("hi", 1)));

        registry.learnRemote(remote(2));

        assertThat(registry.names()).containsExactly("in-code");
        assertThat(type.closed).containsExactly("hi");
        assertThat(registry.rules("hello").queue()).isEqualTo("far");
        registry.learnRemote(remote(1).withQueue("old")); // an older version changes nothing
        assertThat(registry.rules("hello").queue()).isEqualTo("far");
    }

    @Test
    void theRemoteExecutorTakesNoSettings() {
        assertThatThrownBy(() -> TaskDefinition.of("hello", TaskDefinition.REMOTE, Map.of("url", "x")))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("settings"));
    }
}
