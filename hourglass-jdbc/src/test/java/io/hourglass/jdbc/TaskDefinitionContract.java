package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.ConflictException;
import io.hourglass.InvalidRequestException;
import io.hourglass.attempt.Outcome;
import io.hourglass.queue.RankerSpec;
import io.hourglass.task.RetryPolicy;
import io.hourglass.task.TaskDefinition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Task definitions: versions, optimistic conflicts, round trips of every field, deletes, concurrent saves. */
abstract class TaskDefinitionContract extends StatsContract {

    static TaskDefinition definition(String name, String greeting) {
        return TaskDefinition.of(name, "recording", Map.of("greeting", greeting)).saved(0, T0);
    }

    @Test
    void newDefinitionIsVersionOneAndEachReplaceRaisesIt() throws SQLException {
        TaskDefinition first = store.saveTaskDefinition(definition("greet", "hello"), null);
        TaskDefinition second = store.saveTaskDefinition(definition("greet", "hi").saved(0, T0.plusSeconds(5)), null);
        TaskDefinition third = store.saveTaskDefinition(definition("greet", "hey").saved(0, T0.plusSeconds(9)), 2L);

        assertThat(first.version()).isEqualTo(1);
        assertThat(first.updatedAt()).isEqualTo(T0);
        assertThat(second.version()).isEqualTo(2);
        assertThat(third.version()).isEqualTo(3);
        assertThat(third.updatedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(store.findTaskDefinition("greet")).contains(third);
        assertThat(store.findTaskDefinition("greet").orElseThrow().settings()).containsEntry("greeting", "hey");
        try (Connection c = openConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT created_at, updated_at FROM hourglass_task_definitions")) {
            assertThat(rs.next()).isTrue();
            assertThat(Sql.instant(rs, "created_at")).as("created_at stays the first save's").isEqualTo(T0);
            assertThat(Sql.instant(rs, "updated_at")).isEqualTo(T0.plusSeconds(9));
        }
    }

    @Test
    void savedDefinitionReadsBackWithEveryField() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("zeta", 1);
        nested.put("alpha", List.of("x", 2, false, Map.of("deep", 2.5)));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("url", "https://example.invalid/hook");
        settings.put("retries", 3);
        settings.put("big", 9_000_000_000L);
        settings.put("ratio", 0.75);
        settings.put("enabled", true);
        settings.put("nothing", null);
        settings.put("headers", nested);
        settings.put("list", List.of(1, "two", List.of(3)));
        RetryPolicy retry = new RetryPolicy(7, Duration.ofMillis(1500), 3.0, Duration.ofMinutes(2), 0.1,
                Set.of(Outcome.FAILED, Outcome.TIMED_OUT, Outcome.INFRA_ERROR));
        TaskDefinition full = new TaskDefinition("full.task:v1", "webhook", settings, "hooks", retry,
                Duration.ofSeconds(90), RankerSpec.ageBased(Duration.ofMinutes(5), 40),
                io.hourglass.task.OutcomeRules.fromList(List.of(Map.of("match", Map.of("output", "SessionNotCreated",
                        "outcome", "succeeded"), "then", "infra_error"))), Duration.ofMinutes(3), 0,
                T0.plusNanos(123_456_789));

        TaskDefinition saved = store.saveTaskDefinition(full, null);
        TaskDefinition read = store.findTaskDefinition("full.task:v1").orElseThrow();

        assertThat(saved).isEqualTo(full.saved(1, T0.plusNanos(123_456_000)));
        assertThat(read).isEqualTo(saved);
        assertThat(read.settings()).isEqualTo(settings);
        assertThat(read.settings().keySet()).containsExactly("url", "retries", "big", "ratio", "enabled", "nothing",
                "headers", "list");
        assertThat(List.copyOf(((Map<?, ?>) read.settings().get("headers")).keySet()))
                .isEqualTo(List.of("zeta", "alpha"));
        assertThat(read.retryPolicy()).isEqualTo(retry);
        assertThat(read.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(read.ranker()).isEqualTo(RankerSpec.ageBased(Duration.ofMinutes(5), 40));
        assertThat(read.outcomeRules().toList()).isEqualTo(full.outcomeRules().toList());
        assertThat(read.expiresAfter()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void everyRankerKindAndTheDefaultsReadBack() {
        List<RankerSpec> rankers = List.of(RankerSpec.fixed(-3), RankerSpec.ageBased(Duration.ofMillis(1), 0),
                RankerSpec.timeSinceLastSuccess(Duration.ofHours(1), 100), RankerSpec.DEFAULT);
        for (int i = 0; i < rankers.size(); i++) {
            store.saveTaskDefinition(definition("ranked-" + i, "hi").withRanker(rankers.get(i)), null);
        }
        TaskDefinition defaults = store.saveTaskDefinition(
                TaskDefinition.of("defaults", "shell", null).saved(0, T0), null);

        assertThat(store.findTaskDefinitions().stream().filter(d -> d.name().startsWith("ranked-"))
                .map(TaskDefinition::ranker)).containsExactlyElementsOf(rankers);
        TaskDefinition read = store.findTaskDefinition("defaults").orElseThrow();
        assertThat(read).isEqualTo(defaults);
        assertThat(read.settings()).isEmpty();
        assertThat(read.queue()).isEqualTo("default");
        assertThat(read.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(read.timeout()).isNull();
        assertThat(read.ranker()).isEqualTo(RankerSpec.DEFAULT);
        assertThat(store.findTaskDefinition("ranked-1").orElseThrow().retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void expectedVersionMustMatchTheStoredOne() {
        assertThatThrownBy(() -> store.saveTaskDefinition(definition("guarded", "a"), 1L))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'guarded'").hasMessageContaining("stored version 0")
                .hasMessageContaining("version 1");
        assertThat(store.findTaskDefinition("guarded")).isEmpty();

        assertThat(store.saveTaskDefinition(definition("guarded", "a"), 0L).version()).isEqualTo(1);
        assertThat(store.saveTaskDefinition(definition("guarded", "b"), 1L).version()).isEqualTo(2);

        assertThatThrownBy(() -> store.saveTaskDefinition(definition("guarded", "c"), 0L))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'guarded'").hasMessageContaining("stored version 2")
                .hasMessageContaining("expected version 0");
        assertThatThrownBy(() -> store.saveTaskDefinition(definition("guarded", "c"), 1L))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("'guarded'").hasMessageContaining("stored version 2")
                .hasMessageContaining("expected version 1");
        TaskDefinition kept = store.findTaskDefinition("guarded").orElseThrow();
        assertThat(kept.version()).isEqualTo(2);
        assertThat(kept.settings()).containsEntry("greeting", "b");
    }

    @Test
    void settingsThatAreNotJsonAreRefusedNamingTheField() {
        TaskDefinition odd = TaskDefinition.of("odd", "recording", Map.of("thing", new Object())).saved(0, T0);

        assertThatThrownBy(() -> store.saveTaskDefinition(odd, null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("settings"));
        assertThat(store.findTaskDefinition("odd")).isEmpty();
    }

    @Test
    void deleteRemovesTheDefinitionOnce() {
        store.saveTaskDefinition(definition("doomed", "bye"), null);
        store.saveTaskDefinition(definition("kept", "stay"), null);

        assertThat(store.deleteTaskDefinition("doomed")).isTrue();
        assertThat(store.deleteTaskDefinition("doomed")).isFalse();
        assertThat(store.deleteTaskDefinition("never-defined")).isFalse();
        assertThat(store.findTaskDefinition("doomed")).isEmpty();
        assertThat(store.findTaskDefinitions()).extracting(TaskDefinition::name).containsExactly("kept");

        assertThat(store.saveTaskDefinition(definition("doomed", "again"), 0L).version()).isEqualTo(1);
    }

    @Test
    void definitionsAreListedByName() {
        for (String name : List.of("mango", "apple", "kiwi", "banana")) {
            store.saveTaskDefinition(definition(name, name), null);
        }

        assertThat(store.findTaskDefinitions()).extracting(TaskDefinition::name)
                .containsExactly("apple", "banana", "kiwi", "mango");
    }

    @Test
    void concurrentSavesOfOneNameGetDistinctVersions() throws Exception {
        int names = 10;
        int savesPerThread = 5;
        List<List<Long>> perThread = inTwoThreads(() -> {
            List<Long> versions = new ArrayList<>();
            for (int n = 0; n < names; n++) {
                for (int s = 0; s < savesPerThread; s++) {
                    versions.add(store.saveTaskDefinition(definition("raced-" + n, "s" + s), null).version());
                }
            }
            return versions;
        });

        for (int n = 0; n < names; n++) {
            int from = n * savesPerThread;
            List<Long> versions = new ArrayList<>(perThread.get(0).subList(from, from + savesPerThread));
            versions.addAll(perThread.get(1).subList(from, from + savesPerThread));
            assertThat(versions).containsExactlyInAnyOrderElementsOf(
                    LongStream.rangeClosed(1, 2L * savesPerThread).boxed().toList());
            assertThat(store.findTaskDefinition("raced-" + n).orElseThrow().version()).isEqualTo(2L * savesPerThread);
        }
    }

    @Test
    void concurrentSavesOfANewNameLetExactlyOneWin() throws Exception {
        int names = 20;
        List<List<String>> perThread = inTwoThreads(() -> {
            List<String> results = new ArrayList<>();
            for (int n = 0; n < names; n++) {
                try {
                    results.add("v" + store.saveTaskDefinition(definition("fresh-" + n, "x"), 0L).version());
                } catch (ConflictException e) {
                    results.add("conflict");
                }
            }
            return results;
        });

        for (int n = 0; n < names; n++) {
            assertThat(List.of(perThread.get(0).get(n), perThread.get(1).get(n))).containsExactlyInAnyOrder("v1",
                    "conflict");
        }
        assertThat(store.findTaskDefinitions()).hasSize(names).allMatch(d -> d.version() == 1);
    }

    /** Runs the work in two threads at once (each on its own pooled connection); their results in thread order. */
    private static <T> List<T> inTwoThreads(java.util.concurrent.Callable<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
